import Foundation

/// One alert: a rule's condition holding for one entity, tracked from first firing to resolution.
///
/// The same condition on the same entity is one alert (same `fingerprint`) that updates in place and is never
/// sent twice; after it resolves, a new firing opens a new alert with the same fingerprint.
public struct Alert: Identifiable, Hashable, Sendable, Codable {
    public typealias ID = Identifier<Alert>
    /// `<fingerprint>-<raisedAt Unix seconds>`: unique, deterministic for a given evaluation time.
    public var id: ID
    /// Short number the store assigns on first save (0 before); what users type (`pulse alerts show 17`).
    public var number: Int64
    public var tenant: Tenant.ID
    /// Hex hash of tenant + rule + entity + labels (`AlertFingerprint`).
    public var fingerprint: String
    public var rule: Rule.ID
    public var severity: Severity
    public var category: String
    public var entity: EntityRef
    public var entityName: String
    /// The entity's owner when it has one.
    public var owner: Rep.ID?
    /// Who is notified at the current escalation level.
    public var recipients: [Rep.ID]
    /// Who is working on it (set by `assign`; starts as the owner).
    public var assignee: Rep.ID?
    /// Labels for silences and filters: the rule's static labels plus `rule`, `severity`, `scope`, `entity`,
    /// `owner`, `category` and the match's related ids (`account`, `team` …).
    public var labels: [String: String]
    public var state: AlertState
    /// Why the alert notifies nobody at the moment, if it doesn't.
    public var suppression: AlertSuppression?
    /// Evaluated and recorded only (the rule is in shadow mode): never notifies.
    public var shadow: Bool
    /// First time the condition was seen holding.
    public var raisedAt: Date
    /// When it became `open` (after any pending period); nil while pending.
    public var openedAt: Date?
    /// Latest evaluation that found the condition holding.
    public var lastFiringAt: Date
    /// Since when the condition has been clear, while waiting out `resolveAfter`; nil while it holds.
    public var clearSince: Date?
    public var updatedAt: Date
    public var acknowledgedAt: Date?
    public var acknowledgedBy: String?
    public var snoozedUntil: Date?
    public var resolvedAt: Date?
    /// Who resolved it: "pulse" when the condition cleared, else the user.
    public var resolvedBy: String?
    public var resolutionNote: String?
    /// 0 = owner, 1 = manager, 2 = executive.
    public var escalationLevel: Int
    /// When the SLA runs out at the current level (nil when the severity never escalates or it is handled).
    public var slaDueAt: Date?
    /// The message, filled from the latest firing.
    public var content: AlertContent
    /// The facts of the latest firing.
    public var facts: [String: FactValue]
    public var impactCents: Int64?
    /// When the first notification at level 0 was written; nil while nobody has been told (pending, shadow,
    /// silenced or inhibited since it was raised). Lets a released alert notify exactly once.
    public var notifiedAt: Date?
    /// The resolved alert with the same fingerprint this one follows, when it fired again within the flap window.
    public var reopenedFrom: ID?

    public init(
        id: ID, number: Int64 = 0, tenant: Tenant.ID, fingerprint: String, rule: Rule.ID, severity: Severity,
        category: String = "", entity: EntityRef, entityName: String, owner: Rep.ID? = nil, recipients: [Rep.ID] = [],
        assignee: Rep.ID? = nil, labels: [String: String] = [:], state: AlertState,
        suppression: AlertSuppression? = nil,
        shadow: Bool = false, raisedAt: Date, openedAt: Date? = nil, lastFiringAt: Date, clearSince: Date? = nil,
        updatedAt: Date, acknowledgedAt: Date? = nil, acknowledgedBy: String? = nil, snoozedUntil: Date? = nil,
        resolvedAt: Date? = nil, resolvedBy: String? = nil, resolutionNote: String? = nil, escalationLevel: Int = 0,
        slaDueAt: Date? = nil, content: AlertContent, facts: [String: FactValue] = [:], impactCents: Int64? = nil,
        notifiedAt: Date? = nil, reopenedFrom: ID? = nil
    ) {
        self.id = id
        self.number = number
        self.tenant = tenant
        self.fingerprint = fingerprint
        self.rule = rule
        self.severity = severity
        self.category = category
        self.entity = entity
        self.entityName = entityName
        self.owner = owner
        self.recipients = recipients
        self.assignee = assignee
        self.labels = labels
        self.state = state
        self.suppression = suppression
        self.shadow = shadow
        self.raisedAt = raisedAt
        self.openedAt = openedAt
        self.lastFiringAt = lastFiringAt
        self.clearSince = clearSince
        self.updatedAt = updatedAt
        self.acknowledgedAt = acknowledgedAt
        self.acknowledgedBy = acknowledgedBy
        self.snoozedUntil = snoozedUntil
        self.resolvedAt = resolvedAt
        self.resolvedBy = resolvedBy
        self.resolutionNote = resolutionNote
        self.escalationLevel = escalationLevel
        self.slaDueAt = slaDueAt
        self.content = content
        self.facts = facts
        self.impactCents = impactCents
        self.notifiedAt = notifiedAt
        self.reopenedFrom = reopenedFrom
    }

    /// True until the alert is resolved.
    public var isActive: Bool { state != .resolved }
}

/// Where an alert is in its lifecycle.
public enum AlertState: String, Hashable, Sendable, Codable, CaseIterable {
    /// Firing, but not yet for the rule's `pendingFor`: recorded, not notified.
    case pending
    /// Firing and notified; waiting for someone to acknowledge.
    case open
    /// Someone took it; no escalation.
    case acknowledged
    /// Put aside until `snoozedUntil`; then it returns to open if still firing.
    case snoozed
    /// The condition cleared (for `resolveAfter`) or a user resolved it.
    case resolved
}

/// Why an active alert notifies nobody.
public enum AlertSuppression: Hashable, Sendable, Codable {
    /// A silence matched it (silence id).
    case silenced(String)
    /// An open alert of an inhibiting rule on the same entity (that alert's fingerprint).
    case inhibited(String)
}

/// The text of an alert, laid out like sales-intelligence-design.md §3.2's examples.
public struct AlertContent: Hashable, Sendable, Codable {
    /// "VELOCITY ALERT: Deal at Risk".
    public var title: String
    /// "Deal: D04523 - Acme Corp".
    public var entityLine: String
    /// "Rep: Sarah Johnson (rep_12)"; nil when the entity has no owner.
    public var ownerLine: String?
    /// Numbers that fired it and their baseline.
    public var facts: [String]
    /// "Why this matters" bullets.
    public var why: [String]
    /// Numbered recommended actions (without the numbers).
    public var actions: [String]
    /// "$45K potential revenue at risk".
    public var impact: String?

    public init(
        title: String, entityLine: String, ownerLine: String? = nil, facts: [String] = [], why: [String] = [],
        actions: [String] = [], impact: String? = nil
    ) {
        self.title = title
        self.entityLine = entityLine
        self.ownerLine = ownerLine
        self.facts = facts
        self.why = why
        self.actions = actions
        self.impact = impact
    }
}
