import Foundation

/// One line of an alert's audit trail: every state change, action, notification and suppression.
public struct AlertAuditEntry: Hashable, Sendable, Codable {
    public var alert: Alert.ID
    public var tenant: Tenant.ID
    public var at: Date
    /// "pulse" for the engine, else the user who acted.
    public var actor: String
    public var action: AlertAction
    public var fromState: AlertState?
    public var toState: AlertState?
    /// A sentence: "SMI 0.048 < 0.07", "snoozed until 2026-11-27 09:00", "to rep_12 (throttled → digest)".
    public var detail: String

    public init(
        alert: Alert.ID, tenant: Tenant.ID, at: Date, actor: String, action: AlertAction, fromState: AlertState? = nil,
        toState: AlertState? = nil, detail: String = ""
    ) {
        self.alert = alert
        self.tenant = tenant
        self.at = at
        self.actor = actor
        self.action = action
        self.fromState = fromState
        self.toState = toState
        self.detail = detail
    }
}

/// What happened to an alert.
public enum AlertAction: String, Hashable, Sendable, Codable, CaseIterable {
    case raised, opened, updated, acknowledged, snoozed, unsnoozed, assigned, resolved, reopened, escalated
    case silenced, unsilenced, inhibited, uninhibited, notified, throttled, feedback
}

/// A silence: alerts whose labels match every matcher notify nobody between `startsAt` and `endsAt`.
public struct Silence: Identifiable, Hashable, Sendable, Codable {
    public typealias ID = String
    public var id: ID
    public var tenant: Tenant.ID
    public var matchers: [LabelMatcher]
    public var startsAt: Date
    public var endsAt: Date
    public var createdBy: String
    public var reason: String
    public var createdAt: Date

    public init(
        id: ID, tenant: Tenant.ID, matchers: [LabelMatcher], startsAt: Date, endsAt: Date, createdBy: String,
        reason: String, createdAt: Date
    ) {
        self.id = id
        self.tenant = tenant
        self.matchers = matchers
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.createdBy = createdBy
        self.reason = reason
        self.createdAt = createdAt
    }

    /// Whether the silence is in force at `now`.
    public func isActive(at now: Date) -> Bool { startsAt <= now && now < endsAt }

    /// Whether every matcher matches `labels`.
    public func matches(_ labels: [String: String]) -> Bool { matchers.allSatisfy { $0.matches(labels) } }
}

/// `name=value`, `name!=value`, `name=~regex`, `name!~regex`, as Alertmanager writes them.
public struct LabelMatcher: Hashable, Sendable, Codable, CustomStringConvertible {
    public enum Operator: String, Hashable, Sendable, Codable, CaseIterable {
        case equal = "=", notEqual = "!=", matches = "=~", notMatches = "!~"
    }
    public var name: String
    public var op: Operator
    public var value: String

    public init(name: String, op: Operator, value: String) {
        self.name = name
        self.op = op
        self.value = value
    }

    /// Parses `severity=critical`, `owner!=rep_3`, `rule=~stalled.*`; nil when it is none of these.
    public init?(parsing text: String) {
        for op in [Operator.matches, .notMatches, .notEqual, .equal] {
            if let range = text.range(of: op.rawValue) {
                let name = text[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
                guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { return nil }
                self.init(
                    name: name, op: op, value: text[range.upperBound...].trimmingCharacters(in: .whitespaces))
                if op == .matches || op == .notMatches, (try? Regex(value)) == nil { return nil }
                return
            }
        }
        return nil
    }

    public var description: String { "\(name)\(op.rawValue)\(value)" }

    /// Whether the label set satisfies this matcher (a missing label is the empty string). Regexes are anchored.
    public func matches(_ labels: [String: String]) -> Bool {
        let actual = labels[name] ?? ""
        switch op {
        case .equal: return actual == value
        case .notEqual: return actual != value
        case .matches, .notMatches:
            let hit = (try? Regex(value)).map { (try? $0.wholeMatch(in: actual)) != nil } ?? false
            return op == .matches ? hit : !hit
        }
    }
}

/// A user's verdict on one alert; per rule, helpful ÷ (helpful + noise) is the rule's precision.
public struct AlertFeedback: Hashable, Sendable, Codable {
    public enum Verdict: String, Hashable, Sendable, Codable, CaseIterable {
        case helpful, noise
    }
    public var alert: Alert.ID
    public var tenant: Tenant.ID
    public var rule: Rule.ID
    public var verdict: Verdict
    public var by: String
    public var at: Date
    public var note: String?

