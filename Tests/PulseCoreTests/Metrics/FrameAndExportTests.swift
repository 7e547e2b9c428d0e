import Foundation
import Testing

@testable import PulseCore

@Suite struct FrameAndExportTests {
    typealias F = MetricsFactory

    @Test func theFrameSortsLabelsAndFallsBackToAccountIndustryAndDealOwner() {
        let deals = [
            Deal(id: "1", account: "acc", owner: "rep_b", stage: "Qualified"),
            Deal(id: "2", owner: "rep_a", stage: "Won", industry: "Retail", outcome: .won),
        ]
        let facts = [ActivityFact(deal: "1", rep: nil, kind: .callConducted, occurredAt: F.now)]
        let frame = F.frame(deals, facts, accounts: [Account(id: "acc", name: "Acc", industry: "Media")])
        #expect(frame.reps == ["rep_a", "rep_b"])
        #expect(frame.industries == ["Media", "Retail"])
        #expect(Array(frame.dealIndustry) == [0, 1])
        #expect(Array(frame.activityRep) == [1])
        #expect(Array(frame.dealCategory) == [MetricsFrame.open, MetricsFrame.won])
        #expect(frame.repCode("rep_b") == 1)
        #expect(frame.repCode("rep_c") == nil)
    }

    @Test func windowsAreHalfOpen() {
        let w = TimeWindow(startSeconds: 10, endSeconds: 20)
        #expect(w.contains(10))
        #expect(!w.contains(20))
        #expect(!TimeWindow.allTime.contains(MetricsFrame.missing))
        #expect(TimeWindow(DateInterval(start: F.day(-1), end: F.now)) == .lastDays(1, before: F.now))
    }

    @Test(arguments: [
        ("2024-12-30T00:00:00Z", 2025, 1), ("2021-01-03T12:00:00Z", 2020, 53), ("2025-06-29T23:59:59Z", 2025, 26),
    ])
    func isoWeeksFollowTheThursdayRule(iso: String, year: Int, week: Int) {
        let w = UTCCalendar.isoWeek(TimeWindow.seconds(F.time(iso)))
        #expect(w.year == Int64(year))
        #expect(w.week == Int64(week))
    }

    @Test func quartersAndWeekdaysComeFromIntegerCalendarArithmetic() {
        let t = TimeWindow.seconds(F.time("2025-03-31T23:59:59Z"))
        #expect(UTCCalendar.quarterLabel(UTCCalendar.quarterOrdinal(t)) == "2025Q1")
        #expect(UTCCalendar.quarterLabel(UTCCalendar.quarterOrdinal(t + 1)) == "2025Q2")
        #expect(UTCCalendar.weekday(t) == 0)
        #expect(UTCCalendar.hour(t) == 23)
        #expect(UTCCalendar.iso8601(-1) == "1969-12-31T23:59:59Z")
    }

    @Test func theExportReaderMapsProposalAndNegotiationTimesToStageHistory() throws {
        let csv = """
            deal_id,rep_id,manager_id,industry,region,product,lead_source,amount,created_at,stage,stage_entered_at,closed_at,proposal_at,negotiation_at
            7,rep_001,mgr_01,SaaS,APAC,Core,Inbound,12345,2025-01-01T00:00:00Z,Lost,2025-03-01T00:00:00Z,2025-03-01T00:00:00Z,2025-02-01T00:00:00Z,

            """
        let deals = try PandasExport.deals(Array(csv.utf8))
        #expect(deals.count == 1)
        #expect(deals[0].stageHistory.map(\.stage) == ["Proposal", "Lost"])
        #expect(deals[0].outcome == .lost)
        #expect(deals[0].amountCents == 12_345)
    }

    @Test(arguments: [
        ("deal_id,rep_id,kind\n1,r,call_conducted\n", "activities.csv:1: field 'occurred_at' column is missing"),
        (
            "deal_id,rep_id,kind,occurred_at\n1,r,call_conducted,2025-13-01T00:00:00Z\n",
            "activities.csv:2: field 'occurred_at'"
        ),
        (
            "deal_id,rep_id,kind,occurred_at\n1,r,call_conducted,2025-01-01T00:00:00Z\n1,r,fax,2025-01-01T00:00:00Z\n",
            "activities.csv:3: field 'kind' 'fax'"
        ),
        ("deal_id,rep_id,kind,occurred_at\n1,r\n", "activities.csv:2: field 'kind' is missing"),
        ("", "activities.csv:1: field 'header' the file is empty"),
    ])
    func badExportRowsNameTheFileLineAndField(csv: String, message: String) {
        #expect {
            _ = try PandasExport.activities(Array(csv.utf8))
        } throws: { error in
            (error as? PandasExportError)?.message.hasPrefix(message) == true
        }
    }
}

@Suite struct FrameClusteringTests {
    typealias F = MetricsFactory

    @Test(arguments: [1.0, 4e18])
    func activitiesAreClusteredByKindThenTimeEvenWhenKeysDoNotFitSixtyFourBits(spread: Double) {
        let facts = [
            F.activity(.emailIn, at: Date(timeIntervalSince1970: spread)),
            F.activity(at: Date(timeIntervalSince1970: 5)),
            F.activity(.emailIn, at: Date(timeIntervalSince1970: -spread)),
            F.activity(rep: "rep_b", at: Date(timeIntervalSince1970: 2)),
            F.activity(at: Date(timeIntervalSince1970: 2)),
        ]
        let frame = F.frame([], facts)
        let calls = frame.activityRows(kind: .callConducted, in: .allTime)
        let emails = frame.activityRows(kind: .emailIn, in: .allTime)
        #expect(calls.count == 3)
        #expect(emails.count == 2)
        #expect(calls.map { frame.activityTime[$0] } == [2, 2, 5])
        // equal times keep input order: rep_b's call came first
        #expect(calls.map { frame.reps[Int(frame.activityRep[$0])] } == ["rep_b", "rep_a", "rep_a"])
        #expect(emails.map { frame.activityTime[$0] } == [Int64(-spread), Int64(spread)])
        #expect(frame.activityRows(kind: .callConducted, in: TimeWindow(startSeconds: 2, endSeconds: 5)).count == 2)
    }

    @Test func closedDealsFollowOpenOnesInCloseTimeOrder() {
        let deals = [
            F.closed("late", won: true, created: F.day(-40), closed: F.day(-1)),
            F.open("o1", entered: F.day(-2)),
            F.closed("early", won: false, created: F.day(-40), closed: F.day(-30)),
            F.open("o2", entered: F.day(-2)),
        ]
        let frame = F.frame(deals)
        #expect(frame.dealIDs == ["o1", "o2", "early", "late"])
        #expect(frame.openRows == 0..<2)
        #expect(frame.closedRows(in: .lastDays(10, before: F.now)) == 3..<4)
    }
}
