import PulseCore
import PulseDelivery

extension ConfigurationKey {
    /// Every key `pulse.yaml` accepts, in the order the default file lists them.
    static let all: [ConfigurationKey] = server + store + engine + channels + outbox

    private static let server: [ConfigurationKey] = [
        .init(
            path: "server.host", kind: .string, help: "Address to listen on (0.0.0.0 for every interface).",
            example: "127.0.0.1"
        ) { $0.host = $1.string },
        .init(
            path: "server.port", kind: .integer, help: "TCP port of the HTTP API, live stream and /metrics.",
            example: "8080"
        ) { $0.port = $1.integer },
        .init(
            path: "server.max_body_bytes", kind: .integer,
            help: "Largest request body accepted (bytes); larger ones get 413.", example: "16777216"
        ) {
            $0.maxBodyBytes = $1.integer
        },
        .init(
            path: "server.public_url", kind: .string,
            help: "Base URL people reach Pulse at, used for links in Slack and email.",
            example: "http://127.0.0.1:8080"
        ) { $0.channels.publicURL = $1.string },
        .init(
            path: "log_level", kind: .string, help: "trace, debug, info, notice, warning, error or critical.",
            example: "info"
        ) { $0.logLevel = $1.string },
    ]

    private static let store: [ConfigurationKey] = [
        .init(
            path: "store.path", kind: .string,
            help: "SQLite database file (default: $PULSE_DB, else ~/.local/share/pulse/pulse.sqlite).",
            example: nil
        ) { $0.databasePath = $1.string },
        .init(
            path: "tenant", kind: .string, help: "Tenant the scheduler evaluates and the CLI acts on.",
            example: "default"
        ) { $0.tenant = Tenant.ID($1.string) },
    ]

    private static let engine: [ConfigurationKey] = [
        .init(
            path: "rules.directory", kind: .string, help: "Folder of your own rule files, added to the built-in pack.",
            example: nil
        ) { $0.rulesDirectory = $1.string },
        .init(path: "rules.built_in", kind: .boolean, help: "Load the 44 built-in rules.", example: "true") {
            $0.includeBuiltInRules = $1.boolean
        },
        .init(
            path: "evaluation.interval_seconds", kind: .number,
            help: "Seconds between scheduled evaluations (time-based rules, SLA escalation).", example: "300"
        ) {
            $0.evaluationIntervalSeconds = $1.number
        },
        .init(
            path: "reports.enabled", kind: .boolean,
            help: "Send the scheduled reports (hourly digest, morning brief, weekly scorecard, ...).",
            example: "true"
        ) { $0.reportsEnabled = $1.boolean },
    ]

    private static let channels: [ConfigurationKey] = [
        .init(
            path: "channels.slack.webhook_url", kind: .string, help: "Slack incoming webhook for the team channel.",
            example: nil
        ) { config, value in config.channels.slack = SlackSettings(webhookURL: value.string) },
        .init(
            path: "channels.email.host", kind: .string, help: "SMTP relay host; email is off without it.",
            example: nil
        ) { config, value in config.email { $0.host = value.string } },
        .init(path: "channels.email.port", kind: .integer, help: "SMTP port.", example: "587") { config, value in
            config.email { $0.port = value.integer }
        },
        .init(
            path: "channels.email.starttls", kind: .boolean, help: "Upgrade to TLS with STARTTLS before sending.",
            example: "true"
        ) { config, value in config.email { $0.startTLS = value.boolean } },
        .init(
            path: "channels.email.username", kind: .string, help: "SMTP user (AUTH), if the relay wants one.",
            example: nil
        ) { config, value in config.email { $0.username = value.string } },
        .init(
            path: "channels.email.password", kind: .string,
            help: "SMTP password (prefer the PULSE_CHANNELS_EMAIL_PASSWORD environment variable).", example: nil
        ) {
            config, value in config.email { $0.password = value.string }
        },
        .init(
            path: "channels.email.from", kind: .string, help: "From address of every email.",
            example: "\"Pulse <pulse@example.com>\""
        ) { config, value in config.email { $0.from = value.string } },
        .init(
            path: "channels.webhook.url", kind: .string, help: "Generic JSON webhook; bodies are HMAC-SHA256 signed.",
            example: nil
        ) { config, value in config.webhook { $0.url = value.string } },
        .init(
            path: "channels.webhook.secret", kind: .string,
            help: "Secret of the X-Pulse-Signature HMAC (prefer PULSE_CHANNELS_WEBHOOK_SECRET).", example: nil
        ) {
            config, value in config.webhook { $0.secret = value.string }
        },
        .init(
            path: "channels.pagerduty.routing_key", kind: .string,
            help: "PagerDuty Events API v2 integration key; critical alerts page when set.", example: nil
        ) {
            config, value in config.pagerDuty { $0.routingKey = value.string }
        },
        .init(
            path: "channels.pagerduty.url", kind: .string, help: "PagerDuty Events API endpoint.",
            example: "https://events.pagerduty.com/v2/enqueue"
        ) { config, value in
            config.pagerDuty { $0.url = value.string }
        },
    ]

    private static let outbox: [ConfigurationKey] = [
        .init(
            path: "outbox.max_attempts", kind: .integer, help: "Attempts before a message becomes a dead letter.",
            example: "8"
        ) { $0.outbox.maxAttempts = $1.integer },
        .init(
            path: "outbox.base_delay_seconds", kind: .number,
            help: "First retry delay; doubled each time, with jitter.",
            example: "2"
        ) { $0.outbox.baseDelaySeconds = $1.number },
        .init(path: "outbox.max_delay_seconds", kind: .number, help: "Longest retry delay.", example: "600") {
            $0.outbox.maxDelaySeconds = $1.number
        },
        .init(
            path: "outbox.fallback_after_attempts", kind: .integer,
            help: "Failed Slack attempts after which the message also goes by email.", example: "2"
        ) {
            $0.outbox.fallbackAfterAttempts = $1.integer
        },
        .init(
            path: "outbox.poll_seconds", kind: .number, help: "How often the dispatcher looks for due messages.",
            example: "1"
        ) { $0.outbox.pollSeconds = $1.number },
        .init(path: "outbox.batch_size", kind: .integer, help: "Messages taken per look.", example: "100") {
            $0.outbox.batchSize = $1.integer
        },
    ]
}

extension PulseConfiguration {
    /// Edits the email settings, creating them (empty host, port 587, STARTTLS on) when absent.
    mutating func email(_ edit: (inout EmailSettings) -> Void) {
        var settings = channels.email ?? EmailSettings(host: "", port: 587, startTLS: true, from: "")
        edit(&settings)
        channels.email = settings
    }

    /// Edits the webhook settings, creating them when absent.
    mutating func webhook(_ edit: (inout WebhookSettings) -> Void) {
        var settings = channels.webhook ?? WebhookSettings(url: "", secret: "")
        edit(&settings)
        channels.webhook = settings
    }

    /// Edits the PagerDuty settings, creating them when absent.
    mutating func pagerDuty(_ edit: (inout PagerDutySettings) -> Void) {
        var settings = channels.pagerDuty ?? PagerDutySettings(routingKey: "")
        edit(&settings)
        channels.pagerDuty = settings
    }
}
