import Foundation
import Testing

@testable import PulseCore

/// Partner sublist items (`Deal.parent`) count as sales of their lead, never as pipeline items of their own.
@Suite struct SublistTests {
    typealias F = MetricsFactory

    /// A main BDR lead with the given stage history (days before `now`).
    static func lead(_ id: String, _ history: [(String, Double)], _ configure: (inout Deal) -> Void = { _ in }) -> Deal
    {
        var deal = Deal(
            id: Deal.ID(id), owner: "bdr_1", pipeline: "bdr", stage: history.last!.0,
            stageHistory: history.map { StageChange(stage: $0.0, enteredAt: F.day($0.1)) },
            createdAt: F.day(history.first!.1))
        configure(&deal)
        return deal
    }

    /// A partner of `lead-1`'s list, sent 20 days ago; `closed` = (stage, days, dollars) once it ended.
    static func partner(_ n: Int, owner: Rep.ID? = "bdr_1", closed: (String, Double, Int64?)? = nil) -> Deal {
        var history = [StageChange(stage: "LEAD", enteredAt: F.day(-20))]
        history.append(.init(stage: "PARTNER_LIST_SENT", enteredAt: F.day(-20)))
        var deal = Deal(
            id: Deal.ID("lead-1-p\(n)"), owner: owner, pipeline: "bdr", stage: "PARTNER_LIST_SENT",
            stageHistory: history, createdAt: F.day(-20), parent: "lead-1", partnerListSentDate: F.day(-20))
        if let (stage, days, dollars) = closed {
            deal.stage = stage
            deal.stageHistory.append(.init(stage: stage, enteredAt: F.day(days)))
            deal.closedAt = F.day(days)
            deal.outcome = stage == "SOLD" ? .won : .lost
            deal.amountCents = dollars.map { $0 * 100 }
            if stage == "SOLD" { deal.firstSaleDate = F.day(days) }
        }
        return deal
    }

    /// lead-1: call −35, proposal −30, agreement −25, list of 5 out −20, first sale −10 (won, $3,000 from 2 sales).
    /// lead-2: call −28, still in CALL_CONDUCTED. lead-3: list out −45, not sold −15 (lost, its list not given).
    static let leads: [Deal] = [
        lead(
            "lead-1",
            [
                ("LEAD", -40), ("CALL_CONDUCTED", -35), ("PROPOSAL_SOFT_YES", -30), ("AGREEMENT_HARD_YES", -25),
                ("PARTNER_LIST_SENT", -20), ("SOLD", -10),
            ]
        ) {
            $0.callDate = F.day(-35)
            $0.agreementDate = F.day(-25)
            $0.partnerListSentDate = F.day(-20)
            $0.firstSaleDate = F.day(-10)
            $0.closedAt = F.day(-10)
            $0.outcome = .won
            $0.amountCents = 300_000
            $0.partnerListSize = 5
            $0.totalSalesFromList = 2
        },
        lead("lead-2", [("LEAD", -30), ("CALL_CONDUCTED", -28)]) { $0.callDate = F.day(-28) },
        lead(
            "lead-3",
            [
                ("LEAD", -70), ("CALL_CONDUCTED", -65), ("PROPOSAL_SOFT_YES", -60), ("AGREEMENT_HARD_YES", -50),
                ("PARTNER_LIST_SENT", -45), ("LIST_OUT_NOT_SOLD", -15),
            ]
        ) {
            $0.agreementDate = F.day(-50)
            $0.partnerListSentDate = F.day(-45)
            $0.closedAt = F.day(-15)
            $0.outcome = .lost
            $0.partnerListSize = 4
            $0.totalSalesFromList = 0
        },
    ]

    /// lead-1's five partners: two sold ($1,000 at −10; $2,000 at −5, recorded without an owner), two not sold at
    /// −2, one still open.
    static let partners: [Deal] = [
        partner(1, closed: ("SOLD", -10, 1000)), partner(2, owner: nil, closed: ("SOLD", -5, 2000)),
        partner(3, closed: ("LIST_OUT_NOT_SOLD", -2, nil)), partner(4, closed: ("LIST_OUT_NOT_SOLD", -2, nil)),
        partner(5),
    ]

    static let calls = [-3.0, -2, -1].map { F.activity(rep: "bdr_1", at: F.day($0)) }

    static let month = TimeWindow.lastDays(30, before: F.now)

