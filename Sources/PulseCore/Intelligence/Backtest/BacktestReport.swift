import Foundation

/// The result of a backtest: per-rule scores sorted by episodes (most first), a total line and what the data
/// held; encodes as the `pulse backtest --json` document.
public struct BacktestReport: Hashable, Sendable, Codable {
    /// All rules together: precision over the scored rules' episodes, recall of every bad outcome in the range
    /// by any risk rule, fatigue over all episodes.
    public struct Total: Hashable, Sendable, Codable {
        public var episodes: Int
        public var owners: Int
        public var hits: Int
        public var censored: Int
        public var precision: Double?
        /// Bad outcomes (lost, slipped, churned) dated in the range.
        public var badOutcomesInRange: Int
        /// Of those, the ones some risk rule's episode on the deal (or its account) started within the horizon
        /// before.
        public var recalled: Int
        public var recall: Double?
        public var medianLeadDays: Double?
        public var alertsPerOwnerPerWeek: Double
    }

    public var from: Date
    public var to: Date
    public var stepDays: Int
    public var horizonDays: Int
    /// Days evaluated.
    public var daysReplayed: Int
    /// Rule × entity pairs evaluated over all days.
    public var evaluations: Int
    /// The latest date in the data: outcomes are known up to here.
    public var dataEnd: Date?
    public var rules: [RuleBacktestScore]
    public var total: Total
    /// Precision pooled over the scored rules of each severity ("critical" is P1), where any episode was decided.
    public var precisionBySeverity: [String: Double]
    /// Outcomes dated in the range, by kind ("lost": 120 …).
    public var outcomesInRange: [String: Int]
    /// Accounts flagged churned with no date anywhere (not outcomes).
    public var undatedChurns: Int
    /// What the data could not show (no expected close dates → no slipped deals …).
    public var notes: [String]
}
