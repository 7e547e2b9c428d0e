import Foundation

/// The weekend summary (pulse-reports.md "Weekend Summary"), Friday afternoon: the week in numbers and the items
/// that matter for Monday — open urgent/high alerts, overdue partner lists, proposals waiting, Monday's meetings.
public struct WeekendSummary: Hashable, Sendable, Codable {
    public var recipient: String
    /// "2026-W48".
    public var week: String
    public var figures: [ReportFigure]
    public var alerts: [ReportAlertLine]
    public var overdueLists: [PipelineHealthReport.Item]
    public var proposalsWaiting: Int
    public var mondayMeetings: [ReportMeetingLine]

    public var subject: String { "Pulse weekend summary — \(week): \(alerts.count) items for Monday" }

    public init(data: ReportData, user: User, now: Date) {
        let clock = LocalClock(timeZone: user.timeZone)
        let scope = ReportAudience.visibleReps(for: user, roster: data.reps)
        let week = clock.week(now)
        let sofar = DateInterval(start: week.start, end: max(week.start, now))
        let query = ReportQuery(from: sofar.start, to: sofar.end, reps: scope)
        let index = data.frame(matching: query).bdrIndex(in: query.window)
        let sum = { (f: (BDRIndexRow) -> Int) in index.reduce(0) { $0 + f($1) } }
        let won = data.won(in: sofar, reps: scope)
        let health = PipelineHealthReport(data: data, query: query)
        let open = data.openAlerts(reps: scope, now: now)
        recipient = user.name
        self.week = clock.weekKey(now)
        figures = [
            ReportFigure(label: "Calls", value: "\(data.calls(in: sofar, reps: scope))"),
            ReportFigure(label: "Agreements", value: "\(sum(\.agreements))"),
            ReportFigure(label: "Lists out", value: "\(sum(\.lists))"),
            ReportFigure(label: "Deals won", value: "\(won.count) (\(ReportFormat.money(won.cents)))"),
        ]
        alerts = (open.urgent + open.high).prefix(10).map(ReportAlertLine.init)
        overdueLists = Array(health.overduePartnerLists.prefix(10))
        proposalsWaiting = health.outstandingProposals.count
        mondayMeetings = data.meetings(in: clock.day(week.end), reps: scope, clock: clock)
    }
}