    @Test func sublistItemsGetNoDealRowsButTheirSalesAreCounted() {
        let frame = F.frame(Self.leads + Self.partners, Self.calls)
        #expect(frame.dealCount == 3)
        #expect(frame.sublistItemCount == 5)
        #expect(frame.saleTime.count == 2)
        #expect(Array(frame.saleAmount) == [100_000, 200_000])
        // The ownerless partner's sale goes to its lead's owner.
        #expect(frame.saleRep.allSatisfy { $0 == Int32(frame.repCode("bdr_1")!) })
    }

    @Test func listsOutAgreementsAndTheBdrIndexCountMainLeadsAndSoldPartners() {
        let frame = F.frame(Self.leads + Self.partners, Self.calls)
        let rows = frame.bdrIndex(in: Self.month)
        #expect(rows.map(\.rep) == ["bdr_1"])
        let row = rows[0]
        // Lists: lead-1 only (lead-3's went out 45 days ago; its partners are not lists). Sales: partners 1 and 2.
        let counts: [Int] = [row.calls, row.agreements, row.lists, row.sales]
        #expect(counts == [3, 1, 1, 2])
        #expect(row.index == 3 + 3 + 2 + 10)
        let snapshot = PulseMetricsSnapshot(frame: frame, now: F.now)
        let kpis = Dictionary(uniqueKeysWithValues: snapshot.kpis.map { ($0.metric, $0.value) })
        #expect(kpis["lists_out_per_month"] == 1)
        #expect(kpis["agreements_per_month"] == 1)
    }

    @Test func revenueComesFromTheSoldPartners() {
        let revenue = F.frame(Self.leads + Self.partners, Self.calls).revenue(in: Self.month)
        #expect(revenue.wonCents == 300_000)
        #expect(revenue.wonDeals == 2)
        #expect(revenue.lists == 1)
        #expect(revenue.revenuePerCallCents == 100_000)
        #expect(revenue.revenuePerListCents == 300_000)
    }

    @Test func winRateConversionSmiAndPvsSeeOnlyMainLeads() {
        let frame = F.frame(Self.leads + Self.partners, Self.calls)
        // lead-1 won, lead-3 lost; the partners are not opportunities.
        #expect(frame.winRate(in: .until(F.now)).overall.rate == 0.5)
        let funnel = frame.conversion(in: .until(F.now), now: F.now)
        #expect(funnel.cohort == 3)
        // call: all three; proposal and agreement: lead-1, lead-3; list-out: both; sale: lead-1.
        #expect(funnel.steps.map(\.reached) == [3, 2, 2, 2, 1])
        let momentum = frame.stageMomentum(now: F.now)
        #expect(momentum.deals.map(\.deal) == ["lead-2"])
        #expect(momentum.deals.filter(\.isStalled).count == 1)  // 28 days in CALL_CONDUCTED
        // PVS = 1 open × 1/2 × $3,000 ÷ 30 days (lead-1: created −40, won −10) = $50 per day.
        let pvs = frame.pipelineVelocity(in: .until(F.now)).overall
        #expect(pvs.openDeals == 1)
        #expect(pvs.pvs == 50)
    }

    @Test func withoutItsSublistALeadCountsTotalSalesFromListAtItsClose() {
        let withPartners = F.frame(Self.leads + Self.partners, Self.calls)
        let leadsOnly = F.frame(Self.leads, Self.calls)
        #expect(leadsOnly.sublistItemCount == 0)
        // lead-1 alone stands for its 2 sales and its $3,000 at its first sale (−10).
        #expect(Array(leadsOnly.saleCount) == [2])
        #expect(leadsOnly.bdrIndex(in: Self.month) == withPartners.bdrIndex(in: Self.month))
        #expect(leadsOnly.revenue(in: Self.month).wonCents == 300_000)
        #expect(
            leadsOnly.conversion(in: .until(F.now), now: F.now)
                == withPartners.conversion(in: .until(F.now), now: F.now))
        #expect(leadsOnly.winRate(in: .until(F.now)) == withPartners.winRate(in: .until(F.now)))
        // Outside the window of the −5 partner sale but inside lead-1's −10: the timing follows the sold items.
        let lateWindow = TimeWindow.lastDays(7, before: F.now)
        #expect(withPartners.bdrIndex(in: lateWindow)[0].sales == 1)
        #expect(leadsOnly.bdrIndex(in: lateWindow)[0].sales == 0)
    }
}
