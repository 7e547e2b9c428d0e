import Foundation

/// The morning brief (pulse-reports.md "Morning Brief"): today's priorities (urgent and high alerts), meetings
/// today in the reader's time zone, and the immediate actions those alerts recommend.
public struct MorningBrief: Hashable, Sendable, Codable {
    public var recipient: String
    /// Local date "2026-11-25".
    public var date: String
    /// Urgent and high alerts of the reader's scope, at most 5.
    public var priorities: [ReportAlertLine]
    public var meetings: [ReportMeetingLine]
    /// First recommended action of each priority, without repeats.
    public var actions: [String]
    public var callsYesterday: Int
    /// Active medium alerts not listed as priorities.
    public var otherOpen: Int

    public var subject: String {
        "Pulse morning brief — \(date): \(priorities.count) priorities, \(meetings.count) meetings"
    }

    public init(data: ReportData, user: User, now: Date) {
        let clock = LocalClock(timeZone: user.timeZone)
        let scope = ReportAudience.visibleReps(for: user, roster: data.reps)
        let open = data.openAlerts(reps: scope, now: now)
        let top = Array((open.urgent + open.high).prefix(5))
        recipient = user.name
        date = clock.dayKey(now)
        priorities = top.map(ReportAlertLine.init)
        meetings = data.meetings(in: clock.day(now), reps: scope, clock: clock)
        var actions: [String] = []
        for action in top.compactMap(\.action) where !actions.contains(action) { actions.append(action) }
        self.actions = actions
        callsYesterday = data.calls(in: clock.day(now, offset: -1), reps: scope)
        otherOpen = open.total - top.count
    }
}
