import Foundation

/// An account's health: the weighted sum of its components, 0–100.
public struct AccountHealth: Hashable, Sendable {
    public var account: Account.ID
    public var components: [HealthComponent]

    /// Σ weight × score ÷ Σ weight, 0–100.
    public var score: Double {
        let w = components.reduce(0) { $0 + $1.weight }
        return w > 0 ? components.reduce(0) { $0 + $1.weight * $1.score } / w : 0
    }

    /// The component with the lowest sub-score (the main reason for a low score).
    public var weakest: HealthComponent? { components.min { $0.score < $1.score } }
}
