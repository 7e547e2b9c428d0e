import Foundation

/// The weekly snapshot (monthly-insights.md "Weekly Summary"): the last 7 days against the 7 before — events
/// processed, alerts raised, calls, deals won — the amount moved to closed-won and the open urgent alerts
/// (bottlenecks), each change as ↑/↓ %.
public struct WeeklySnapshot: Hashable, Sendable, Codable {
    public var recipient: String
    /// The week just ended, "2026-W47".
    public var week: String
    public var figures: [ReportFigure]
    /// "$142K".
    public var closedWon: String
    public var bottlenecks: Int

    public var subject: String { "Pulse weekly snapshot — \(week)" }

    public init(data: ReportData, user: User, now: Date) {
        let clock = LocalClock(timeZone: user.timeZone)
        let scope = ReportAudience.visibleReps(for: user, roster: data.reps)
        let last = DateInterval(start: now.addingTimeInterval(-7 * 86_400), end: now)
        let before = DateInterval(start: now.addingTimeInterval(-14 * 86_400), end: last.start)
        func figure(_ label: String, _ f: (DateInterval) -> Int) -> ReportFigure {
            let current = f(last)
            return ReportFigure(
                label: label, value: "\(current)",
                change: ReportFormat.change(current: Double(current), previous: Double(f(before))))
        }
        let won = data.won(in: last, reps: scope)
        recipient = user.name
        week = clock.weekKey(last.start)
        figures = [
            figure("Events processed") { data.eventsProcessed(in: $0, reps: scope) },
            figure("Alerts raised") { data.alertsRaised(in: $0, reps: scope) },
            figure("Calls conducted") { data.calls(in: $0, reps: scope) },
            figure("Deals won") { data.won(in: $0, reps: scope).count },
        ]
        closedWon = ReportFormat.money(won.cents)
        bottlenecks = data.openAlerts(reps: scope, now: now).urgent.count
    }
}
