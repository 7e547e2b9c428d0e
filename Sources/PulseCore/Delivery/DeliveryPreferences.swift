import Foundation

/// A user's channels per severity and their quiet hours (in the user's time zone).
public struct DeliveryPreferences: Hashable, Sendable, Codable {
    public var critical: [DeliveryChannelKind]
    public var high: [DeliveryChannelKind]
    public var medium: [DeliveryChannelKind]
    public var low: [DeliveryChannelKind]
    /// When non-critical messages wait (critical ones still go out unless `quietHours.holdCritical`).
    public var quietHours: QuietHours?
    /// A personal Slack incoming webhook; the tenant's default webhook otherwise.
    public var slackWebhook: String?

    public init(
        critical: [DeliveryChannelKind], high: [DeliveryChannelKind], medium: [DeliveryChannelKind],
        low: [DeliveryChannelKind], quietHours: QuietHours? = nil, slackWebhook: String? = nil
    ) {
        self.critical = critical
        self.high = high
        self.medium = medium
        self.low = low
        self.quietHours = quietHours
        self.slackWebhook = slackWebhook
    }

    /// Critical: Slack, PagerDuty and email; high: Slack and email; medium: Slack; low: digests only.
    public static let standard = DeliveryPreferences(
        critical: [.slack, .pagerduty, .email], high: [.slack, .email], medium: [.slack], low: [])

    /// The channels for one severity.
    public func channels(for severity: Severity) -> [DeliveryChannelKind] {
        switch severity {
        case .critical: critical
        case .high: high
        case .medium: medium
        case .low: low
        }
    }
}

/// A daily window (local time) in which non-urgent messages are held until it ends; it may span midnight
/// (22:00–07:00).
public struct QuietHours: Hashable, Sendable, Codable {
    /// Minutes after local midnight when quiet starts (0–1439).
    public var startMinute: Int
    /// Minutes after local midnight when quiet ends (0–1439).
    public var endMinute: Int
    /// Whether critical messages wait too (normally they do not).
    public var holdCritical: Bool

    public init(startMinute: Int, endMinute: Int, holdCritical: Bool = false) {
        self.startMinute = startMinute
        self.endMinute = endMinute
        self.holdCritical = holdCritical
    }
}
