import Foundation

/// One message to one recipient over one channel, written before it is sent; its id is the delivery key, so it is
/// never written, and never delivered, twice.
public struct OutboxItem: Identifiable, Hashable, Sendable, Codable {
    /// What the message is about.
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        case alert, report
    }
    /// Where the message is in its delivery.
    public enum Status: String, Hashable, Sendable, Codable, CaseIterable {
        /// Waiting for its first or next attempt (`nextAttemptAt`).
        case pending
        case delivered
        /// Gave up after the last allowed attempt; retried only by hand (`pulse outbox retry`, the API).
        case dead
    }

    /// Alerts: `<notification id>|<channel>`; reports: `report|<name>|<recipient>|<period>|<channel>`.
    public var id: String
    public var tenant: Tenant.ID
    public var kind: Kind
    public var channel: DeliveryChannelKind
    /// Alerts: the rep id the notification names; reports: the user id.
    public var recipient: String
    /// Orders delivery (most severe first); reports use `.low`.
    public var severity: Severity
    public var alert: Alert.ID?
    public var fingerprint: String?
    /// The notification this row delivers (alerts), which is marked when the row is written.
    public var notification: String?
    /// PagerDuty: "trigger", "acknowledge" or "resolve"; otherwise the notification reason or the report name.
    public var action: String
    /// The content, for reports and other pre-rendered messages; alert rows are rendered from the alert when sent.
    public var message: DeliveryMessage?
    public var status: Status
    public var attempts: Int
    public var nextAttemptAt: Date
    public var lastError: String?
    public var createdAt: Date
    public var deliveredAt: Date?

    public init(
        id: String, tenant: Tenant.ID, kind: Kind, channel: DeliveryChannelKind, recipient: String,
        severity: Severity, alert: Alert.ID? = nil, fingerprint: String? = nil, notification: String? = nil,
        action: String, message: DeliveryMessage? = nil, status: Status = .pending, attempts: Int = 0,
        nextAttemptAt: Date, lastError: String? = nil, createdAt: Date, deliveredAt: Date? = nil
    ) {
        self.id = id
        self.tenant = tenant
        self.kind = kind
        self.channel = channel
        self.recipient = recipient
        self.severity = severity
        self.alert = alert
        self.fingerprint = fingerprint
        self.notification = notification
        self.action = action
        self.message = message
        self.status = status
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.lastError = lastError
        self.createdAt = createdAt
        self.deliveredAt = deliveredAt
    }
}

/// The result of one delivery attempt, recorded by the store in one transaction.
public struct DeliveryOutcome: Hashable, Sendable {
    /// What happened.
    public enum Result: Hashable, Sendable {
        case delivered
        /// Failed; try again at the date.
        case retry(at: Date)
        /// Failed for the last time.
        case dead
        /// Not sent yet for a reason that is not a failure (quiet hours); attempts are not counted.
        case deferred(until: Date)
    }
    public var id: String
    public var at: Date
    public var result: Result
    /// The failure, as a sentence ("HTTP 503 from hooks.slack.com", "SMTP 550 mailbox unavailable").
    public var error: String?

    public init(id: String, at: Date, result: Result, error: String? = nil) {
        self.id = id
        self.at = at
        self.result = result
        self.error = error
    }
}
