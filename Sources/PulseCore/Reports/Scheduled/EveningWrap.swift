import Foundation

/// The evening wrap (pulse-reports.md "Evening Wrap"): what moved today — stage changes, wins, calls — and
/// tomorrow's focus: tomorrow's meetings and the top open alerts.
public struct EveningWrap: Hashable, Sendable, Codable {
    /// A deal that entered a stage today.
    public struct Move: Hashable, Sendable, Codable {
        public var deal: String
        public var stage: String
        public var owner: String
    }

    public var recipient: String
    public var date: String
    public var moved: [Move]
    public var callsToday: Int
    public var wonToday: Int
    /// "$12.5K".
    public var wonAmount: String
    public var tomorrowMeetings: [ReportMeetingLine]
    /// The top 3 urgent / high alerts to start tomorrow with.
    public var focus: [ReportAlertLine]

    public var subject: String { "Pulse evening wrap — \(date): \(moved.count) deals moved, \(wonToday) won" }

    public init(data: ReportData, user: User, now: Date) {
        let clock = LocalClock(timeZone: user.timeZone)
        let scope = ReportAudience.visibleReps(for: user, roster: data.reps)
        let today = clock.day(now)
        let sofar = DateInterval(start: today.start, end: max(today.start, now))
        var moved: [(Date, Move)] = []
        for deal in data.deals(matching: ReportQuery(from: today.start, to: now, reps: scope)) where deal.parent == nil
        {
            guard
                let change = deal.stageHistory.last(where: { $0.enteredAt >= sofar.start && $0.enteredAt < sofar.end })
            else { continue }
            let stage = StageCatalogue.builtIn[deal.pipeline]?.stage(change.stage)?.name ?? change.stage
            moved.append(
                (
                    change.enteredAt,
                    Move(deal: deal.name ?? deal.id.rawValue, stage: stage, owner: data.name(of: deal.owner))
                ))
        }
        let won = data.won(in: sofar, reps: scope)
        let open = data.openAlerts(reps: scope, now: now)
        recipient = user.name
        date = clock.dayKey(now)
        self.moved = moved.sorted { ($0.0, $0.1.deal) < ($1.0, $1.1.deal) }.map(\.1)
        callsToday = data.calls(in: sofar, reps: scope)
        wonToday = won.count
        wonAmount = ReportFormat.money(won.cents)
        tomorrowMeetings = data.meetings(in: clock.day(now, offset: 1), reps: scope, clock: clock)
        focus = (open.urgent + open.high).prefix(3).map(ReportAlertLine.init)
    }
}
