import Foundation
import PulseCore
import PulseEngine
import Testing

/// One table over the whole pack: every built-in rule has a scenario that fires it and a near miss that does not,
/// and every firing alert fills its title, at least one fact and every action.
@Suite struct PackCoverageTests {
    typealias D = DealRiskRuleTests
    typealias B = BuyingSignalAndAdvancementRuleTests
    typealias C = CustomerRuleTests
    typealias T = TeamAndPipelineRuleTests

    /// A rule, the entity it is about, data that fires it and the nearest data that does not.
    struct Scenario: Sendable, CustomTestStringConvertible {
        var rule: Rule.ID
        var entity: EntityRef
        var fires: PackFixture
        var nearMiss: PackFixture
        var testDescription: String { rule }
    }

    static let deal = PackFixture.deal1
    static let account = PackFixture.account1
    static let tenant = PackFixture.tenantRef

    static let scenarios: [Scenario] = [
        .init(
            rule: "velocity-crisis", entity: deal, fires: D.velocity(daysInStage: 15),
            nearMiss: D.velocity(daysInStage: 14)),
        .init(rule: "stalled-deal", entity: deal, fires: D.silent(days: 14), nearMiss: D.silent(days: 13)),
        .init(
            rule: "competitor-mentioned", entity: deal, fires: D.mention("Switch to Globex?", daysAgo: 14),
            nearMiss: D.mention("Switch to Globex?", daysAgo: 15)),
        .init(
            rule: "budget-approval-deadline", entity: deal, fires: D.deadline(closeInDays: 14),
            nearMiss: D.deadline(closeInDays: 15)),
        .init(
            rule: "deal-single-threaded", entity: deal, fires: D.threads(["ann"]), nearMiss: D.threads(["ann", "bob"])),
        .init(
            rule: "deal-budget-concerns", entity: deal, fires: B.said("We are over budget."),
            nearMiss: B.said("We are over budget.", kind: .emailOut)),
        .init(
            rule: "buying-signal-budget-approved", entity: deal, fires: B.said("Budget approved."),
            nearMiss: B.said("Budget approved? Not approved yet.")),
        .init(
            rule: "buying-signal-stakeholders", entity: deal, fires: B.attendees(["ann", "bob", "cy"]),
            nearMiss: B.attendees(["ann", "bob"])),
        .init(
            rule: "buying-signal-technical-evaluation", entity: deal, fires: B.said("Can we run a POC?"),
            nearMiss: B.said("Can we run a POC?", daysAgo: 15)),
        .init(
            rule: "buying-signal-procurement", entity: deal, fires: B.said("Who should receive the purchase order?"),
            nearMiss: B.said("Who should receive the order confirmation?")),
        .init(
            rule: "advancement-demo-new-stakeholders", entity: deal, fires: B.demo(with: ["ann", "bob"]),
            nearMiss: B.demo(with: ["ann"])),
        .init(
            rule: "technical-validation-completed", entity: deal, fires: B.said("Passed security review today."),
            nearMiss: B.said("Security review starts today.")),
        .init(
            rule: "advancement-roi-requested", entity: deal, fires: B.said("Please send the business case."),
            nearMiss: B.said("Please send the business case.", kind: .emailOut)),
        .init(
            rule: "advancement-legal-review", entity: deal, fires: B.said("Redlines attached."),
            nearMiss: B.said("Redlines attached.", daysAgo: 15)),
        .init(rule: "new-stakeholder", entity: deal, fires: B.newcomer(ageDays: 7), nearMiss: B.newcomer(ageDays: 6)),
        .init(
            rule: "new-high-value-inbound-lead", entity: deal, fires: B.lead(hoursAgo: 48),
            nearMiss: B.lead(hoursAgo: 49)),
        .init(rule: "churn-ticket-spike", entity: account, fires: C.tickets(recent: 3), nearMiss: C.tickets(recent: 2)),
        .init(
            rule: "churn-usage-decline", entity: account, fires: C.usage(earlier: 50, recent: 30),
            nearMiss: C.usage(earlier: 50, recent: 31)),
        .init(
            rule: "churn-outreach-no-response", entity: account, fires: C.outreach(inboundDaysAgo: 21),
            nearMiss: C.outreach(inboundDaysAgo: 20)),
        .init(
            rule: "renewal-approaching", entity: account, fires: C.account(renewalInDays: 90),
            nearMiss: C.account(renewalInDays: 91)),
        .init(
            rule: "health-below-threshold", entity: account, fires: C.health(.urgent, count: 3),
            nearMiss: C.health(.high, count: 1)),
        .init(rule: "engagement-declining", entity: account, fires: C.logins(recent: 5), nearMiss: C.logins(recent: 6)),
        .init(
            rule: "feature-adoption-drop", entity: account, fires: C.features(recent: 3),
            nearMiss: C.features(recent: 4)),
        .init(
            rule: "expansion-ready-engagement", entity: account, fires: C.healthy(recent: 50),
            nearMiss: C.healthy(recent: 49)),
        .init(rule: "expansion-opportunity", entity: account, fires: C.seats(users: 9), nearMiss: C.seats(users: 8)),
        .init(
            rule: "upsell-usage", entity: account, fires: C.usage(earlier: 30, recent: 45),
            nearMiss: C.usage(earlier: 30, recent: 45, plan: "enterprise")),
        .init(rule: "engagement-spike", entity: account, fires: C.spike(recent: 28), nearMiss: C.spike(recent: 27)),
        .init(rule: "reference-opportunity", entity: account, fires: C.rated([5, 5]), nearMiss: C.rated([5, 4])),
        .init(rule: "error-rate-spike", entity: account, fires: C.errors(10), nearMiss: C.errors(3)),
        .init(
            rule: "bdr-calls-below-target", entity: PackFixture.bdr, fires: T.bdr(calls: 24), nearMiss: T.bdr(calls: 25)
        ),
        .init(rule: "bdr-needs-support", entity: PackFixture.bdr, fires: T.bdr(calls: 4), nearMiss: T.bdr(calls: 5)),
        .init(
            rule: "goal-progress-behind", entity: PackFixture.bdr, fires: T.paced(agreements: 3),
            nearMiss: T.paced(agreements: 4)),
        .init(
            rule: "partner-lists-past-due", entity: tenant, fires: T.partnerList(dueInDays: -1),
            nearMiss: T.partnerList(dueInDays: 1)),
        .init(rule: "upcoming-calls-low", entity: tenant, fires: T.upcoming(29), nearMiss: T.upcoming(30)),
        .init(
            rule: "win-rate-degradation", entity: T.edtechRef,
            fires: T.edtech(baseClosed: 20, baseWon: 11, closed: 10, won: 5),
            nearMiss: T.edtech(baseClosed: 21, baseWon: 11, closed: 10, won: 5)),
        .init(
            rule: "segment-performance-shift", entity: EntityRef(.segment, "industry=Retail|segment=SMB"),
            fires: T.retail(cycle: 60), nearMiss: T.retail(cycle: 50)),
        .init(rule: "pipeline-quality-warning", entity: tenant, fires: T.newDeals(5), nearMiss: T.newDeals(4)),
        .init(
            rule: "win-rate-spike", entity: EntityRef(.segment, "industry=FinTech"), fires: T.fintech(won: 4),
            nearMiss: T.fintech(won: 3)),
        .init(
            rule: "win-rate-anomaly", entity: EntityRef(.segment, "industry=FinTech"),
            fires: WinRateAnomalyRuleTests.fixture(recent: 19, recentWon: 13),
            nearMiss: WinRateAnomalyRuleTests.fixture(recent: 10, recentWon: 5)),
        .init(rule: "custom-metric-anomaly", entity: tenant, fires: T.created(today: 6), nearMiss: T.created(today: 2)),
        .init(
            rule: "pipeline-velocity-change", entity: tenant, fires: T.velocity(cycle: 40),
            nearMiss: T.velocity(cycle: 45)),
        .init(
            rule: "response-time-increase", entity: tenant, fires: T.response(hours: 15),
            nearMiss: T.response(hours: 13)),
        .init(
            rule: "high-value-leads-cold", entity: tenant, fires: T.bigDeals(silentDays: [10, 12, 17]),
            nearMiss: T.bigDeals(silentDays: [9, 12, 17])),
        .init(
            rule: "forecast-miss", entity: tenant, fires: T.forecast(won: 300_000), nearMiss: T.forecast(won: 800_000)),
        .init(rule: "milestone-agreements-target", entity: tenant, fires: T.agreements(5), nearMiss: T.agreements(4)),
        .init(
            rule: "churn-risk-high", entity: account, fires: ChurnRiskRuleTests.logins(before: 4, after: 3),
            nearMiss: ChurnRiskRuleTests.logins(before: 5, after: 4)),
    ]

