import Foundation
import PulseCore

/// Decides which outbox rows a queued alert notification becomes: one per channel the recipient's preferences
/// name for the severity, ids `<notification id>|<channel>`, skipping (with a reason) channels that are not
/// configured for the tenant or the recipient. Pure: no I/O.
public struct DeliveryRouter: Sendable {
    public let settings: ChannelSettings

    public init(settings: ChannelSettings) { self.settings = settings }

    /// The rows for `notification` to `recipient`, due at `now`.
    public func route(_ notification: AlertNotification, to recipient: DeliveryRecipient, now: Date) -> RoutingPlan {
        var plan = RoutingPlan()
        var seen = Set<DeliveryChannelKind>()
        for channel in recipient.preferences.channels(for: notification.severity) where seen.insert(channel).inserted {
            if let reason = unavailable(channel, for: recipient) {
                plan.skipped.append(.init(channel: channel, reason: reason))
                continue
            }
            let action: String =
                channel == .pagerduty
                ? (notification.reason == .resolved ? "resolve" : "trigger") : notification.reason.rawValue
            plan.items.append(
                OutboxItem(
                    id: "\(notification.id)|\(channel.rawValue)", tenant: notification.tenant, kind: .alert,
                    channel: channel, recipient: notification.recipient.rawValue, severity: notification.severity,
                    alert: notification.alert, fingerprint: notification.fingerprint,
                    notification: notification.id, action: action, nextAttemptAt: now, createdAt: now))
        }
        return plan
    }

    /// Why `channel` cannot reach `recipient`, or nil when it can.
    public func unavailable(_ channel: DeliveryChannelKind, for recipient: DeliveryRecipient) -> String? {
        switch channel {
        case .slack:
            settings.slack == nil && recipient.slackWebhook == nil
                ? "no Slack webhook for the tenant or in \(recipient.id)'s preferences" : nil
        case .email:
            if settings.email == nil {
                "no SMTP relay configured"
            } else if (recipient.email ?? "").isEmpty {
                "\(recipient.id) has no e-mail address"
            } else {
                nil
            }
        case .webhook: settings.webhook == nil ? "no webhook URL configured" : nil
        case .pagerduty: settings.pagerDuty == nil ? "no PagerDuty routing key configured" : nil
        }
    }
}
