import Foundation
import Testing

@testable import PulseCore

/// Every reporting endpoint against numbers worked out by hand from `RF`'s small tenant.
@Suite struct EndpointReportTests {
    @Test func callVolumeCountsConductedCallsPerDayWeekRepAndHour() {
        let r = CallVolumeReport(data: RF.data, query: RF.november)
        // c1, c2, c3 (ana), c4 (bo), c6 (no rep); c5 is in October.
        #expect(r.total == 5)
        #expect(r.reps.map(\.rep) == ["ana", "bo"])
        #expect(r.reps.map(\.calls) == [3, 1])
        // 24.5 days = 3.5 weeks.
        #expect(abs(r.reps[0].perWeek - 3 / 3.5) < 1e-9)
        #expect(r.reps[0].weeklyTarget == 25)
        #expect(r.daily.count == 25)
        #expect(r.daily.first?.period == "2026-11-01")
        #expect(r.daily[2].period == "2026-11-03" && r.daily[2].total == 2 && r.daily[2].byRep["bo"] == 1)
        #expect(r.weekly.map(\.period) == ["2026-W44", "2026-W45", "2026-W46", "2026-W47", "2026-W48"])
        #expect(r.weekly.map(\.total) == [0, 4, 0, 0, 1])
        #expect(r.heatmap[0][9] == 1)  // Monday 09:00
        #expect(r.heatmap[1][9] == 1 && r.heatmap[1][10] == 1 && r.heatmap[1][14] == 1)
        #expect(r.heatmap[2][11] == 1)
        #expect(r.heatmap.joined().reduce(0, +) == 5)
        let csv = r.table
        #expect(csv.rows.contains(["week", "2026-W45", "ALL", "4"]))
        #expect(csv.rows.contains(["week", "2026-W45", "ana", "2"]))
        #expect(csv.rows.contains(["heatmap", "Tue 14:00", "ALL", "1"]))
    }

    @Test func callVolumeFollowsRepAndCategoryFilters() {
        var q = RF.november
        q.reps = ["bo"]
        #expect(CallVolumeReport(data: RF.data, query: q).total == 1)
        q.reps = nil
        q.category = "edtech"
        // Only calls on EdTech deals: c1 (D1) and c4 (D3).
        #expect(CallVolumeReport(data: RF.data, query: q).total == 2)
    }

    @Test func agreementsCountPerMonthWithALeastSquaresTrend() {
        let q = ReportQuery(from: RF.d("2026-10-01"), to: RF.now)
        let r = AgreementsReport(data: RF.data, query: q)
        // October: D4; November: D1, D2, D5.
        #expect(r.total == 4)
        #expect(r.monthly.map(\.period) == ["2026-10", "2026-11"])
        #expect(r.monthly.map(\.count) == [1, 3])
        #expect(r.trend.slope == 2 && r.trend.intercept == 1)
        #expect(r.trend.direction == "up")
        #expect(r.byRep.first { $0.rep == "ana" }?.agreements == 2)
        #expect(r.byRep.first { $0.rep == "bo" }?.agreements == 2)
        #expect(r.monthlyTarget == 20)
        #expect(r.weekly.reduce(0) { $0 + $1.count } == 4)
        #expect(r.table.rows.first == ["month", "2026-10", "1", "1.00"])
    }

    @Test func trendLineOfThreePointsMatchesTheHandFit() {
        // x = 0, 1, 2; y = 1, 2, 6: slope = Σdx·dy / Σdx² = (−1·−2 + 0 + 1·3) / 2 = 2.5, intercept = 3 − 2.5 = 0.5.
        let t = TrendLine(values: [1, 2, 6])
        #expect(t.slope == 2.5 && t.intercept == 0.5)
        #expect(t.fitted == [0.5, 3, 5.5])
        #expect(TrendLine(values: []).fitted.isEmpty)
    }

