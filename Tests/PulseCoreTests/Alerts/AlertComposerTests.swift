import Foundation
import Testing

@testable import PulseCore

@Suite struct AlertComposerTests {
    /// The velocity-crisis rule written like sales-intelligence-design.md §3.2's Alert 1.
    static let velocityRule = Rule(
        id: "velocity-crisis", title: "Velocity crisis", scope: .deal, condition: .all([]), severity: .critical,
        recipients: [.owner, .manager],
        message: RuleMessage(
            title: "VELOCITY ALERT: Deal at Risk",
            facts: [
                "Current Stage: {{deal.stage_name}} ({{deal.days_in_stage}} days)",
                "Stage Momentum Index: {{deal.smi}} (CRITICAL - below {{deal.smi.threshold}} threshold)",
            ],
            why: [
                "This deal has been stuck in {{deal.stage_name}} stage for {{deal.days_in_stage}} days",
                "Historical data shows deals >20 days in {{deal.stage_name}} win at only {{stage.win_rate_after}}",
                "Expected close date was {{deal.days_past_expected_close}} days ago",
            ],
            actions: [
                "Schedule executive meeting within 48 hours",
                "Confirm budget authority with procurement",
                "Consider discount escalation (5-10%)",
                "If no progress by Friday → Move to \"Disqualified\"",
            ],
            impact: "{{deal.amount}} potential revenue at risk", impactMetric: "deal.amount"),
        category: "risk")

    static let velocityFacts: [String: FactValue] = [
        "deal.stage_name": .text("Qualified"),
        "deal.days_in_stage": .number(21, .days),
        "deal.smi": .number(0.048, .score),
        "deal.smi.threshold": .number(0.07, .score),
        "stage.win_rate_after": .number(0.38, .fraction),
        "deal.days_past_expected_close": .number(5, .days),
        "deal.amount": .money(4_500_000),
    ]

    static let org = OrgChart(reps: [Rep(id: "rep_12", name: "Sarah Johnson", role: .rep)])

    static let alertOneText = """
        VELOCITY ALERT: Deal at Risk

        Deal: D04523 - Acme Corp
        Rep: Sarah Johnson (rep_12)
        Current Stage: Qualified (21 days)
        Stage Momentum Index: 0.048 (CRITICAL - below 0.07 threshold)

        Why this matters:
        • This deal has been stuck in Qualified stage for 21 days
        • Historical data shows deals >20 days in Qualified win at only 38%
        • Expected close date was 5 days ago

        Recommended Actions:
        1. Schedule executive meeting within 48 hours
        2. Confirm budget authority with procurement
        3. Consider discount escalation (5-10%)
        4. If no progress by Friday → Move to "Disqualified"

        Impact: $45K potential revenue at risk
        """

    @Test func alertOneOfTheDesignDocumentRendersExactlyFromAHandBuiltMatch() {
        let match = RuleMatch(
            entityName: "D04523 - Acme Corp", owner: "rep_12", facts: Self.velocityFacts, impactCents: 4_500_000)
        let content = AlertComposer.content(rule: Self.velocityRule, match: match, org: Self.org)
        #expect(content.text() == Self.alertOneText)
        #expect(content.title == "VELOCITY ALERT: Deal at Risk")
        #expect(content.entityLine == "Deal: D04523 - Acme Corp")
        #expect(content.ownerLine == "Rep: Sarah Johnson (rep_12)")
        #expect(content.impact == "$45K potential revenue at risk")
    }

    @Test func theBookStoresTheSameTextAndTheRendererPrintsIt() {
        var h = BookHarness([Self.velocityRule])
        h.org = Self.org
        let match = RuleMatch(
            entityName: "D04523 - Acme Corp", owner: "rep_12", facts: Self.velocityFacts, impactCents: 4_500_000)
        h.process(
            [RuleEvaluation(rule: "velocity-crisis", entity: EntityRef(.deal, "D04523"), now: AF.t0, match: match)],
            at: AF.t0)
        let alert = h.alerts[0]
        #expect(AlertTextRenderer.render(alert) == Self.alertOneText)
        #expect(alert.impactCents == 4_500_000)
    }

