import Foundation

/// How one rule (or, for the total line, all rules together) would have done over a backtest's range.
///
/// `precision`, `recall` and `medianLeadDays` are nil ("n/a") when the rule's scope has no outcomes (rep, team,
/// segment, tenant) or its category predicts none, or when there was nothing to divide by.
public struct RuleBacktestScore: Hashable, Sendable, Codable {
    public var rule: Rule.ID
    public var title: String
    public var severity: Severity
    public var scope: RuleScope
    public var category: String
    public var expectation: RuleExpectation
    public var shadow: Bool
    /// Alert episodes (what would have been separate alerts).
    public var episodes: Int
    /// Distinct owners the episodes went to (episodes without owner count as one recipient).
    public var owners: Int
    /// Episodes whose entity had an expected outcome within the horizon after the episode started.
    public var hits: Int
    /// Episodes without a hit whose horizon runs past the end of the data (and whose deal did not close after
    /// the alert): undecided, not counted in precision.
    public var censored: Int
    /// hits ÷ (episodes − censored).
    public var precision: Double?
    /// Expected outcomes dated in the range on entities of the rule's scope.
    public var outcomesInRange: Int
    /// Of those, the ones an episode of this rule on the same entity started within the horizon before.
    public var recalled: Int
    /// recalled ÷ outcomesInRange.
    public var recall: Double?
    /// Median whole days from an episode's start to its first expected outcome, over the hits.
    public var medianLeadDays: Double?
    /// episodes ÷ owners ÷ weeks in the range.
    public var alertsPerOwnerPerWeek: Double
    /// Hits by the outcome that came true first ("lost": 12, "slipped": 3).
    public var hitsByOutcome: [String: Int]

    public init(
        rule: Rule.ID, title: String, severity: Severity, scope: RuleScope, category: String,
        expectation: RuleExpectation, shadow: Bool, episodes: Int = 0, owners: Int = 0, hits: Int = 0,
        censored: Int = 0, precision: Double? = nil, outcomesInRange: Int = 0, recalled: Int = 0,
        recall: Double? = nil, medianLeadDays: Double? = nil, alertsPerOwnerPerWeek: Double = 0,
        hitsByOutcome: [String: Int] = [:]
    ) {
        self.rule = rule
        self.title = title
        self.severity = severity
        self.scope = scope
        self.category = category
        self.expectation = expectation
        self.shadow = shadow
        self.episodes = episodes
        self.owners = owners
        self.hits = hits
        self.censored = censored
        self.precision = precision
        self.outcomesInRange = outcomesInRange
        self.recalled = recalled
        self.recall = recall
        self.medianLeadDays = medianLeadDays
        self.alertsPerOwnerPerWeek = alertsPerOwnerPerWeek
        self.hitsByOutcome = hitsByOutcome
    }

    /// True when precision and recall can be scored: a deal or account rule that predicts an outcome.
    public var isScored: Bool { expectation != .none && OutcomeLedger.hasOutcomes(scope) }
}
