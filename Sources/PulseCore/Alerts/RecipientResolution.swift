import Foundation

/// The reps an alert goes to, and how fallbacks were used to find them (for the audit trail).
public struct RecipientResolution: Hashable, Sendable {
    public var reps: [Rep.ID]
    /// One sentence per fallback: "manager: nobody → executive".
    public var notes: [String]

    public init(reps: [Rep.ID] = [], notes: [String] = []) {
        self.reps = reps
        self.notes = notes
    }
}
