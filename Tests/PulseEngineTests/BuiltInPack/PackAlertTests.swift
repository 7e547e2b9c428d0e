import Foundation
import PulseCore
import PulseEngine
import Testing

/// Built-in rules through the alert book: the §3.2 Alert 1 layout, routing and inhibition.
@Suite struct PackAlertTests {
    typealias F = PackFixture

    /// sales-intelligence-design.md §3.2 Alert 1 with the fixture's numbers (13 closed deals that spent 25 days
    /// in Qualified, 5 won: 38.5 %).
    static let alertOne = """
        VELOCITY ALERT: Deal at Risk

        Deal: D04523 - Acme Corp
        Rep: Sarah Johnson (rep-12)
        Current Stage: Qualified (21 days)
        Stage Momentum Index: 0.048 (CRITICAL - below 0.07 threshold)

        Why this matters:
        • This deal has been stuck in Qualified stage for 21 days
        • Historical data shows deals >20 days in Qualified win at only 38.5%
        • Expected close date was 5 days ago

        Recommended Actions:
        1. Schedule executive meeting within 48 hours
        2. Confirm budget authority with procurement
        3. Consider discount escalation (5-10%)
        4. If no progress by Friday → Move to "Disqualified"

        Impact: $45K potential revenue at risk
        """

    @Test func velocityCrisisComposesTheAlertOneLayout() throws {
        let f = DealRiskRuleTests.velocity(daysInStage: 21)
        let rule = try #require(F.rule("velocity-crisis"))
        let match = try #require(f.match("velocity-crisis", F.deal1))
        let content = AlertComposer.content(rule: rule, match: match, org: OrgChart(reps: f.reps), now: F.now)
        #expect(AlertTextRenderer.render(content) == Self.alertOne)
    }

    /// Evaluations of the two deal rules on the velocity fixture (21 days in Qualified, no activity for 40 days).
    static func bothRules() throws -> (PackFixture, [RuleEvaluation]) {
        let f = DealRiskRuleTests.velocity(daysInStage: 21)
        let rules = try ["stalled-deal", "velocity-crisis"].map { try #require(F.rule($0)) }
        let evaluations = RuleEvaluator(rules: rules).evaluate(f.data, now: F.now, touched: [F.deal1])
        return (f, evaluations)
    }

    @Test func aVelocityCrisisInhibitsTheStalledDealAlertOnTheSameDeal() throws {
        let (f, evaluations) = try Self.bothRules()
        #expect(evaluations.filter(\.isFiring).map(\.rule) == ["stalled-deal", "velocity-crisis"])
        let book = AlertBook(rules: F.rules)
        let changes = book.process(
            evaluations, active: [], silences: [], org: OrgChart(reps: f.reps), recentNotifications: [:], now: F.now)
        let crisis = try #require(changes.alerts.first { $0.rule == "velocity-crisis" })
        let stalled = try #require(changes.alerts.first { $0.rule == "stalled-deal" })
        #expect(crisis.suppression == nil)
        #expect(stalled.suppression == .inhibited(crisis.fingerprint))
        #expect(Set(changes.notifications.map(\.fingerprint)) == [crisis.fingerprint])
    }

    @Test func aVelocityCrisisNotifiesTheOwnerAndTheManager() throws {
        let (f, evaluations) = try Self.bothRules()
        let changes = AlertBook(rules: F.rules).process(
            evaluations, active: [], silences: [], org: OrgChart(reps: f.reps), recentNotifications: [:], now: F.now)
        let crisis = try #require(changes.alerts.first { $0.rule == "velocity-crisis" })
        #expect(Set(crisis.recipients) == ["rep-12", "mgr-1"])
        #expect(crisis.severity == .critical)
        #expect(crisis.impactCents == 4_500_000)
    }
}
