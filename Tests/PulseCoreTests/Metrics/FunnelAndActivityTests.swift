import Foundation
import Testing

@testable import PulseCore

@Suite struct FunnelAndActivityTests {
    typealias F = MetricsFactory

    static func bdrDeal(_ id: String, stage: String, _ configure: (inout Deal) -> Void = { _ in }) -> Deal {
        var deal = Deal(id: Deal.ID(id), owner: "bdr_1", pipeline: "bdr", stage: stage, createdAt: F.day(-20))
        configure(&deal)
        return deal
    }

    @Test func aDealReachesAMilestoneThroughItsDatesStagesOrAnyLaterMilestone() {
        let deals = [
            // b2b: won through Proposal and Negotiation → call … sale (list-out implied by the later sale)
            Deal(
                id: "w", owner: "rep_a", stage: "Won",
                stageHistory: [
                    .init(stage: "Proposal", enteredAt: F.day(-15)), .init(stage: "Negotiation", enteredAt: F.day(-10)),
                    .init(stage: "Won", enteredAt: F.day(-5)),
                ], createdAt: F.day(-20), closedAt: F.day(-5), outcome: .won),
            // b2b: in Proposal → call, proposal
            F.open("p", entered: F.day(-3), stage: "Proposal"),
            // b2b: Prospecting marks nothing
            F.open("x", entered: F.day(-3), stage: "Prospecting"),
            // bdr: only an agreement date → call, proposal, agreement
            Self.bdrDeal("a", stage: "CALL_CONDUCTED") { $0.agreementDate = F.day(-2) },
            // bdr: call booked for the future, stage CALL_BOOKED → nothing of the funnel yet
            Self.bdrDeal("f", stage: "CALL_BOOKED") { $0.callDate = F.day(2) },
        ]
        let funnel = F.frame(deals).conversion(in: .until(F.now), now: F.now)
        #expect(funnel.cohort == 5)
        // call: w, p, a (f's call is still in the future, x marks nothing); agreement: w, a; list-out, sale: w
        #expect(funnel.steps.map(\.reached) == [3, 3, 2, 1, 1])
        let rates: [Double?] = [nil, 1, 2.0 / 3, 0.5, 1]
        #expect(funnel.steps.map(\.rateFromPrevious) == rates)
        #expect(funnel.overallRate == 1.0 / 3)
    }

    @Test func bdrIndexWeighsCallsAgreementsListsAndSales() {
        let window = TimeWindow.lastDays(30, before: F.now)
        let deals = [
            // b2b: negotiation (agreement) and proposal (list) in the window, won in the window
            Deal(
                id: "1", owner: "rep_a", stage: "Won",
                stageHistory: [
                    .init(stage: "Proposal", enteredAt: F.day(-20)), .init(stage: "Negotiation", enteredAt: F.day(-10)),
                    .init(stage: "Won", enteredAt: F.day(-1)),
                ], createdAt: F.day(-40), closedAt: F.day(-1), outcome: .won),
            // b2b: proposal before the window, so no list
            F.open("2", entered: F.day(-31), stage: "Proposal"),
            // bdr: agreement and partner list sent in the window
            Self.bdrDeal("3", stage: "PARTNER_LIST_SENT") {
                $0.owner = "rep_a"
                $0.agreementDate = F.day(-5)
                $0.partnerListSentDate = F.day(-4)
            },
        ]
        let calls = [
            F.activity(at: F.day(-30)), F.activity(at: F.day(0, hours: -1)),
            F.activity(at: F.day(0)),  // now: outside [now − 30 d, now)
            F.activity(.emailOut, at: F.day(-2)),
        ]
        let rows = F.frame(deals, calls).bdrIndex(in: window)
        #expect(rows.count == 1)
        let a = rows[0]
        let counts: [Int] = [a.calls, a.agreements, a.lists, a.sales]
        #expect(counts == [2, 2, 2, 1])
        #expect(a.index == 2 + 2 * 3 + 2 * 2 + 5)
    }

    @Test func callsPerWeekCountCompleteIsoWeeksAgainstTheTarget() {
        let now = F.time("2025-07-02T10:00:00Z")  // Wednesday of ISO week 2025-W27
        let calls = [
            F.activity(at: F.time("2025-06-15T23:59:59Z")),  // before the two weeks
            F.activity(at: F.time("2025-06-16T00:00:00Z")),  // W25
            F.activity(at: F.time("2025-06-29T23:59:59Z")),  // W26
            F.activity(at: F.time("2025-06-30T08:00:00Z")),  // current week: not complete
            F.activity(rep: "rep_b", at: F.time("2025-06-20T08:00:00Z")),
            F.activity(rep: "rep_b", at: F.time("2025-06-21T08:00:00Z")),
            F.activity(rep: "rep_b", at: F.time("2025-06-24T08:00:00Z")),
            F.activity(rep: "rep_b", at: F.time("2025-06-25T08:00:00Z")),
        ]
        let targets = [
            KpiTarget(id: "t", metric: "calls_per_bdr_week", period: .week, target: 2),
            KpiTarget(id: "b", metric: "calls_per_bdr_week", period: .week, target: 1, rep: "rep_a"),
        ]
        let report = F.frame([], calls).callsPerWeek(now: now, weeks: 2, targets: targets)
        #expect(report.weeks.map(\.label) == ["2025-W25", "2025-W26"])
        #expect(report.reps.map(\.perWeek) == [[1, 1], [2, 2]])
        #expect(report.reps.map(\.status) == [.onTrack, .onTrack])
        #expect(report.target == 2)
        #expect(report.averagePerRep == 1.5)
        #expect(report.status == .behind)  // 1.5 < 0.8 × 2
        #expect(F.frame([], calls).callsPerWeek(now: now, weeks: 2).reps[0].status == .behind)
    }