    @Test func aLineWhoseValueIsMissingIsLeftOut() {
        var facts = Self.velocityFacts
        facts["deal.days_past_expected_close"] = nil
        facts["deal.amount"] = nil
        let content = AlertComposer.content(
            rule: Self.velocityRule, match: RuleMatch(entityName: "D04523 - Acme Corp", owner: "rep_12", facts: facts),
            org: Self.org)
        #expect(content.why.count == 2)
        #expect(content.impact == nil)
        #expect(!content.text().contains("Impact:"))
        #expect(!content.text().contains("Expected close"))
    }

    @Test func aTitleThatCannotBeFilledFallsBackToTheRuleTitle() {
        var rule = Self.velocityRule
        rule.message.title = "STALLED: {{deal.name}}"
        let content = AlertComposer.content(
            rule: rule, match: RuleMatch(entityName: "D1", owner: nil, facts: [:]), org: Self.org)
        #expect(content.title == "Velocity crisis")
        #expect(content.ownerLine == nil)
        #expect(content.facts.isEmpty)
    }

    @Test func messagesMayUseEntityOwnerRuleSeverityAndNow() {
        var rule = Self.velocityRule
        rule.message = RuleMessage(
            title: "{{rule.title}} on {{entity.name}}",
            facts: ["Owner: {{owner.name}}", "Severity: {{severity}}", "As of {{now}}"])
        let content = AlertComposer.content(
            rule: rule, match: RuleMatch(entityName: "D9 - Initech", owner: "rep_12", facts: [:]), org: Self.org,
            now: AF.t0)
        #expect(content.title == "Velocity crisis on D9 - Initech")
        #expect(content.facts == ["Owner: Sarah Johnson", "Severity: critical", "As of 2026-11-25"])
    }

    @Test(arguments: [
        (RuleScope.account, "Acme Corp", "Account: Acme Corp"),
        (.segment, "industry=EdTech", "Segment: industry=EdTech"),
        (.team, "EMEA", "Team: EMEA"),
        (.tenant, "Acme Holdings", "Tenant: Acme Holdings"),
    ])
    func theEntityLineNamesTheScope(scope: RuleScope, name: String, line: String) {
        #expect(AlertComposer.entityLine(scope: scope, name: name) == line)
    }

    @Test func aRepAlertNamesTheRepWithTheirIdAndHasNoOwnerLine() {
        var rule = Self.velocityRule
        rule.scope = .rep
        rule.message = RuleMessage(title: "CALLS BEHIND")
        let content = AlertComposer.content(
            rule: rule, match: RuleMatch(entityName: "Sarah Johnson", owner: "rep_12", facts: [:]), org: Self.org)
        #expect(content.entityLine == "Rep: Sarah Johnson (rep_12)")
        #expect(content.ownerLine == nil)
        #expect(content.text() == "CALLS BEHIND\n\nRep: Sarah Johnson (rep_12)")
    }

    @Test func unnumberedActionsAreBulleted() {
        let content = AlertContent(title: "T", entityLine: "Deal: D1", actions: ["Call", "Write"])
        #expect(content.text(numbered: false) == "T\n\nDeal: D1\n\nRecommended Actions:\n• Call\n• Write")
    }

    @Test func statusLinesDescribeTheLifecycle() {
        var h = BookHarness([AF.stalled])
        h.process([AF.firing(AF.stalled, at: AF.t0)], at: AF.t0)
        let lines = AlertTextRenderer.statusLines(h.alerts[0])
        #expect(lines[0] == "Alert #1 · high (same day) · open")
        #expect(lines[2] == "Recipients: rep_12 (escalation level 0) · SLA due 2026-11-25 21:00 UTC")
        #expect(
            AlertTextRenderer.summary(h.alerts[0]).hasPrefix(
                "alert #1  🟠 high  open  Stalled Deal — Deal: D1 - Acme Corp"))
        #expect(AlertTextRenderer.timestamp(AF.t0.addingTimeInterval(7)) == "2026-11-25 09:00:07 UTC")
    }
}
