import Foundation
import PulseCore
import PulseEngine
import Testing

/// buying-signals.yaml and advancement.yaml: each rule fires on data made for it and not on a near miss.
@Suite struct BuyingSignalAndAdvancementRuleTests {
    typealias F = PackFixture

    /// Deal D1 (30 days old) with one activity of `kind`, `daysAgo`, saying `text`.
    static func said(_ text: String, kind: ActivityKind = .emailIn, daysAgo: Double = 2) -> PackFixture {
        var f = PackFixture()
        f.deal("D1")
        f.activity(kind: kind, daysAgo: daysAgo, text: text)
        return f
    }

    /// One row per phrase rule: (rule, text that fires it, its near miss, the near miss's kind and age).
    struct PhraseCase: Sendable, CustomTestStringConvertible {
        var rule: String
        var fires: String
        var nearMiss: String
        var nearMissKind: ActivityKind = .emailIn
        var nearMissDaysAgo: Double = 2
        var testDescription: String { rule }
    }

    static let phraseCases: [PhraseCase] = [
        .init(
            rule: "buying-signal-budget-approved", fires: "Great news - budget approved, let's move forward.",
            nearMiss: "Budget approved? Not approved yet, the CFO wants more data."),
        .init(
            rule: "buying-signal-budget-approved", fires: "The budget has been approved by finance.",
            nearMiss: "The budget has been approved by finance.", nearMissDaysAgo: 8),
        .init(
            rule: "buying-signal-technical-evaluation", fires: "Could we start a proof of concept next week?",
            nearMiss: "Happy to set up a proof of concept whenever you like.", nearMissKind: .emailOut),
        .init(
            rule: "buying-signal-procurement", fires: "Please send your vendor onboarding form to our team.",
            nearMiss: "We will send the onboarding guide to new users."),
        .init(
            rule: "technical-validation-completed", fires: "Technical validation completed: all tests passed.",
            nearMiss: "Technical validation scheduled for next week.", nearMissKind: .note),
        .init(
            rule: "advancement-roi-requested", fires: "Can you send us an ROI estimate for the board?",
            nearMiss: "That was a heroic effort by your team."),
        .init(
            rule: "advancement-legal-review", fires: "Our lawyers have started the legal review of the MSA.",
            nearMiss: "Legal will be involved later, not yet."),
        .init(
            rule: "deal-budget-concerns", fires: "We have a budget freeze until January.",
            nearMiss: "We have a budget freeze until January.", nearMissDaysAgo: 15),
    ]

    @Test(arguments: phraseCases)
    func aPhraseRuleFiresOnItsPhrase(c: PhraseCase) throws {
        let match = try #require(Self.said(c.fires).match(c.rule, F.deal1))
        let text = PackFixture.filled(c.rule, match)
        #expect(text.title?.contains(":") == true)
        #expect(!text.actions.isEmpty)
    }

    @Test(arguments: phraseCases)
    func aPhraseRuleDoesNotFireOnItsNearMiss(c: PhraseCase) {
        let f = Self.said(c.nearMiss, kind: c.nearMissKind, daysAgo: c.nearMissDaysAgo)
        #expect(!f.fires(c.rule, F.deal1))
    }

    @Test func aPhraseRuleIgnoresClosedDeals() {
        var f = PackFixture()
        f.deal("D1", outcome: .won, closedDaysAgo: 1)
        f.activity(kind: .emailIn, daysAgo: 2, text: "Budget approved!")
        #expect(!f.fires("buying-signal-budget-approved", F.deal1))
    }

