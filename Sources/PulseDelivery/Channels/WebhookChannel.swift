import Crypto
import Foundation
import PulseCore

/// POSTs a JSON description of the alert or report to a generic webhook, signed so the receiver can check it
/// came from Pulse: `X-Pulse-Signature: sha256=<hex HMAC-SHA256(secret, body)>`, `X-Pulse-Timestamp` (Unix
/// seconds of the attempt) and `X-Pulse-Delivery` (the outbox row id, the same on every retry: an idempotency key).
///
/// The body (`WebhookPayload`, keys sorted):
/// `{"delivery", "kind": "alert"|"report", "tenant", "recipient", "action", "severity", "alert": {"id",
/// "fingerprint"} (alerts only), "subject", "text", "link", "sentAt"}`.
public struct WebhookChannel: DeliveryChannel {
    public let kind = DeliveryChannelKind.webhook
    let settings: WebhookSettings?
    let poster: JSONPoster
    let clock: @Sendable () -> Date

    /// `clock` stamps `X-Pulse-Timestamp` and `sentAt`.
    public init(settings: WebhookSettings?, poster: JSONPoster, clock: @escaping @Sendable () -> Date = Date.init) {
        self.settings = settings
        self.poster = poster
        self.clock = clock
    }

    /// `sha256=` and the hex HMAC-SHA256 of `body` keyed with `secret`.
    public static func signature(of body: Data, secret: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Data(secret.utf8)))
        return "sha256=" + mac.map { String(format: "%02x", $0) }.joined()
    }

    public func send(_ message: DeliveryMessage, to recipient: DeliveryRecipient, item: OutboxItem) async throws {
        guard let settings else { throw DeliveryError.notConfigured(channel: .webhook, reason: "no webhook URL") }
        let now = clock()
        let payload = WebhookPayload(item: item, message: message, sentAt: Int64(now.timeIntervalSince1970))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let body = try encoder.encode(payload)
        try await poster.post(
            body, to: settings.url,
            headers: [
                ("X-Pulse-Signature", Self.signature(of: body, secret: settings.secret)),
                ("X-Pulse-Timestamp", String(Int64(now.timeIntervalSince1970))),
                ("X-Pulse-Delivery", item.id),
            ])
    }
}