    @Test func listsOutGiveAverageSizeAndListToSaleConversion() {
        let r = ListsOutReport(data: RF.data, query: RF.november)
        // D1 (10, sold 11-15), D4 (20, no sale), D5 (5, won 11-18).
        #expect(r.lists == 3)
        #expect(abs((r.averageSize ?? 0) - 35.0 / 3) < 1e-9)
        #expect(r.withSale == 2)
        #expect(abs((r.conversionRate ?? 0) - 2.0 / 3) < 1e-9)
        // D1: 5 days, D5: 10 days.
        #expect(r.averageDaysToFirstSale == 7.5)
        let bo = r.byRep.first { $0.rep == "bo" }
        #expect(bo?.lists == 2 && bo?.withSale == 1 && bo?.conversionRate == 0.5 && bo?.averageSize == 12.5)
        #expect(r.table.rows.first == ["ALL", "3", "11.67", "2", "0.6667"])
        var q = RF.november
        q.category = "EdTech"
        let edtech = ListsOutReport(data: RF.data, query: q)
        #expect(edtech.lists == 2 && edtech.withSale == 1)
    }

    @Test func consolidatedAlertsKeepActiveNotifyingUrgentHighMediumOnly() {
        let r = ConsolidatedAlertsReport(data: RF.data, query: RF.november)
        #expect(r.urgent.map(\.number) == [1])
        // #2 (acknowledged) before #8 (raised later); #6 shadow and #7 pending are left out.
        #expect(r.high.map(\.number) == [2, 8])
        #expect(r.medium.map(\.number) == [3])
        #expect(r.total == 4)
        #expect(r.urgent.first?.action == "Call the lead today" && r.urgent.first?.ownerName == "Ana Diaz")
        var q = RF.november
        q.reps = ["bo"]
        #expect(ConsolidatedAlertsReport(data: RF.data, query: q).all.map(\.number) == [2])
        q.reps = nil
        q.category = "PIPELINE"
        #expect(ConsolidatedAlertsReport(data: RF.data, query: q).all.map(\.number) == [3])
        #expect(r.table.rows.first?.prefix(3) == ["urgent", "1", "Alert 1"])
    }

    @Test func leaderboardRanksBDRsByTheWeightedIndex() {
        let r = LeaderboardReport(data: RF.data, query: RF.november)
        // bo: 1 call + 3×1 agreement (D5) + 2×2 lists (D4, D5) + 5×1 sale (D5) = 13.
        // ana: 3 calls + 3×2 agreements (D1, D2) + 2×1 list (D1) = 11.
        #expect(r.rows.map(\.rep) == ["bo", "ana"])
        #expect(r.rows.map(\.index) == [13, 11])
        #expect(r.rows.map(\.rank) == [1, 2])
        #expect(r.rows[1].calls == 3 && r.rows[1].agreements == 2 && r.rows[1].lists == 1 && r.rows[1].sales == 0)
        #expect(abs((r.rows[1].callToAgreementRate ?? 0) - 2.0 / 3) < 1e-9)
        #expect(r.table.rows.first == ["1", "bo", "Bo Chen", "1", "1", "2", "1", "13", "1.0000"])
    }

    @Test func pipelineHealthLooksAheadFromTheRangeEnd() {
        let r = PipelineHealthReport(data: RF.data, query: RF.november)
        // b1 (Mon 11-30, next ISO week) and b2 (Thu 11-26, this week); b3 is in the past.
        #expect(r.scheduledCalls == 2)
        #expect(r.scheduledCallsNextWeek == 1)
        #expect(r.scheduledCallsTarget == 30)
        #expect(r.outstandingProposals.map(\.deal) == ["D3"])
        #expect(r.outstandingProposals.first?.days == 10)
        #expect(r.overduePartnerLists.map(\.deal) == ["D2"])
        #expect(r.overduePartnerLists.first?.days == 3)
        let ana = r.byRep.first { $0.rep == "ana" }
        #expect(ana?.scheduledCallsNextWeek == 1 && ana?.overduePartnerLists == 1 && ana?.outstandingProposals == 0)
        #expect(r.table.rows.contains(["overdue_list", "D2", "Beta Clinic", "ana", "3"]))
    }

