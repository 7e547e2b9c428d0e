/// A way of telling someone: Slack incoming webhook, email over SMTP, signed JSON webhook, PagerDuty Events v2.
public enum DeliveryChannelKind: String, Hashable, Sendable, Codable, CaseIterable {
    case slack, email, webhook, pagerduty
}
