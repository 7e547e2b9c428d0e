import PulseCore

/// Why a delivery attempt failed, as a sentence for the outbox's `lastError`, logs and `pulse outbox`.
public enum DeliveryError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The receiver answered with a non-2xx HTTP status.
    case httpStatus(code: Int, host: String, body: String)
    /// The SMTP server refused a command.
    case smtpReply(code: Int, text: String, command: String, host: String)
    /// No answer within the time allowed.
    case timeout(what: String, host: String, seconds: Double)
    /// The connection could not be made or broke.
    case connection(host: String, reason: String)
    /// The channel, or the recipient's address for it, is not set up; retrying will not help.
    case notConfigured(channel: DeliveryChannelKind, reason: String)
    /// The settings are unusable (a URL that does not parse, say); retrying will not help.
    case invalidSettings(String)

    /// Whether trying again later can help (not for configuration problems or 4xx answers other than 408/429).
    public var isRetryable: Bool {
        switch self {
        case .httpStatus(let code, _, _): code >= 500 || code == 408 || code == 429
        case .smtpReply(let code, _, _, _): code < 500
        case .timeout, .connection: true
        case .notConfigured, .invalidSettings: false
        }
    }

    public var description: String {
        switch self {
        case .httpStatus(let code, let host, let body):
            "HTTP \(code) from \(host)" + (body.isEmpty ? "" : ": \(body.prefix(200))")
        case .smtpReply(let code, let text, let command, let host):
            "SMTP \(code) \(text) (after \(command) to \(host))"
        case .timeout(let what, let host, let seconds):
            "timed out after \(Self.seconds(seconds)) s waiting for \(what) from \(host)"
        case .connection(let host, let reason): "could not talk to \(host): \(reason)"
        case .notConfigured(let channel, let reason): "\(channel.rawValue) is not configured: \(reason)"
        case .invalidSettings(let reason): "invalid channel settings: \(reason)"
        }
    }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
