import AsyncHTTPClient
import Foundation
import PulseCore

/// The four channels wired to one tenant configuration and one shared `HTTPClient` (which the caller owns and
/// shuts down).
public enum DeliveryChannels {
    /// Slack, e-mail, webhook and PagerDuty channels for `settings`; HTTP channels time out after
    /// `httpTimeout` seconds, SMTP replies after `smtpTimeout`.
    public static func make(
        settings: ChannelSettings, httpClient: HTTPClient, httpTimeout: Double = 10, smtpTimeout: Double = 30,
        clock: @escaping @Sendable () -> Date = Date.init
    ) -> [DeliveryChannelKind: any DeliveryChannel] {
        let poster = JSONPoster(client: httpClient, timeout: httpTimeout)
        return [
            .slack: SlackChannel(settings: settings.slack, poster: poster),
            .email: EmailChannel(settings: settings.email, timeout: smtpTimeout, clock: clock),
            .webhook: WebhookChannel(settings: settings.webhook, poster: poster, clock: clock),
            .pagerduty: PagerDutyChannel(settings: settings.pagerDuty, poster: poster),
        ]
    }
}
