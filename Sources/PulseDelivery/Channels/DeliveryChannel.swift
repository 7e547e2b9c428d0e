import PulseCore

/// One way of delivering a rendered message (Slack, email, webhook, PagerDuty). `send` returns when the receiver
/// accepted the message and throws a `DeliveryError` otherwise; the outbox dispatcher decides about retries.
public protocol DeliveryChannel: Sendable {
    var kind: DeliveryChannelKind { get }
    /// Delivers `message` to `recipient`; `item` is the outbox row (its id is the idempotency key).
    func send(_ message: DeliveryMessage, to recipient: DeliveryRecipient, item: OutboxItem) async throws
}
