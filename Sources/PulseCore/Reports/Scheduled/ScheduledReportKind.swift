/// The reports Pulse sends on a schedule (pulse-reports.md "Scheduled Summaries", sales-intelligence-design.md
/// §4.1, crm-reporting-spec.md §7, monthly-insights.md "Proactive Slack Alerts"); the raw value is the name
/// `pulse report NAME` takes.
public enum ScheduledReportKind: String, Hashable, Sendable, Codable, CaseIterable {
    case hourlyDigest = "hourly-digest"
    case morningBrief = "morning-brief"
    case eveningWrap = "evening-wrap"
    case weekendSummary = "weekend-summary"
    case weeklyScorecard = "weekly-scorecard"
    case consolidatedAlerts = "consolidated-alerts"
    case dailyWin = "daily-win"
    case weeklySnapshot = "weekly-snapshot"

    /// Every name, comma-separated, for error messages.
    public static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }

    /// A name, or nil when there is no such report.
    public init?(name: String) { self.init(rawValue: name.lowercased()) }

    /// One line for `pulse report list`.
    public var summary: String {
        switch self {
        case .hourlyDigest: "managers, every hour: digest-held notifications and the team's open alerts"
        case .morningBrief: "everyone, weekdays 07:30: priorities, meetings today, immediate actions"
        case .eveningWrap: "everyone, weekdays 17:30: what moved today and tomorrow's focus"
        case .weekendSummary: "everyone, Friday 16:00: the week in numbers and what matters on Monday"
        case .weeklyScorecard: "reps, Monday 08:00: last week's calls, agreements, lists, sales and index"
        case .consolidatedAlerts: "managers and executives, every hour: urgent / high / medium actions (§7)"
        case .dailyWin: "managers and executives, 08:00: yesterday's events, alerts and wins"
        case .weeklySnapshot: "managers and executives, Monday 09:00: the week against the week before"
        }
    }

    /// Which users receive it.
    public func isFor(_ role: UserRole, hasRep: Bool) -> Bool {
        switch self {
        case .hourlyDigest: role == .manager
        case .morningBrief, .eveningWrap, .weekendSummary: true
        case .weeklyScorecard: role == .rep && hasRep
        case .consolidatedAlerts, .dailyWin, .weeklySnapshot: role != .rep
        }
    }

    /// Hourly reports with nothing in them are not sent.
    public var skipsWhenEmpty: Bool { self == .hourlyDigest || self == .consolidatedAlerts }
}
