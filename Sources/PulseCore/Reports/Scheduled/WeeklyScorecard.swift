import Foundation

/// The weekly rep scorecard (sales-intelligence-design.md §4.1, Monday 08:00): the rep's last 7 days — calls,
/// agreements, lists, sales, BDR index and rank — against the 7 days before and the weekly call target.
public struct WeeklyScorecard: Hashable, Sendable, Codable {
    public var recipient: String
    public var rep: String
    /// "2026-W47" (the week just ended).
    public var week: String
    public var figures: [ReportFigure]
    /// Position in the team's leaderboard and its size.
    public var rank: Int
    public var of: Int
    public var callTarget: Int
    public var onTrack: Bool

    public var subject: String { "Pulse weekly scorecard — \(recipient), \(week): #\(rank) of \(of)" }

    /// The rep is `user.rep` (or `user.id` when the user names none).
    public init(data: ReportData, user: User, now: Date) {
        let clock = LocalClock(timeZone: user.timeZone)
        let rep = user.rep ?? Rep.ID(user.id.rawValue)
        let last = DateInterval(start: now.addingTimeInterval(-7 * 86_400), end: now)
        let before = DateInterval(start: now.addingTimeInterval(-14 * 86_400), end: last.start)
        let board = LeaderboardReport(data: data, query: ReportQuery(from: last.start, to: last.end))
        let previous = LeaderboardReport(
            data: data, query: ReportQuery(from: before.start, to: before.end, reps: [rep]))
        let mine = board.rows.first { $0.rep == rep.rawValue }
        let prior = previous.rows.first
        let targets = data.targets.isEmpty ? KpiTarget.defaults() : data.targets
        let target =
            targets.first { $0.metric == CallsPerWeekReport.targetMetric && $0.rep == rep }?.target
            ?? CallsPerWeekReport.teamTarget(targets)
        func figure(_ label: String, _ now: Int?, _ then: Int?) -> ReportFigure {
            ReportFigure(
                label: label, value: "\(now ?? 0)",
                change: ReportFormat.change(current: Double(now ?? 0), previous: Double(then ?? 0)))
        }
        recipient = user.name
        self.rep = rep.rawValue
        week = clock.weekKey(last.start)
        figures = [
            figure("Calls", mine?.calls, prior?.calls), figure("Agreements", mine?.agreements, prior?.agreements),
            figure("Lists out", mine?.lists, prior?.lists), figure("Sales", mine?.sales, prior?.sales),
            figure("BDR index", mine?.index, prior?.index),
        ]
        rank = mine?.rank ?? board.rows.count + 1
        of = max(board.rows.count, rank)
        callTarget = Int(target.rounded())
        onTrack = Double(mine?.calls ?? 0) >= target
    }
}