    public init(
        alert: Alert.ID, tenant: Tenant.ID, rule: Rule.ID, verdict: Verdict, by: String, at: Date, note: String? = nil
    ) {
        self.alert = alert
        self.tenant = tenant
        self.rule = rule
        self.verdict = verdict
        self.by = by
        self.at = at
        self.note = note
    }
}

/// A message to one recipient about one alert, written before anything is sent (the outbox's input).
/// Throttled messages wait with status `digest` for the recipient's next digest.
public struct AlertNotification: Hashable, Sendable, Codable {
    public enum Reason: String, Hashable, Sendable, Codable, CaseIterable {
        case new, escalated, reopened, resolved
    }
    public enum Status: String, Hashable, Sendable, Codable, CaseIterable {
        /// Ready for immediate delivery.
        case queued
        /// Over the recipient's hourly limit: goes out in the next digest.
        case digest
        /// Handed to the outbox (set by the delivery side in the same transaction that writes its outbox rows,
        /// whose own status tracks the delivery).
        case sent
    }
    /// `<alert id>|<recipient>|<reason>|<escalation level>`: the delivery log's key, so nothing is sent twice.
    public var id: String
    public var alert: Alert.ID
    public var tenant: Tenant.ID
    public var fingerprint: String
    public var recipient: Rep.ID
    public var severity: Severity
    public var reason: Reason
    public var escalationLevel: Int
    public var status: Status
    public var createdAt: Date

    public init(
        alert: Alert.ID, tenant: Tenant.ID, fingerprint: String, recipient: Rep.ID, severity: Severity,
        reason: Reason, escalationLevel: Int, status: Status, createdAt: Date
    ) {
        self.id = "\(alert.rawValue)|\(recipient.rawValue)|\(reason.rawValue)|\(escalationLevel)"
        self.alert = alert
        self.tenant = tenant
        self.fingerprint = fingerprint
        self.recipient = recipient
        self.severity = severity
        self.reason = reason
        self.escalationLevel = escalationLevel
        self.status = status
        self.createdAt = createdAt
    }
}

/// Everything one engine step or user action changes, saved by the store in one transaction.
public struct AlertChangeSet: Hashable, Sendable {
    /// Alerts to insert or replace (by id).
    public var alerts: [Alert]
    public var audit: [AlertAuditEntry]
    public var notifications: [AlertNotification]
    public var feedback: [AlertFeedback]
    /// Silences to insert or replace (expiring one sets its `endsAt`).
    public var silences: [Silence]

    public init(
        alerts: [Alert] = [], audit: [AlertAuditEntry] = [], notifications: [AlertNotification] = [],
        feedback: [AlertFeedback] = [], silences: [Silence] = []
    ) {
        self.alerts = alerts
        self.audit = audit
        self.notifications = notifications
        self.feedback = feedback
        self.silences = silences
    }

    public var isEmpty: Bool {
        alerts.isEmpty && audit.isEmpty && notifications.isEmpty && feedback.isEmpty && silences.isEmpty
    }

    /// Appends another change set (later alert versions replace earlier ones with the same id).
    public mutating func merge(_ other: AlertChangeSet) {
        var position = [Alert.ID: Int](minimumCapacity: alerts.count)
        for (i, alert) in alerts.enumerated() { position[alert.id] = i }
        for alert in other.alerts {
            if let i = position[alert.id] {
                alerts[i] = alert
            } else {
                position[alert.id] = alerts.count
                alerts.append(alert)
            }
        }
        audit += other.audit
        notifications += other.notifications
        feedback += other.feedback
        for silence in other.silences {
            if let i = silences.firstIndex(where: { $0.id == silence.id }) {
                silences[i] = silence
            } else {
                silences.append(silence)
            }
        }
    }
}

/// Which alerts a listing wants.
public struct AlertFilter: Hashable, Sendable {
    public var tenant: Tenant.ID
    /// Empty = every state except resolved (unless `includeResolved`).
    public var states: Set<AlertState>
    public var severities: Set<Severity>
    public var owner: Rep.ID?
    /// When set, only alerts owned by, assigned to, or addressed to one of these reps (RBAC visibility).
    public var visibleTo: Set<Rep.ID>?
    public var rule: Rule.ID?
    public var entity: EntityRef?
    public var includeResolved: Bool
    public var limit: Int
    /// How many matching alerts to skip first (pagination).
    public var offset: Int

    public init(
        tenant: Tenant.ID = Tenant.defaultID, states: Set<AlertState> = [], severities: Set<Severity> = [],
        owner: Rep.ID? = nil, visibleTo: Set<Rep.ID>? = nil, rule: Rule.ID? = nil, entity: EntityRef? = nil,
        includeResolved: Bool = false, limit: Int = 1000, offset: Int = 0
    ) {
        self.tenant = tenant
        self.states = states
        self.severities = severities
        self.owner = owner
        self.visibleTo = visibleTo
        self.rule = rule
        self.entity = entity
        self.includeResolved = includeResolved
        self.limit = limit
        self.offset = offset
    }
}
