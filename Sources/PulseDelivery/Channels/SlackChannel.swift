import Foundation
import PulseCore

/// Posts to a Slack incoming webhook (the recipient's own, else the tenant's) with Block Kit: the message's
/// blocks inside an attachment whose colour is the severity's, and the subject as the notification text.
public struct SlackChannel: DeliveryChannel {
    public let kind = DeliveryChannelKind.slack
    let settings: SlackSettings?
    let poster: JSONPoster

    public init(settings: SlackSettings?, poster: JSONPoster) {
        self.settings = settings
        self.poster = poster
    }

    /// The attachment colour bar for a severity: red, orange, yellow, blue.
    public static func colour(for severity: Severity?) -> String {
        switch severity {
        case .critical: "#D32F2F"
        case .high: "#F57C00"
        case .medium: "#FBC02D"
        case .low: "#1976D2"
        case nil: "#9E9E9E"
        }
    }

    /// The webhook body: `text` (what the notification shows) and one coloured attachment carrying the blocks.
    public static func payload(for message: DeliveryMessage) throws -> Data {
        let section: [String: Any] = ["type": "section", "text": ["type": "mrkdwn", "text": message.text]]
        var blocks: Any = [section]
        if let json = message.slackBlocks {
            blocks = try JSONSerialization.jsonObject(with: Data(json.utf8))
        }
        let attachment: [String: Any] = ["color": colour(for: message.severity), "blocks": blocks]
        let body: [String: Any] = ["text": message.subject, "attachments": [attachment]]
        return try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys, .withoutEscapingSlashes])
    }

    public func send(_ message: DeliveryMessage, to recipient: DeliveryRecipient, item: OutboxItem) async throws {
        guard let url = recipient.slackWebhook ?? settings?.webhookURL else {
            throw DeliveryError.notConfigured(
                channel: .slack, reason: "no tenant webhook and none in \(recipient.id)'s preferences")
        }
        // Slack ignores the header; a proxy or test receiver can use it as the idempotency key.
        try await poster.post(try Self.payload(for: message), to: url, headers: [("X-Pulse-Delivery", item.id)])
    }
}