    @Test(arguments: [(25.0, KpiStatus.onTrack), (20, .atRisk), (19.99, .behind), (0, .behind)])
    func statusIsOnTrackAtTargetAtRiskFromEightyPercentElseBehind(average: Double, status: KpiStatus) {
        #expect(KpiStatus(average: average, target: 25) == status)
    }

    @Test func heatmapCountsCallsByMondayBasedWeekdayAndUtcHour() {
        let acts = [
            F.activity(at: F.time("2025-06-30T09:15:00Z")),  // Monday 09
            F.activity(at: F.time("2025-06-30T09:59:59Z")),
            F.activity(at: F.time("2025-06-29T23:00:00Z")),  // Sunday 23
            F.activity(.emailIn, at: F.time("2025-06-30T09:00:00Z")),
        ]
        let map = F.frame([], acts).activityHeatmap(in: .allTime)
        #expect(map[0, 9] == 2)
        #expect(map[6, 23] == 1)
        #expect(map.total == 3)
        #expect(map.maximum == 2)
        #expect(F.frame([], acts).activityHeatmap(in: .allTime, kinds: [.emailIn])[0, 9] == 1)
    }

    @Test func revenueIsWonAmountsPerCallPerListAndPerRep() {
        let deals = [
            F.closed("1", won: true, dollars: 1000, created: F.day(-40), closed: F.day(-10)),
            F.closed("2", won: true, rep: "rep_b", dollars: 3000, created: F.day(-40), closed: F.day(-5)),
            F.closed("3", won: true, dollars: 5000, created: F.day(-90), closed: F.day(-60)),  // before the window
            F.open("4", entered: F.day(-3), stage: "Proposal"),
        ]
        let calls = [F.activity(at: F.day(-3)), F.activity(at: F.day(-2)), F.activity(rep: "rep_b", at: F.day(-1))]
        let report = F.frame(deals, calls).revenue(in: .lastDays(30, before: F.now))
        #expect(report.wonCents == 400_000)
        #expect(report.revenuePerCallCents == 133_333)
        #expect(report.lists == 1)
        #expect(report.revenuePerListCents == 400_000)
        #expect(report.byRep.map(\.wonCents) == [100_000, 300_000])
        #expect(report.byRep.map(\.revenuePerCallCents) == [50_000, 300_000])
        #expect(report.revenuePerActiveRepCents == 200_000)
    }
}

@Suite struct SnapshotTests {
    typealias F = MetricsFactory

    @Test func theSnapshotRanksTheLeaderboardAndFillsTheKpiTable() {
        let deals = [
            F.closed("1", won: true, rep: "rep_b", created: F.day(-40), closed: F.day(-3)),
            F.open("2", entered: F.day(-20), rep: "rep_a"),
            F.open("3", entered: F.day(-1), rep: "rep_c"),
        ]
        let calls = [F.activity(rep: "rep_a", at: F.day(-2)), F.activity(rep: "rep_a", at: F.day(-9))]
        let snapshot = PulseMetricsSnapshot(frame: F.frame(deals, calls), now: F.now)
        // rep_b: one sale (5); rep_a: two calls (2); rep_c: nothing
        #expect(snapshot.bdrLeaderboard.map(\.rep) == ["rep_b", "rep_a"])
        #expect(
            snapshot.kpis.map(\.metric) == [
                "calls_per_bdr_week", "upcoming_calls_next_week", "agreements_per_month", "lists_out_per_month",
                "win_rate",
            ])
        let winRate = snapshot.kpis.last!
        #expect(winRate.value == 1)
        #expect(winRate.target == 0.45)
        #expect(winRate.status == .onTrack)
        // 2 calls over 4 weeks and 3 reps: 1/6 per rep per week, far below 25
        #expect(abs(snapshot.kpis[0].value - 2.0 / 12) < 1e-12)
        #expect(snapshot.kpis[0].status == .behind)
        #expect(snapshot.momentum.lowestMomentumFirst.map(\.deal) == ["2", "3"])
    }
}
