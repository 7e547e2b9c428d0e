import Foundation
import Testing

@testable import PulseCore

/// The scheduled report models built from `RF`'s tenant, checked against hand-worked numbers.
@Suite struct ScheduledReportTests {
    static func user(_ id: String, _ role: UserRole, rep: Rep.ID?, zone: String = "UTC") -> User {
        User(id: .init(id), name: id.capitalized, role: role, rep: rep, timeZone: zone, createdAt: RF.d("2026-01-01"))
    }
    static let manager = user("max", .manager, rep: "max")
    static let ana = user("ana", .rep, rep: "ana")
    static let exec = user("eve", .executive, rep: nil)

    @Test func aManagerSeesTheWholeTeamAndARepOnlyThemselves() {
        #expect(ReportAudience.visibleReps(for: Self.manager, roster: RF.reps) == ["max", "ana", "bo"])
        #expect(ReportAudience.visibleReps(for: Self.ana, roster: RF.reps) == ["ana"])
        #expect(ReportAudience.visibleReps(for: Self.exec, roster: RF.reps) == nil)
    }

    @Test func morningBriefListsPrioritiesMeetingsAndActions() {
        let b = MorningBrief(data: RF.data, user: Self.manager, now: RF.now)
        #expect(b.date == "2026-11-25")
        #expect(b.priorities.map(\.number) == [1, 2, 8])
        #expect(b.actions == ["Call the lead today"])
        #expect(b.meetings.map(\.subject) == ["Partner list review"])
        #expect(b.meetings.first?.time == "15:00")
        #expect(b.callsYesterday == 1)
        #expect(b.otherOpen == 1)
        let mine = MorningBrief(data: RF.data, user: Self.ana, now: RF.now)
        #expect(mine.priorities.map(\.number) == [1, 8])
        let berlin = MorningBrief(
            data: RF.data, user: Self.user("max", .manager, rep: "max", zone: "Europe/Berlin"), now: RF.now)
        #expect(berlin.meetings.first?.time == "16:00")
    }

    @Test func hourlyDigestCarriesTheTeamsDigestHeldNotifications() {
        var data = RF.data
        let held = AlertNotification(
            alert: RF.alerts[0].id, tenant: Tenant.defaultID, fingerprint: "fp1", recipient: "ana", severity: .critical,
            reason: .new, escalationLevel: 0, status: .digest, createdAt: RF.now.addingTimeInterval(-600))
        let queued = AlertNotification(
            alert: RF.alerts[1].id, tenant: Tenant.defaultID, fingerprint: "fp2", recipient: "bo", severity: .high,
            reason: .new, escalationLevel: 0, status: .queued, createdAt: RF.now.addingTimeInterval(-600))
        let outsider = AlertNotification(
            alert: RF.alerts[2].id, tenant: Tenant.defaultID, fingerprint: "fp3", recipient: "zed", severity: .medium,
            reason: .new, escalationLevel: 0, status: .digest, createdAt: RF.now.addingTimeInterval(-600))
        data.notifications = [held, queued, outsider]
        let d = HourlyDigest(data: data, user: Self.manager, now: RF.now)
        #expect(d.held.map(\.number) == [1])
        #expect(d.notificationIDs == [held.id])
        #expect([d.urgentCount, d.highCount, d.mediumCount] as [Int] == [1, 2, 1])
        #expect(d.hour == "2026-11-25 12:00")
        #expect(!d.isEmpty)
        #expect(
            ScheduledReport(.hourlyDigest, data: data, user: Self.manager, now: RF.now).notificationIDs == [held.id])
    }

    @Test func eveningWrapShowsTodaysMovesAndWins() {
        let w = EveningWrap(data: RF.data, user: Self.manager, now: RF.d("2026-11-18T18:00:00Z"))
        #expect(w.moved.map(\.deal) == ["Echo Retail"])
        #expect(w.moved.first?.stage == "Sold")
        #expect(w.wonToday == 1 && w.wonAmount == "$5K")
        #expect(w.callsToday == 0)
    }

    @Test func weeklyScorecardComparesTheLastSevenDaysWithTheSevenBefore() {
        let s = WeeklyScorecard(data: RF.data, user: Self.ana, now: RF.d("2026-11-30T08:00:00Z"))
        #expect(s.week == "2026-W48")
        #expect(s.rank == 1 && s.of == 2)
        let byLabel = Dictionary(uniqueKeysWithValues: s.figures.map { ($0.label, $0) })
        #expect(byLabel["Calls"]?.value == "1" && byLabel["Calls"]?.change == "new")
        #expect(byLabel["Agreements"]?.value == "0" && byLabel["Agreements"]?.change == "↓100%")
        #expect(byLabel["BDR index"]?.value == "1" && byLabel["BDR index"]?.change == "↓67%")
        #expect(!s.onTrack && s.callTarget == 25)
    }

    @Test func dailyWinReportsYesterdaysWins() {
        let w = DailyWin(data: RF.data, user: Self.exec, now: RF.d("2026-11-19T08:00:00Z"))
        #expect(w.date == "2026-11-18")
        #expect(w.dealsWon == 1 && w.wonAmount == "$5K" && w.events == 0 && w.alerts == 0)
        #expect(
            w.headline
                == "✅ Good morning! Pulse processed 0 events yesterday, raised 0 alerts and saw 1 deal won ($5K).")
    }

    @Test func weeklySnapshotShowsWeekOverWeekChanges() {
        let s = WeeklySnapshot(data: RF.data, user: Self.exec, now: RF.d("2026-11-09T09:00:00Z"))
        let byLabel = Dictionary(uniqueKeysWithValues: s.figures.map { ($0.label, $0) })
        #expect(byLabel["Calls conducted"]?.value == "4" && byLabel["Calls conducted"]?.change == "↑300%")
        #expect(byLabel["Events processed"]?.value == "4" && byLabel["Events processed"]?.change == "↑300%")
        #expect(byLabel["Deals won"]?.value == "0" && byLabel["Deals won"]?.change == "→0%")
        #expect(s.closedWon == "$0" && s.bottlenecks == 0)
        #expect(s.week == "2026-W45")
    }

    @Test func consolidatedAlertsAreEmptyWhenNothingIsActive() {
        var data = RF.data
        data.alerts = []
        #expect(ConsolidatedAlerts(data: data, user: Self.exec, now: RF.now).isEmpty)
        #expect(ConsolidatedAlerts(data: RF.data, user: Self.exec, now: RF.now).total == 4)
    }

    @Test func moneyAndChangeAreSpelledForMessages() {
        #expect(ReportFormat.money(14_200_000) == "$142K")
        #expect(ReportFormat.money(126_000_000) == "$1.3M")
        #expect(ReportFormat.money(95_000) == "$950")
        #expect(ReportFormat.change(current: 112, previous: 100) == "↑12%")
        #expect(ReportFormat.change(current: 82, previous: 100) == "↓18%")
        #expect(ReportFormat.cents(-5) == "-0.05")
    }
}