    @Test func conversionFollowsTheCohortThroughEachStep() {
        let r = ConversionReport(data: RF.data, query: RF.november)
        // Cohort D1, D2, D3, D5 (D4 was created in October).
        #expect(r.total.cohort == 4)
        #expect(
            [r.total.calls, r.total.proposals, r.total.agreements, r.total.listsOut, r.total.sales] as [Int] == [
                4, 4, 3, 2, 2,
            ])
        #expect(r.total.callToProposal == 1)
        #expect(r.total.proposalToAgreement == 0.75)
        #expect(abs((r.total.agreementToListOut ?? 0) - 2.0 / 3) < 1e-9)
        #expect(r.total.listOutToSale == 1)
        let ana = r.byRep.first { $0.scope == "ana" }
        #expect(ana?.cohort == 2 && ana?.agreements == 2 && ana?.sales == 1)
    }

    @Test func revenueEfficiencyDividesWonRevenueByCallsListsAndActiveBDRs() {
        let r = RevenueEfficiencyReport(data: RF.data, query: RF.november)
        #expect(r.wonCents == 500_000 && r.sales == 1)
        #expect(r.calls == 5 && r.lists == 3)
        #expect(r.revenuePerCallCents == 100_000)
        #expect(r.revenuePerListCents == 166_667)
        #expect(r.revenuePerBDRCents == 250_000)
        let bo = r.byRep.first { $0.rep == "bo" }
        #expect(bo?.revenuePerCallCents == 500_000 && bo?.revenuePerListCents == 250_000)
        #expect(r.table.rows.first == ["ALL", "5000.00", "1", "5", "3", "1000.00", "1666.67", "2500.00"])
    }

    @Test func customerHealthBandsFollowTheRuleThresholds() {
        #expect(CustomerHealthReport.Band(score: 39.9) == .atRisk)
        #expect(CustomerHealthReport.Band(score: 40) == .watch)
        #expect(CustomerHealthReport.Band(score: 74.9) == .watch)
        #expect(CustomerHealthReport.Band(score: 75) == .healthy)
        var data = RF.data
        data.accounts = [
            Account(id: "A1", name: "Quiet Co", industry: "EdTech", owner: "ana"),
            Account(id: "A2", name: "Busy Co", industry: "Retail", owner: "bo"),
            Account(id: "A3", name: "Gone Co", owner: "bo", churned: true),
        ]
        data.engagement = (0..<6).map {
            EngagementEvent(
                id: .init("e\($0)"), account: "A2", kind: .featureUsed,
                occurredAt: RF.now.addingTimeInterval(-Double($0 + 1) * 86_400), feature: "f\($0)")
        }
        let r = CustomerHealthReport(data: data, query: RF.november)
        #expect(r.rows.map(\.account) == ["A1", "A2"])
        let expected = CustomerHealthScorer().score(
            accounts: Array(data.accounts.prefix(2)), engagement: data.engagement, tickets: [],
            activities: data.activities,
            now: RF.now)
        #expect(r.rows.map(\.score) == expected.map { ($0.score * 10).rounded() / 10 })
        #expect(r.rows[0].score < r.rows[1].score)
        var q = RF.november
        q.reps = ["bo"]
        #expect(CustomerHealthReport(data: data, query: q).rows.map(\.account) == ["A2"])
        q.reps = nil
        q.category = "edtech"
        #expect(CustomerHealthReport(data: data, query: q).rows.map(\.account) == ["A1"])
    }

    @Test func everyEndpointNameComputesItsReport() {
        for endpoint in ReportingEndpoint.allCases {
            let table = endpoint.compute(RF.data, RF.november).table
            #expect(!table.columns.isEmpty, "\(endpoint.rawValue)")
        }
        #expect(ReportingEndpoint(rawValue: "call-volume") == .callVolume)
        #expect(ReportingEndpoint.names.contains("revenue-efficiency"))
    }

    @Test func restrictingAQueryIntersectsTheRepsWithWhatTheCallerMaySee() {
        var q = RF.november
        #expect(q.restricted(to: nil).reps == nil)
        #expect(q.restricted(to: ["ana"]).reps == ["ana"])
        q.reps = ["bo"]
        #expect(q.restricted(to: ["ana"]).reps == ["ana"])
        q.reps = ["ana", "bo"]
        #expect(q.restricted(to: ["ana"]).reps == ["ana"])
    }
}
