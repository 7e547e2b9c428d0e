import Foundation
import Testing

@testable import PulseCore

/// The records as they stood at the end of a replayed day: only what was known then.
@Suite struct AsOfReconstructionTests {
    typealias H = BacktestHistory

    @Test func aDealIsInTheStageItsHistoryReachedAndOpenWhenItClosedLater() throws {
        let asOf = AsOfReconstruction.records(H.records, before: H.day(25))
        let d1 = try #require(asOf.deals.first { $0.id == "d1" })
        #expect(d1.stage == "Proposal")
        #expect(d1.stageEnteredAt == H.day(20))
        #expect(d1.stageHistory.map(\.stage) == ["Qualified", "Proposal"])
        #expect(d1.closedAt == nil && d1.outcome == nil && d1.lossReason == nil)
        #expect(!asOf.deals.contains { $0.id == "d2" }, "d2 was created on day 30")
        let data = AsOfReconstruction.evaluationData(H.records, before: H.day(25))
        #expect(data.deals.map(\.id) == ["d1"])
    }

    @Test func aDealClosedBeforeTheCutoffKeepsItsOutcome() throws {
        let d1 = try #require(AsOfReconstruction.records(H.records, before: H.day(41)).deals.first { $0.id == "d1" })
        #expect(d1.stage == "Lost" && d1.outcome == .lost && d1.closedAt == H.day(40) && d1.lossReason == "price")
        let open = try #require(AsOfReconstruction.deal(H.records.deals[0], before: H.day(40)))
        #expect(open.outcome == nil && open.stage == "Proposal", "closing at the cutoff itself is not known yet")
    }

    @Test func activitiesEngagementTicketsAndSubscriptionsStopAtTheCutoff() throws {
        let asOf = AsOfReconstruction.records(H.records, before: H.day(25))
        #expect(asOf.activities.map(\.id) == ["x1"])
        #expect(asOf.engagement.map(\.id) == ["e1"])
        #expect(asOf.tickets.count == 1 && asOf.tickets[0].isOpen, "the ticket closed on day 28")
        #expect(asOf.subscriptions.isEmpty)
        #expect(AsOfReconstruction.records(H.records, before: H.day(10)).activities.isEmpty, "x1 was on day 10, 09:00")
        #expect(AsOfReconstruction.records(H.records, before: H.day(11)).activities.map(\.id) == ["x1"])
    }

    @Test func anAccountHasChurnedOnlyOnceItsChurnIsDatedBeforeTheCutoff() throws {
        #expect(AsOfReconstruction.records(H.records, before: H.day(60)).accounts[0].churned == false)
        #expect(AsOfReconstruction.records(H.records, before: H.day(61)).accounts[0].churned == true)
        var undated = H.records
        undated.churnEvents = []
        #expect(
            AsOfReconstruction.records(undated, before: H.day(200)).accounts[0].churned == false,
            "a churn flag without a date is never known")
    }

    @Test func noRecordFromAfterTheCutoffLeaksIntoAnyDay() {
        for n in stride(from: -1, through: 70, by: 1) {
            let cutoff = H.day(n)
            let r = AsOfReconstruction.records(H.records, before: cutoff)
            for d in r.deals {
                #expect((AsOfReconstruction.createdAt(d) ?? .distantFuture) < cutoff)
                #expect(d.stageHistory.allSatisfy { $0.enteredAt < cutoff })
                #expect(d.closedAt.map { $0 < cutoff } ?? true)
                #expect(d.outcome == nil || d.closedAt != nil)
            }
            #expect(r.activities.allSatisfy { $0.occurredAt < cutoff })
            #expect(r.engagement.allSatisfy { $0.occurredAt < cutoff })
            #expect(r.tickets.allSatisfy { $0.openedAt < cutoff && ($0.closedAt.map { $0 < cutoff } ?? true) })
            #expect(r.subscriptions.allSatisfy { $0.startDate < cutoff })
            #expect(r.churnEvents.allSatisfy { $0.churnedAt < cutoff })
            #expect(r.accounts.allSatisfy { !$0.churned || cutoff > H.day(60, hours: 12) })
        }
    }
}
