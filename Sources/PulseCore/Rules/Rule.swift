import Foundation

/// One alert rule: when `condition` holds for an entity of `scope`, an alert of `severity` goes to `recipients`
/// with the message `message` fills in. Loaded from YAML (docs/rules.md); the built-in pack ships with Pulse.
public struct Rule: Identifiable, Hashable, Sendable {
    public typealias ID = String
    /// Stable id, lower-case words joined by `-` ("stalled-deal"); part of every alert fingerprint.
    public var id: ID
    public var title: String
    public var description: String
    public var scope: RuleScope
    /// For `segment` scope: the deal dimensions that make a segment (industry, region, segment, lead_source,
    /// product, pipeline). Empty for other scopes.
    public var segmentBy: [String]
    public var condition: Condition
    public var severity: Severity
    /// Response SLA before escalation; nil = the severity's default (`Severity.responseSLA`).
    public var sla: RuleDuration?
    public var recipients: [RecipientRole]
    public var message: RuleMessage
    /// Static labels added to the fingerprint and usable by silences (`team: emea`).
    public var labels: [String: String]
    /// Rules whose alerts on the same entity this rule's open alert suppresses (P1 "deal at risk" → P2 "stalled").
    public var inhibits: [ID]
    /// The condition must hold this long before the alert notifies (flap damping on the way up); 0 = at once.
    public var pendingFor: RuleDuration?
    /// The condition must stay clear this long before the alert resolves (flap damping on the way down).
    public var resolveAfter: RuleDuration?
    public var enabled: Bool
    /// Evaluate and record, never notify.
    public var shadow: Bool
    /// Where the rule came from: "builtin:stalled-deal.yaml" or a file path; for messages.
    public var source: String
    /// Category from the documents ("risk", "buying_signal", "churn_risk", "advancement", "opportunity",
    /// "performance", "milestone", "pipeline", "quality", "anomaly"); used for grouping in reports.
    public var category: String

    public init(
        id: ID, title: String, description: String = "", scope: RuleScope, segmentBy: [String] = [],
        condition: Condition, severity: Severity, sla: RuleDuration? = nil, recipients: [RecipientRole] = [.owner],
        message: RuleMessage = RuleMessage(), labels: [String: String] = [:], inhibits: [ID] = [],
        pendingFor: RuleDuration? = nil, resolveAfter: RuleDuration? = nil, enabled: Bool = true,
        shadow: Bool = false, source: String = "", category: String = ""
    ) {
        self.id = id
        self.title = title
        self.description = description
        self.scope = scope
        self.segmentBy = segmentBy
        self.condition = condition
        self.severity = severity
        self.sla = sla
        self.recipients = recipients
        self.message = message
        self.labels = labels
        self.inhibits = inhibits
        self.pendingFor = pendingFor
        self.resolveAfter = resolveAfter
        self.enabled = enabled
        self.shadow = shadow
        self.source = source
        self.category = category
    }

    /// The SLA that applies: the rule's own, else the severity's; nil = never escalates.
    public var effectiveSLA: TimeInterval? { sla?.timeInterval ?? severity.responseSLA }
}

/// Who receives a rule's alerts, resolved against the entity's owner and the org chart at evaluation time.
public enum RecipientRole: String, Hashable, Sendable, Codable, CaseIterable {
    /// The entity's owner: deal owner, account owner, the rep themself; for team/segment/tenant the managers.
    case owner
    /// The owner's manager (`Rep.manager`), or every manager of the team.
    case manager
    /// Every rep with role `executive` in the tenant (CRO, sales leadership).
    case executive
    /// Every rep with role `revops` (RevOps, data team).
    case revops
    /// Every rep with role `csm` who owns the account (customer success).
    case csm
}

/// The text of a rule's alerts, as templates filled from the evaluation's facts: `{{name}}` is replaced by the
/// fact or metric `name` formatted by its unit; a line whose variables have no value is left out.
public struct RuleMessage: Hashable, Sendable {
    /// Headline, e.g. "VELOCITY ALERT: Deal at Risk"; defaults to the rule title.
    public var title: String?
    /// Lines under the entity and owner, e.g. "Current Stage: {{deal.stage}} ({{deal.days_in_stage}} days)".
    public var facts: [String]
    /// "Why this matters" bullets.
    public var why: [String]
    /// The playbook: numbered recommended actions.
    public var actions: [String]
    /// Impact line, e.g. "{{deal.amount}} potential revenue at risk".
    public var impact: String?
    /// A money metric or fact whose value is the alert's impact in cents (for sorting and totals).
    public var impactMetric: String?

    public init(
        title: String? = nil, facts: [String] = [], why: [String] = [], actions: [String] = [], impact: String? = nil,
        impactMetric: String? = nil
    ) {
        self.title = title
        self.facts = facts
        self.why = why
        self.actions = actions
        self.impact = impact
        self.impactMetric = impactMetric
    }
}
