/// A rendered message, ready for a channel: subject and plain text always, HTML for email and Block Kit JSON
/// for Slack when the renderer made them.
public struct DeliveryMessage: Hashable, Sendable, Codable {
    /// Email subject, Slack notification text, PagerDuty summary.
    public var subject: String
    /// Plain-text body.
    public var text: String
    /// HTML body for email.
    public var html: String?
    /// Slack Block Kit `blocks` array as JSON text.
    public var slackBlocks: String?
    public var severity: Severity?
    /// Where to read more (the alert or report in Pulse).
    public var link: String?

    public init(
        subject: String, text: String, html: String? = nil, slackBlocks: String? = nil, severity: Severity? = nil,
        link: String? = nil
    ) {
        self.subject = subject
        self.text = text
        self.html = html
        self.slackBlocks = slackBlocks
        self.severity = severity
        self.link = link
    }
}
