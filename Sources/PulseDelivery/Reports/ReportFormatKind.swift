/// The three renderings of a scheduled report: Slack mrkdwn, plain email text, email HTML.
public enum ReportFormatKind: String, Hashable, Sendable, CaseIterable {
    case slack, text, html
}
