import Foundation
import PulseCore
import Testing

@testable import PulseEngine

/// A one-rule file of `scope` whose `when:` is `condition` (YAML, indented by the caller as a block under `when:`).
func ruleFile(scope: String = "deal", when condition: String, extra: String = "") -> String {
    """
    rules:
      - id: test-rule
        title: Test rule
        scope: \(scope)
        severity: high
    \(extra)    when:
    \(condition.split(separator: "\n").map { "      " + $0 }.joined(separator: "\n"))

    """
}

/// The single condition of a one-rule file, or the errors when it does not load.
func parseCondition(scope: String = "deal", _ condition: String) -> (Condition?, [RuleFileError]) {
    let result = RuleLoader.parse(ruleFile(scope: scope, when: condition), source: "test.yaml")
    return (result.rules.first?.condition, result.errors)
}

/// Every condition kind and every rule key parse into the contract types.
@Suite struct RuleParsingTests {
    @Test func aFullRuleParsesEveryKey() throws {
        let yaml = """
            rules:
              - id: stalled-deal
                title: Stalled deal
                description: An open deal with no activity for more than 14 days.
                category: risk
                scope: deal
                severity: P2
                sla: 48h
                recipients: [owner, manager]
                labels: {team: emea}
                inhibits: [stalled-deal]
                pending_for: 2h
                resolve_after: 1h
                enabled: true
                shadow: yes
                when:
                  all:
                    - ref: open-deal
                    - no_activity: 14
                message:
                  title: "STALLED DEAL: {{deal.name}}"
                  facts: ["Current stage: {{deal.stage_name}} ({{deal.days_in_stage}} days)"]
                  why: ["No activity for {{no_activity.days}} days"]
                  actions: ["Call the champion this week", "Agree a next step with a date"]
                  impact: "{{deal.amount}} in the balance"
                  impact_metric: deal.amount
            conditions:
              open-deal: {attribute: deal.status, in: [open]}
            """
        let result = RuleLoader.parse(yaml, source: "rules/team.yaml")
        #expect(result.errors.isEmpty, "\(result.errors)")
        #expect(result.conditions == ["open-deal"])
        let rule = try #require(result.rules.first)
        #expect(rule.id == "stalled-deal")
        #expect(rule.title == "Stalled deal")
        #expect(rule.description == "An open deal with no activity for more than 14 days.")
        #expect(rule.category == "risk")
        #expect(rule.scope == .deal)
        #expect(rule.severity == .high)
        #expect(rule.sla == .hours(48))
        #expect(rule.recipients == [.owner, .manager])
        #expect(rule.labels == ["team": "emea"])
        #expect(rule.inhibits == ["stalled-deal"])
        #expect(rule.pendingFor == .hours(2))
        #expect(rule.resolveAfter == .hours(1))
        #expect(rule.enabled)
        #expect(rule.shadow)
        #expect(rule.source == "rules/team.yaml")
        #expect(
            rule.condition
                == .all([
                    .attribute(AttributeMatch(attribute: "deal.status", values: ["open"])),
                    .noActivity(NoActivity(days: 14)),
                ]))
        #expect(rule.message.title == "STALLED DEAL: {{deal.name}}")
        #expect(rule.message.facts == ["Current stage: {{deal.stage_name}} ({{deal.days_in_stage}} days)"])
        #expect(rule.message.actions.count == 2)
        #expect(rule.message.impact == "{{deal.amount}} in the balance")
        #expect(rule.message.impactMetric == "deal.amount")
    }

    @Test func aFileMayHoldOneRuleAtTheTopLevel() throws {
        let yaml = """
            id: big-deal
            title: Big deal
            scope: deal
            severity: opportunity
            when: {ref: big}
            conditions:
              big: {metric: deal.amount, op: ">=", value: 100000}
            """
        let result = RuleLoader.parse(yaml, source: "one.yaml")
        #expect(result.errors.isEmpty, "\(result.errors)")
        let rule = try #require(result.rules.first)
        #expect(rule.severity == .medium)
        #expect(rule.recipients == [.owner])
        #expect(!rule.shadow && rule.enabled)
        #expect(
            rule.condition
                == .compare(MetricComparison(metric: "deal.amount", op: .greaterOrEqual, value: .number(100_000))))
    }

    @Test func compareTakesANumberAMetricOrATarget() {
        #expect(
            parseCondition("{metric: deal.smi, op: \"<\", value: 0.07, as: momentum}").0
                == .compare(
                    MetricComparison(metric: "deal.smi", op: .lessThan, value: .number(0.07), alias: "momentum")))
        #expect(
            parseCondition("{metric: deal.days_in_stage, op: \">\", value: {metric: deal.stage_win_rate_days}}").0
                == .compare(
                    MetricComparison(
                        metric: "deal.days_in_stage", op: .greaterThan, value: .metric("deal.stage_win_rate_days"))))
        #expect(
            parseCondition(
                scope: "rep",
                "{metric: rep.calls_this_week, op: \"<\", value: {target: calls_per_bdr_week, factor: 0.8}}"
            ).0
                == .compare(
                    MetricComparison(
                        metric: "rep.calls_this_week", op: .lessThan, value: .target("calls_per_bdr_week", factor: 0.8))
                ))
    }

    @Test func attributeTakesInOrIs() {
        #expect(
            parseCondition("{attribute: deal.stage, in: [proposal, negotiation]}").0
                == .attribute(AttributeMatch(attribute: "deal.stage", values: ["proposal", "negotiation"])))
        #expect(
            parseCondition("{attribute: deal.status, is: open}").0
                == .attribute(AttributeMatch(attribute: "deal.status", values: ["open"])))
    }

    @Test func textParsesPhrasesWindowKindsExclusionsAndMinimum() {
        let (condition, errors) = parseCondition(
            """
            text: ["budget approved", "approved the budget"]
            window: 14d
            kinds: [email_in, meeting]
            excluding: ["not approved"]
            min: 2
            as: budget
            """)
        #expect(errors.isEmpty, "\(errors)")
        #expect(
            condition
                == .text(
                    TextMatch(
                        phrases: ["budget approved", "approved the budget"], excluding: ["not approved"],
                        kinds: [.emailIn, .meeting], window: .last(.days(14)), minimum: 2, alias: "budget")))
        #expect(
            parseCondition("{text: competitor, window: this_month}").0
                == .text(TextMatch(phrases: ["competitor"], window: .calendar(.month, offset: 0))))
    }

    @Test func measureParsesAWindowedAggregate() {
        #expect(
            parseCondition(scope: "account", "{measure: tickets_opened, window: 7d, op: \">=\", value: 3, as: tickets}")
                .0
                == .aggregate(
                    WindowAggregate(
                        measure: "tickets_opened", window: .last(.days(7)), op: .greaterOrEqual, value: .number(3),
                        alias: "tickets")))
        #expect(
            parseCondition(
                scope: "rep", "{measure: activities, kinds: [call_booked], window: next_week, op: \"<\", value: 30}"
            ).0
                == .aggregate(
                    WindowAggregate(
                        measure: "activities", kinds: ["call_booked"], window: .calendar(.week, offset: 1),
                        op: .lessThan, value: .number(30))))
    }

    @Test func changeParsesModeBaselineAndMinimums() {
        let (condition, errors) = parseCondition(
            scope: "account",
            """
            change: logins
            window: 30d
            baseline: 90d
            mode: percent
            op: "<="
            value: -40
            min_baseline: 10
            min_current: 0
            as: usage
            """)
        #expect(errors.isEmpty, "\(errors)")
        #expect(
            condition
                == .change(
                    BaselineChange(
                        measure: "logins", window: .last(.days(30)), baseline: .last(.days(90)), mode: .percent,
                        op: .lessOrEqual, value: -40, minimumBaseline: 10, alias: "usage")))
        #expect(
            parseCondition(scope: "tenant", "{change: win_rate, window: 30d, mode: absolute, op: \"<\", value: -0.1}").0
                == .change(
                    BaselineChange(
                        measure: "win_rate", window: .last(.days(30)), mode: .absolute, op: .lessThan, value: -0.1)))
    }

    @Test func noActivityTakesDaysOrAMapping() {
        #expect(parseCondition("no_activity: 14").0 == .noActivity(NoActivity(days: 14)))
        #expect(
            parseCondition("no_activity: {days: 21, kinds: [email_out, call_conducted]}").0
                == .noActivity(NoActivity(days: 21, kinds: [.emailOut, .callConducted])))
    }

    @Test func dateTakesWithinOrOverdue() {
        #expect(
            parseCondition(scope: "account", "{date: account.renewal_date, within: 90d}").0
                == .date(DateProximity(field: "account.renewal_date", direction: .within(.days(90)))))
        #expect(
            parseCondition("{date: deal.partner_list_due, overdue: true}").0
                == .date(DateProximity(field: "deal.partner_list_due", direction: .overdue(by: nil))))
        #expect(
            parseCondition("{date: deal.expected_close, overdue: 3d}").0
                == .date(DateProximity(field: "deal.expected_close", direction: .overdue(by: .days(3)))))
    }

    @Test func distinctContactsParsesItsFilters() {
        #expect(
            parseCondition(
                "{distinct_contacts: {window: 14d, kinds: [meeting], new_only: true, roles: [procurement]}, op: \">=\", value: 2, as: buyers}"
            ).0
                == .distinctContacts(
                    DistinctContacts(
                        window: .last(.days(14)), kinds: [.meeting], newOnly: true, roles: [.procurement],
                        op: .greaterOrEqual, value: 2, alias: "buyers")))
    }

    @Test func countParsesItsInnerConditionInTheChildScope() {
        let (condition, errors) = parseCondition(
            scope: "tenant",
            """
            count: deal
            where: {all: [{attribute: deal.status, is: open}, {metric: deal.dqs, op: "<", value: 0.4}]}
            op: ">="
            value: 5
            as: weak
            """)
        #expect(errors.isEmpty, "\(errors)")
        #expect(
            condition
                == .countWhere(
                    CountWhere(
                        of: .deal,
                        condition: .all([
                            .attribute(AttributeMatch(attribute: "deal.status", values: ["open"])),
                            .compare(MetricComparison(metric: "deal.dqs", op: .lessThan, value: .number(0.4))),
                        ]), op: .greaterOrEqual, value: 5, alias: "weak")))
    }

    @Test func allAnyAndNotNest() {
        #expect(
            parseCondition("{any: [{no_activity: 7}, {not: {attribute: deal.stage, is: closed_won}}]}").0
                == .any([
                    .noActivity(NoActivity(days: 7)),
                    .not(.attribute(AttributeMatch(attribute: "deal.stage", values: ["closed_won"]))),
                ]))
    }

    @Test func segmentRulesKeepTheirDimensions() throws {
        let yaml = ruleFile(
            scope: "segment", when: "{change: win_rate, window: 30d, mode: absolute, op: \"<\", value: -0.1}",
            extra: "    segment_by: [industry, region]\n")
        let result = RuleLoader.parse(yaml, source: "segment.yaml")
        #expect(result.errors.isEmpty, "\(result.errors)")
        #expect(try #require(result.rules.first).segmentBy == ["industry", "region"])
    }

    @Test func templateVariablesComeFromConditionAliasesAndTheCatalogue() {
        let names = RuleTemplateNames.available(
            scope: .account,
            condition: .all([
                .change(
                    BaselineChange(
                        measure: "logins", window: .last(.days(30)), mode: .percent, op: .lessThan, value: -40)),
                .text(TextMatch(phrases: ["cancel"], window: .last(.days(7)), alias: "cancel")),
                .date(DateProximity(field: "account.renewal_date", direction: .within(.days(90)))),
                .countWhere(
                    CountWhere(of: .deal, condition: .noActivity(NoActivity(days: 3)), op: .greaterThan, value: 0)),
            ]))
        for name in [
            "logins.current", "logins.baseline", "logins.change", "cancel.phrase", "cancel.excerpt",
            "account.renewal_date.days_until", "matching.count", "matching.amount", "account.health", "entity.name",
            "owner.name", "severity", "now", "rule.title",
        ] {
            #expect(names.contains(name), "\(name)")
        }
        #expect(!names.contains("no_activity.days"), "a count's inner condition runs on child entities")
        #expect(!names.contains("deal.amount"))
    }
}