    @Test func everyBuiltInRuleHasAScenario() {
        #expect(Set(Self.scenarios.map(\.rule)) == Set(PackFixture.rules.map(\.id)))
        #expect(Self.scenarios.count == PackFixture.rules.count)
    }

    @Test(arguments: scenarios)
    func theRuleFiresOnItsScenarioAndItsAlertIsComplete(s: Scenario) throws {
        let match = try #require(s.fires.match(s.rule, s.entity))
        let rule = try #require(PackFixture.rule(s.rule))
        let text = PackFixture.filled(s.rule, match)
        #expect(text.title != nil, "the title has a variable without a value")
        #expect(!text.facts.isEmpty)
        #expect(text.actions.count == rule.message.actions.count, "an action line lost a variable")
        if rule.message.impactMetric != nil { #expect(match.impactCents != nil) }
        if ProcessInfo.processInfo.environment["PULSE_PRINT_PACK"] != nil {
            print(
                "[\(s.rule)] \(text.title ?? "-")\n  facts: \(text.facts)\n  why: \(text.why)\n  impact: \(text.impact ?? "-")"
            )
        }
    }

    @Test(arguments: scenarios)
    func theWholePackEvaluatesDeterministicallyAndFiresTheRuleOnItsScenario(s: Scenario) {
        let data = s.fires.data
        let evaluator = RuleEvaluator(rules: PackFixture.rules)
        let first = evaluator.evaluate(data, now: PackFixture.now)
        #expect(first == evaluator.evaluate(data, now: PackFixture.now))
        #expect(first.contains { $0.rule == s.rule && $0.entity == s.entity && $0.isFiring })
    }

    @Test(arguments: scenarios)
    func theRuleDoesNotFireOnItsNearMiss(s: Scenario) {
        #expect(!s.nearMiss.fires(s.rule, s.entity))
    }
}
