import Foundation
import Testing

@testable import PulseCore

/// `ReportSchedule`: which report is due for whom, in the user's time zone, with once-per-period keys.
@Suite struct ReportScheduleTests {
    let schedule = ReportSchedule()
    static let berlinManager = ScheduledReportTests.user("max", .manager, rep: "max", zone: "Europe/Berlin")
    static let berlinRep = ScheduledReportTests.user("ana", .rep, rep: "ana", zone: "Europe/Berlin")

    func due(_ user: User, _ at: String) -> [String] {
        schedule.due(for: user, at: RF.d(at)).map { "\($0.kind.rawValue)@\($0.period)" }.sorted()
    }

    @Test func morningBriefIsDueAtHalfPastSevenLocalOnWeekdays() {
        // 06:30Z is 07:30 in Berlin (UTC+1 in November).
        #expect(due(Self.berlinRep, "2026-11-25T06:30:00Z") == ["morning-brief@2026-11-25"])
        #expect(due(Self.berlinRep, "2026-11-25T06:59:00Z") == ["morning-brief@2026-11-25"])
        #expect(due(Self.berlinRep, "2026-11-25T07:00:00Z").isEmpty)
        #expect(due(Self.berlinRep, "2026-11-25T06:29:00Z").isEmpty)
        // Saturday.
        #expect(due(Self.berlinRep, "2026-11-28T06:30:00Z").isEmpty)
    }

    @Test func managersGetHourlyReportsOnTheHourAndTheDailyWinAtEight() {
        #expect(
            due(Self.berlinManager, "2026-11-25T07:05:00Z") == [
                "consolidated-alerts@2026-11-25T08", "daily-win@2026-11-25", "hourly-digest@2026-11-25T08",
            ])
        #expect(due(Self.berlinManager, "2026-11-25T07:45:00Z").isEmpty)
    }

    @Test func weeklyReportsUseTheISOWeekAsTheirPeriod() {
        // Monday 2026-11-30 08:00 Berlin.
        #expect(due(Self.berlinRep, "2026-11-30T07:00:00Z") == ["weekly-scorecard@2026-W49"])
        #expect(due(Self.berlinManager, "2026-11-30T08:10:00Z").contains("weekly-snapshot@2026-W49"))
        // Friday 16:00 Berlin.
        #expect(due(Self.berlinRep, "2026-11-27T15:00:00Z") == ["weekend-summary@2026-W48"])
        #expect(due(Self.berlinRep, "2026-11-25T16:30:00Z") == ["evening-wrap@2026-11-25"])
    }

    @Test func aDisabledUserGetsNothing() {
        var user = Self.berlinManager
        user.disabled = true
        #expect(due(user, "2026-11-25T07:05:00Z").isEmpty)
    }

    @Test func anUnknownTimeZoneFallsBackToUTC() {
        let user = ScheduledReportTests.user("ana", .rep, rep: "ana", zone: "Mars/Olympus")
        #expect(due(user, "2026-11-25T07:30:00Z") == ["morning-brief@2026-11-25"])
    }
}
