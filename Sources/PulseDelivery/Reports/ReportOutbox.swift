import Foundation
import PulseCore

/// Turns a rendered scheduled report into outbox rows: one per channel (Slack, and email with an address), kind `.report`, id
/// `report|<name>|<user>|<period>|<channel>` so the same report for the same period is never written twice.
public enum ReportOutbox {
    /// The channels reports go out on: Slack (the user's webhook, else the tenant's), and email when the user has
    /// an address.
    public static func channels(for user: User) -> [DeliveryChannelKind] {
        (user.email ?? "").isEmpty ? [.slack] : [.slack, .email]
    }

    /// The outbox id of one report row.
    public static func id(_ kind: ScheduledReportKind, user: User.ID, period: String, channel: DeliveryChannelKind)
        -> String
    {
        "report|\(kind.rawValue)|\(user.rawValue)|\(period)|\(channel.rawValue)"
    }

    /// The rows for `user`, due at `now`.
    public static func items(
        _ kind: ScheduledReportKind, message: DeliveryMessage, user: User, period: String, now: Date
    ) -> [OutboxItem] {
        channels(for: user).map { channel in
            OutboxItem(
                id: id(kind, user: user.id, period: period, channel: channel), tenant: user.tenant, kind: .report,
                channel: channel, recipient: user.id.rawValue, severity: .low, action: kind.rawValue,
                message: message, nextAttemptAt: now, createdAt: now)
        }
    }
}
