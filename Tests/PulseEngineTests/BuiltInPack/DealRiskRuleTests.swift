import Foundation
import PulseCore
import PulseEngine
import Testing

/// deal-risk.yaml: each rule fires on data made for it and not on a near miss.
@Suite struct DealRiskRuleTests {
    typealias F = PackFixture

    /// A Qualified deal worth $45K, `days` in the stage, expected close 5 days ago; 13 closed deals that spent
    /// 25 days in Qualified (5 won) give the stage win rate.
    static func velocity(daysInStage days: Double, amount: Int64? = 45_000) -> PackFixture {
        var f = PackFixture()
        f.deal("D1", name: "D04523 - Acme Corp", daysInStage: days, amount: amount, createdDaysAgo: 40, closeInDays: -5)
        for i in 0..<13 { f.closedDeal("H\(i)", won: i < 5, closedDaysAgo: 20 + Double(i), daysInQualified: 25) }
        return f
    }

    @Test func velocityCrisisFiresAfter15DaysInStage() {
        #expect(Self.velocity(daysInStage: 21).fires("velocity-crisis", F.deal1))
        #expect(Self.velocity(daysInStage: 15).fires("velocity-crisis", F.deal1))
    }

    @Test func velocityCrisisDoesNotFireAt14DaysInStage() {
        // SMI = 1/14 = 0.0714, just above the 0.07 threshold.
        #expect(!Self.velocity(daysInStage: 14).fires("velocity-crisis", F.deal1))
    }

    @Test func velocityCrisisNeedsAKnownAmount() {
        #expect(!Self.velocity(daysInStage: 21, amount: nil).fires("velocity-crisis", F.deal1))
    }

    @Test func velocityCrisisFillsTheAlertOneLines() throws {
        let match = try #require(Self.velocity(daysInStage: 21).match("velocity-crisis", F.deal1))
        let text = PackFixture.filled("velocity-crisis", match)
        #expect(text.title == "VELOCITY ALERT: Deal at Risk")
        #expect(
            text.facts == [
                "Current Stage: Qualified (21 days)",
                "Stage Momentum Index: 0.048 (CRITICAL - below 0.07 threshold)",
            ])
        #expect(text.why.first == "This deal has been stuck in Qualified stage for 21 days")
        #expect(text.why.contains("Historical data shows deals >20 days in Qualified win at only 38.5%"))
        #expect(text.why.last == "Expected close date was 5 days ago")
        #expect(text.actions.count == 4)
        #expect(text.actions.last == "If no progress by Friday → Move to \"Disqualified\"")
        #expect(text.impact == "$45K potential revenue at risk")
        #expect(match.impactCents == 4_500_000)
    }

    static func silent(days: Double) -> PackFixture {
        var f = PackFixture()
        f.deal("D1", daysInStage: 30, createdDaysAgo: 60)
        f.activity(kind: .emailOut, daysAgo: days)
        return f
    }

    @Test func stalledDealFiresAfter14DaysOfSilence() throws {
        let match = try #require(Self.silent(days: 14).match("stalled-deal", F.deal1))
        #expect(
            PackFixture.filled("stalled-deal", match).facts.contains("Last activity: 14 days ago (threshold 14 days)"))
    }

    @Test func stalledDealDoesNotFireAfter13Days() {
        #expect(!Self.silent(days: 13).fires("stalled-deal", F.deal1))
    }

    @Test func stalledDealIgnoresClosedDeals() {
        var f = PackFixture()
        f.deal("D1", createdDaysAgo: 60, outcome: .lost, closedDaysAgo: 20)
        #expect(!f.fires("stalled-deal", F.deal1))
    }

    static func mention(_ text: String, daysAgo: Double, kind: ActivityKind = .emailIn) -> PackFixture {
        var f = PackFixture()
        f.deal("D1", competitor: "Globex")
        f.activity(kind: kind, daysAgo: daysAgo, text: text)
        return f
    }

    @Test func competitorMentionedFiresOnAMentionThisFortnight() throws {
        let f = Self.mention("We are also evaluating other vendors before we decide.", daysAgo: 3)
        let match = try #require(f.match("competitor-mentioned", F.deal1))
        let facts = PackFixture.filled("competitor-mentioned", match).facts
        #expect(facts.contains("Competitor on record: Globex"))
        #expect(facts.contains { $0.hasPrefix("Mention: \"") && $0.contains("evaluating other") })
    }

    @Test(arguments: [
        ("A competitor came up in the call.", 15.0),  // too old
        ("The competition team liked the demo.", 3.0),  // no competitor phrase
    ])
    func competitorMentionedNearMisses(text: String, daysAgo: Double) {
        #expect(!Self.mention(text, daysAgo: daysAgo).fires("competitor-mentioned", F.deal1))
    }

    static func deadline(closeInDays: Double, stage: String = "Qualified", approval: String? = nil) -> PackFixture {
        var f = PackFixture()
        f.deal("D1", stage: stage, closeInDays: closeInDays)
        if let approval { f.activity(kind: .emailIn, daysAgo: 20, text: approval) }
        return f
    }

    @Test func budgetApprovalDeadlineFiresTwoWeeksBeforeCloseWithoutApproval() throws {
        let match = try #require(Self.deadline(closeInDays: 10).match("budget-approval-deadline", F.deal1))
        #expect(PackFixture.filled("budget-approval-deadline", match).facts.first?.contains("(10 days)") == true)
        #expect(
            Self.deadline(closeInDays: 10, approval: "Budget not approved yet.").fires(
                "budget-approval-deadline", F.deal1))
    }

    @Test(arguments: [
        ("budget approved", 10.0, "Qualified"), ("close in 15 days", 15.0, "Qualified"),
        ("in negotiation", 10.0, "Negotiation"),
    ])
    func budgetApprovalDeadlineNearMisses(reason: String, closeInDays: Double, stage: String) {
        let approval = reason == "budget approved" ? "Good news: the budget is approved for this project." : nil
        let f = Self.deadline(closeInDays: closeInDays, stage: stage, approval: approval)
        #expect(!f.fires("budget-approval-deadline", F.deal1), "\(reason)")
    }

    static func threads(_ people: [String], ageDays: Double = 20) -> PackFixture {
        var f = PackFixture()
        f.deal("D1", createdDaysAgo: ageDays)
        for (i, person) in people.enumerated() {
            f.contact(person)
            f.activity(kind: .meeting, daysAgo: Double(i + 1), contacts: [person])
        }
        return f
    }

    @Test func singleThreadedFiresWithOneContactAfterTwoWeeks() {
        #expect(Self.threads(["ann"]).fires("deal-single-threaded", F.deal1))
    }

    @Test func singleThreadedDoesNotFireWithTwoContactsOrBefore14Days() {
        #expect(!Self.threads(["ann", "bob"]).fires("deal-single-threaded", F.deal1))
        #expect(!Self.threads(["ann"], ageDays: 13).fires("deal-single-threaded", F.deal1))
    }

    @Test func budgetConcernsFireOnTheBuyersObjection() throws {
        let f = Self.mention("Honestly this is too expensive for us this year.", daysAgo: 4, kind: .callConducted)
        let match = try #require(f.match("deal-budget-concerns", F.deal1))
        #expect(PackFixture.filled("deal-budget-concerns", match).why.first?.contains("too expensive") == true)
    }

    @Test func budgetConcernsIgnoreTheRepsOwnOutboundEmail() {
        let f = Self.mention("I understand there is no budget freeze on your side.", daysAgo: 4, kind: .emailOut)
        #expect(!f.fires("deal-budget-concerns", F.deal1))
    }
}