    @Test func budgetApprovedQuotesTheEmail() throws {
        let match = try #require(
            Self.said("Great news - budget approved, let's move forward.").match(
                "buying-signal-budget-approved", F.deal1))
        let facts = PackFixture.filled("buying-signal-budget-approved", match).facts
        #expect(facts.first?.contains("budget approved") == true)
        #expect(match.impactCents == 4_500_000)
    }

    /// D1 with calls and meetings in the last 14 days attended by `people` (one each).
    static func attendees(_ people: [String]) -> PackFixture {
        var f = PackFixture()
        f.deal("D1")
        for (i, person) in people.enumerated() {
            f.contact(person)
            f.activity(
                kind: i.isMultiple(of: 2) ? .callConducted : .meeting, daysAgo: Double(2 + i), contacts: [person])
        }
        return f
    }

    @Test func stakeholdersSignalFiresWithThreePeopleOnCalls() throws {
        let match = try #require(Self.attendees(["ann", "bob", "cy"]).match("buying-signal-stakeholders", F.deal1))
        #expect(
            PackFixture.filled("buying-signal-stakeholders", match).facts.first?.contains(": 3 (threshold 3)") == true)
    }

    @Test func stakeholdersSignalDoesNotFireWithTwo() {
        #expect(!Self.attendees(["ann", "bob"]).fires("buying-signal-stakeholders", F.deal1))
    }

    @Test func procurementSignalFiresWhenAProcurementContactJoins() {
        var f = PackFixture()
        f.deal("D1")
        f.contact("pat", role: .procurement)
        f.activity(kind: .meeting, daysAgo: 20, contacts: ["pat"])
        #expect(f.fires("buying-signal-procurement", F.deal1))
    }

    @Test func procurementSignalDoesNotFireForATechnicalContact() {
        var f = PackFixture()
        f.deal("D1")
        f.contact("tom", role: .technical)
        f.activity(kind: .meeting, daysAgo: 20, contacts: ["tom"])
        #expect(!f.fires("buying-signal-procurement", F.deal1))
    }

    @Test func legalReviewFiresWhenALegalContactJoins() {
        var f = PackFixture()
        f.deal("D1")
        f.contact("lee", role: .legal)
        f.activity(kind: .meeting, daysAgo: 25, contacts: ["lee"])
        #expect(f.fires("advancement-legal-review", F.deal1))
        var old = PackFixture()
        old.deal("D1", createdDaysAgo: 60)
        old.contact("lee", role: .legal)
        old.activity(kind: .meeting, daysAgo: 31, contacts: ["lee"])
        #expect(!old.fires("advancement-legal-review", F.deal1))
    }

    /// D1 (30 days old): Ann on a call 20 days ago, then a demo `daysAgo` (negative = scheduled ahead) with `people`.
    static func demo(with people: [String], daysAgo: Double = 3) -> PackFixture {
        var f = PackFixture()
        f.deal("D1")
        for person in ["ann", "bob"] { f.contact(person) }
        f.activity(kind: .callConducted, daysAgo: 20, contacts: ["ann"])
        f.activity(kind: .demo, daysAgo: daysAgo, contacts: people)
        return f
    }

    @Test func demoWithNewStakeholdersFiresForAHeldOrScheduledDemo() throws {
        let match = try #require(Self.demo(with: ["ann", "bob"]).match("advancement-demo-new-stakeholders", F.deal1))
        #expect(PackFixture.filled("advancement-demo-new-stakeholders", match).facts.first?.contains("(1)") == true)
        #expect(Self.demo(with: ["ann", "bob"], daysAgo: -5).fires("advancement-demo-new-stakeholders", F.deal1))
    }

    @Test func demoWithOnlyKnownPeopleDoesNotFire() {
        #expect(!Self.demo(with: ["ann"]).fires("advancement-demo-new-stakeholders", F.deal1))
    }

    /// D1 `ageDays` old: Ann on a call 6 days after creation, Bob first seen 3 days ago.
    static func newcomer(ageDays: Double) -> PackFixture {
        var f = PackFixture()
        f.deal("D1", daysInStage: 1, createdDaysAgo: ageDays)
        for person in ["ann", "bob"] { f.contact(person) }
        f.activity(kind: .callConducted, daysAgo: ageDays - 0.5, contacts: ["ann"])
        f.activity(kind: .meeting, daysAgo: 3, contacts: ["ann", "bob"])
        return f
    }

    @Test func newStakeholderFiresOnAnEstablishedDeal() {
        #expect(Self.newcomer(ageDays: 30).fires("new-stakeholder", F.deal1))
        #expect(Self.newcomer(ageDays: 7).fires("new-stakeholder", F.deal1))
    }

    @Test func newStakeholderSkipsDealsYoungerThanAWeek() {
        #expect(!Self.newcomer(ageDays: 6).fires("new-stakeholder", F.deal1))
    }

    static func lead(hoursAgo: Double = 5, source: String = "Inbound", amount: Int64 = 60_000) -> PackFixture {
        var f = PackFixture()
        f.deal(
            "D1", stage: "Prospecting", daysInStage: hoursAgo / 24, amount: amount, createdDaysAgo: hoursAgo / 24,
            leadSource: source, industry: "FinTech")
        return f
    }

    @Test func highValueInboundLeadFiresWithinTwoDays() throws {
        let match = try #require(Self.lead().match("new-high-value-inbound-lead", F.deal1))
        #expect(
            PackFixture.filled("new-high-value-inbound-lead", match).title == "HOT LEAD: D1 ($60K) came in via Inbound")
        #expect(Self.lead(source: "website", amount: 50_000).fires("new-high-value-inbound-lead", F.deal1))
    }

    @Test(arguments: [(5.0, "Inbound", Int64(49_999)), (5.0, "Outbound", 60_000), (49.0, "Inbound", 60_000)])
    func highValueInboundLeadNearMisses(hoursAgo: Double, source: String, amount: Int64) {
        #expect(
            !Self.lead(hoursAgo: hoursAgo, source: source, amount: amount).fires("new-high-value-inbound-lead", F.deal1)
        )
    }
}
