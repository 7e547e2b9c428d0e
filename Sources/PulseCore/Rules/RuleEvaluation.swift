import Foundation

/// The outcome of evaluating one rule for one entity at `now`: firing with its facts, or clear.
///
/// The alert book opens, updates or resolves alerts from these; an entity that was not evaluated produces no
/// `RuleEvaluation`, so its alerts are left as they are (incremental evaluation).
public struct RuleEvaluation: Hashable, Sendable {
    public var rule: Rule.ID
    public var entity: EntityRef
    public var now: Date
    /// Non-nil when the condition holds.
    public var match: RuleMatch?

    public init(rule: Rule.ID, entity: EntityRef, now: Date, match: RuleMatch?) {
        self.rule = rule
        self.entity = entity
        self.now = now
        self.match = match
    }

    public var isFiring: Bool { match != nil }
}

/// Everything a firing evaluation found, for fingerprints, routing and the alert's message.
public struct RuleMatch: Hashable, Sendable {
    /// Display name of the entity ("D04523 - Acme Corp", "Sarah Johnson", "industry=EdTech").
    public var entityName: String
    /// The entity's owner (deal/account owner, the rep itself); nil for team/segment/tenant.
    public var owner: Rep.ID?
    /// Related ids for routing and silences: "account", "deal", "team", "segment" → value.
    public var related: [String: String]
    /// Values found: every metric and measure the condition read (by name or `as:` alias), the condition
    /// facts (`<as>.current`, `<as>.count` …) and the entity's attributes. Message templates read from here.
    public var facts: [String: FactValue]
    /// Impact in cents when the rule names an impact metric and it has a value.
    public var impactCents: Int64?

    public init(
        entityName: String, owner: Rep.ID?, related: [String: String] = [:], facts: [String: FactValue],
        impactCents: Int64? = nil
    ) {
        self.entityName = entityName
        self.owner = owner
        self.related = related
        self.facts = facts
        self.impactCents = impactCents
    }
}
