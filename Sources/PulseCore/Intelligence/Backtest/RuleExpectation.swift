import Foundation

/// What a rule's alerts predict, from its category: bad outcomes (lost, slipped, churned) for risk-like
/// categories, good ones (won, expanded) for buying signals and the like, nothing for the rest.
public enum RuleExpectation: String, Hashable, Sendable, Codable {
    case bad, good, none

    /// Categories whose alerts warn of a bad outcome.
    public static let badCategories: Set<String> = [
        "risk", "churn_risk", "deal_risk", "pipeline", "quality", "anomaly", "velocity", "engagement_risk",
    ]
    /// Categories whose alerts announce a good outcome.
    public static let goodCategories: Set<String> = [
        "buying_signal", "opportunity", "advancement", "milestone", "expansion",
    ]

    /// The expectation of a category (case-insensitive; any other category containing "risk" is bad).
    public init(category: String) {
        let c = category.lowercased()
        if Self.badCategories.contains(c) || c.contains("risk") {
            self = .bad
        } else if Self.goodCategories.contains(c) {
            self = .good
        } else {
            self = .none
        }
    }

    /// The outcome kinds that count as this expectation coming true.
    public var kinds: Set<BacktestOutcome.Kind> {
        switch self {
        case .bad: [.lost, .slipped, .churned]
        case .good: [.won, .expanded]
        case .none: []
        }
    }
}
