/// Where each delivery channel sends: the tenant-wide endpoints and credentials from `pulse.yaml`.
/// A channel left out (nil) is not configured, and messages for it fall back or are skipped with a log line.
public struct ChannelSettings: Hashable, Sendable, Codable {
    public var slack: SlackSettings?
    public var email: EmailSettings?
    public var webhook: WebhookSettings?
    public var pagerDuty: PagerDutySettings?
    /// Base URL of the Pulse server, for links in messages ("https://pulse.example.com").
    public var publicURL: String

    public init(
        slack: SlackSettings? = nil, email: EmailSettings? = nil, webhook: WebhookSettings? = nil,
        pagerDuty: PagerDutySettings? = nil, publicURL: String = "http://127.0.0.1:8080"
    ) {
        self.slack = slack
        self.email = email
        self.webhook = webhook
        self.pagerDuty = pagerDuty
        self.publicURL = publicURL
    }
}

/// A Slack incoming webhook (users may have their own in their preferences).
public struct SlackSettings: Hashable, Sendable, Codable {
    public var webhookURL: String
    public init(webhookURL: String) { self.webhookURL = webhookURL }
}

/// An SMTP relay.
public struct EmailSettings: Hashable, Sendable, Codable {
    public var host: String
    public var port: Int
    /// Upgrade the connection with STARTTLS before authenticating (required when the server offers it and this is
    /// on; plain SMTP when off).
    public var startTLS: Bool
    public var username: String?
    public var password: String?
    /// The From address ("Pulse <pulse@example.com>").
    public var from: String

    public init(
        host: String, port: Int = 587, startTLS: Bool = true, username: String? = nil, password: String? = nil,
        from: String
    ) {
        self.host = host
        self.port = port
        self.startTLS = startTLS
        self.username = username
        self.password = password
        self.from = from
    }
}

/// A generic JSON webhook; every body is signed with HMAC-SHA256 of `secret` in `X-Pulse-Signature`.
public struct WebhookSettings: Hashable, Sendable, Codable {
    public var url: String
    public var secret: String
    public init(url: String, secret: String) {
        self.url = url
        self.secret = secret
    }
}

/// PagerDuty Events API v2.
public struct PagerDutySettings: Hashable, Sendable, Codable {
    public var routingKey: String
    public var url: String
    public init(routingKey: String, url: String = "https://events.pagerduty.com/v2/enqueue") {
        self.routingKey = routingKey
        self.url = url
    }
}

/// How the outbox dispatcher retries: exponential backoff with jitter, then a dead letter.
public struct OutboxSettings: Hashable, Sendable, Codable {
    /// Attempts before a row becomes a dead letter.
    public var maxAttempts: Int
    /// Delay after the first failure, in seconds; doubled after each further one.
    public var baseDelaySeconds: Double
    /// Upper bound of one delay, in seconds.
    public var maxDelaySeconds: Double
    /// After this many failed Slack attempts, the message also goes by email (when email is configured).
    public var fallbackAfterAttempts: Int
    /// How often the dispatcher looks for due rows, in seconds.
    public var pollSeconds: Double
    /// Rows taken per look.
    public var batchSize: Int

    public init(
        maxAttempts: Int = 8, baseDelaySeconds: Double = 2, maxDelaySeconds: Double = 600,
        fallbackAfterAttempts: Int = 2, pollSeconds: Double = 1, batchSize: Int = 100
    ) {
        self.maxAttempts = maxAttempts
        self.baseDelaySeconds = baseDelaySeconds
        self.maxDelaySeconds = maxDelaySeconds
        self.fallbackAfterAttempts = fallbackAfterAttempts
        self.pollSeconds = pollSeconds
        self.batchSize = batchSize
    }
}
