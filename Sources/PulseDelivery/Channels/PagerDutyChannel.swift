import Foundation
import PulseCore

/// Sends PagerDuty Events API v2 events: `trigger`, `acknowledge` or `resolve` (the outbox row's action) with
/// `dedup_key` = the alert fingerprint, so one Pulse alert is one PagerDuty incident that follows it.
public struct PagerDutyChannel: DeliveryChannel {
    public let kind = DeliveryChannelKind.pagerduty
    let settings: PagerDutySettings?
    let poster: JSONPoster

    public init(settings: PagerDutySettings?, poster: JSONPoster) {
        self.settings = settings
        self.poster = poster
    }

    /// PagerDuty's severity for a Pulse severity: critical, error, warning, info.
    public static func severity(_ severity: Severity) -> String {
        switch severity {
        case .critical: "critical"
        case .high: "error"
        case .medium: "warning"
        case .low: "info"
        }
    }

    /// The event body. Trigger events carry the payload (summary ≤ 1024 characters, severity, source,
    /// custom_details) and a link; acknowledge and resolve carry only the key, action and dedup key.
    public static func event(
        for message: DeliveryMessage, item: OutboxItem, routingKey: String
    ) throws -> Data {
        let action = ["trigger", "acknowledge", "resolve"].contains(item.action) ? item.action : "trigger"
        var event: [String: Any] = [
            "routing_key": routingKey, "event_action": action, "dedup_key": item.fingerprint ?? item.id,
        ]
        if action == "trigger" {
            var details: [String: Any] = ["text": message.text, "tenant": item.tenant.rawValue]
            if let alert = item.alert { details["alert"] = alert.rawValue }
            let payload: [String: Any] = [
                "summary": String(message.subject.prefix(1024)),
                "severity": Self.severity(message.severity ?? item.severity),
                "source": "pulse/\(item.tenant.rawValue)",
                "custom_details": details,
            ]
            event["payload"] = payload
            if let link = message.link { event["links"] = [["href": link, "text": "View alert in Pulse"]] }
            event["client"] = "Pulse"
        }
        return try JSONSerialization.data(withJSONObject: event, options: [.sortedKeys, .withoutEscapingSlashes])
    }

    public func send(_ message: DeliveryMessage, to recipient: DeliveryRecipient, item: OutboxItem) async throws {
        guard let settings else { throw DeliveryError.notConfigured(channel: .pagerduty, reason: "no routing key") }
        try await poster.post(
            try Self.event(for: message, item: item, routingKey: settings.routingKey), to: settings.url)
    }
}
