import PulseCore

/// The JSON body of a generic webhook delivery (see `WebhookChannel` for the documented shape).
public struct WebhookPayload: Codable, Hashable, Sendable {
    /// The alert a delivery is about.
    public struct AlertReference: Codable, Hashable, Sendable {
        public var id: String
        public var fingerprint: String?
    }

    /// The outbox row id (also in `X-Pulse-Delivery`).
    public var delivery: String
    public var kind: String
    public var tenant: String
    public var recipient: String
    /// "new", "escalated", "reopened", "resolved", or the report name.
    public var action: String
    public var severity: String
    public var alert: AlertReference?
    public var subject: String
    public var text: String
    public var link: String?
    /// Unix seconds of this attempt.
    public var sentAt: Int64

    public init(item: OutboxItem, message: DeliveryMessage, sentAt: Int64) {
        delivery = item.id
        kind = item.kind.rawValue
        tenant = item.tenant.rawValue
        recipient = item.recipient
        action = item.action
        severity = (message.severity ?? item.severity).rawValue
        alert = item.alert.map { AlertReference(id: $0.rawValue, fingerprint: item.fingerprint) }
        subject = message.subject
        text = message.text
        link = message.link
        self.sentAt = sentAt
    }
}
