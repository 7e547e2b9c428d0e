import Foundation

/// Which scheduled reports are due for a user at a moment, in the user's time zone, with the period key that makes
/// each one go out once per period (pure: no clock, no store).
///
/// Times (local): hourly digest and consolidated alerts at the top of every hour; morning brief 07:30 and evening
/// wrap 17:30 on weekdays; weekend summary Friday 16:00; weekly scorecard Monday 08:00; daily win 08:00; weekly
/// snapshot Monday 09:00. A report is due from its time until `grace` later, so a tick every minute (or a
/// scheduler that was briefly down) catches it; the period key stops it going out twice.
public struct ReportSchedule: Hashable, Sendable {
    /// A report due now.
    public struct Due: Hashable, Sendable {
        public var kind: ScheduledReportKind
        /// "2026-11-25T09" (hourly), "2026-11-25" (daily) or "2026-W48" (weekly), local to the user.
        public var period: String
    }

    /// How long after its time a report is still due.
    public var grace: TimeInterval

    public init(grace: TimeInterval = 30 * 60) { self.grace = grace }

    /// The local minute of day and weekday (Monday = 0; nil = every day, weekdays = Monday–Friday) of each report.
    static func slot(_ kind: ScheduledReportKind) -> (minute: Int?, days: Set<Int>?) {
        switch kind {
        case .hourlyDigest, .consolidatedAlerts: (nil, nil)
        case .morningBrief: (7 * 60 + 30, [0, 1, 2, 3, 4])
        case .eveningWrap: (17 * 60 + 30, [0, 1, 2, 3, 4])
        case .weekendSummary: (16 * 60, [4])
        case .weeklyScorecard: (8 * 60, [0])
        case .dailyWin: (8 * 60, nil)
        case .weeklySnapshot: (9 * 60, [0])
        }
    }

    /// Reports due for `user` at `now` (none for a disabled user).
    public func due(for user: User, at now: Date) -> [Due] {
        guard !user.disabled else { return [] }
        let clock = LocalClock(timeZone: user.timeZone)
        let minute = clock.minuteOfDay(now)
        let weekday = clock.weekday(now)
        let graceMinutes = max(1, Int(grace / 60))
        return ScheduledReportKind.allCases.compactMap { kind in
            guard kind.isFor(user.role, hasRep: user.rep != nil) else { return nil }
            let slot = Self.slot(kind)
            if let days = slot.days, !days.contains(weekday) { return nil }
            guard let at = slot.minute else {
                return minute % 60 < min(60, graceMinutes) ? Due(kind: kind, period: clock.hourKey(now)) : nil
            }
            guard minute >= at, minute < at + graceMinutes else { return nil }
            let weekly = slot.days?.count == 1
            return Due(kind: kind, period: weekly ? clock.weekKey(now) : clock.dayKey(now))
        }
    }
}
