import Foundation
import PulseCore
import PulseEngine
import Testing

/// The built-in pack as shipped: loads cleanly, covers every trigger of RULEPACK.md, and every rule is complete.
@Suite struct BuiltInPackLoadTests {
    @Test func theBuiltInPackLoadsWithZeroErrorsAndZeroWarnings() {
        let set = RuleLoader.load(directory: nil)
        #expect(set.errors.isEmpty, "\(set.errors.map(\.description).joined(separator: "\n"))")
        #expect(set.rules.count == PackFixture.specTriggers.count)
        #expect(set.builtInCount == set.rules.count)
    }

    @Test(arguments: PackFixture.specTriggers)
    func everySpecTriggerHasABuiltInRuleWithItsScopeAndSeverity(trigger: PackFixture.Trigger) throws {
        let rule = try #require(PackFixture.rules.first { $0.id == trigger.id }, "no built-in rule \(trigger.id)")
        #expect(rule.scope == trigger.scope)
        #expect(rule.severity == trigger.severity)
        #expect(rule.source.hasPrefix(RuleLoader.builtInPrefix))
    }

    @Test func everyBuiltInRuleIsOneOfTheSpecTriggers() {
        let known = Set(PackFixture.specTriggers.map(\.id))
        #expect(PackFixture.rules.map(\.id).filter { !known.contains($0) } == [])
    }

    @Test(arguments: PackFixture.rules.map(\.id))
    func everyRuleHasATitleADescriptionAndAFullMessage(id: String) throws {
        let rule = try #require(PackFixture.rule(id))
        #expect(!rule.title.isEmpty)
        #expect(rule.description.count >= 40, "the description names the spec line it implements")
        #expect(!rule.category.isEmpty)
        #expect(rule.message.title?.isEmpty == false)
        #expect(!rule.message.facts.isEmpty)
        #expect(!rule.message.why.isEmpty)
        #expect(rule.message.actions.count >= 1)
        #expect(rule.enabled && !rule.shadow)
    }

    @Test func everySeverityLevelIsUsed() {
        #expect(Set(PackFixture.rules.map(\.severity)) == Set(Severity.allCases))
    }

    @Test func everyCategoryIsOneOfTheDocumentedWords() {
        let words: Set = [
            "risk", "buying_signal", "churn_risk", "advancement", "opportunity", "performance", "pipeline",
            "quality", "anomaly", "milestone",
        ]
        #expect(PackFixture.rules.filter { !words.contains($0.category) }.map(\.id) == [])
    }

    @Test func aMoneyImpactIsGivenWhereverTheRuleKnowsAnAmount() {
        for rule in PackFixture.rules where rule.message.impact != nil {
            #expect(rule.message.impactMetric != nil, "\(rule.id) has an impact line without impact_metric")
        }
        let withImpact = PackFixture.rules.filter { $0.message.impactMetric != nil }.count
        #expect(withImpact >= 30)
    }

    @Test func velocityCrisisInhibitsStalledDealAndGoesToOwnerAndManager() throws {
        let rule = try #require(PackFixture.rule("velocity-crisis"))
        #expect(rule.inhibits == ["stalled-deal"])
        #expect(rule.recipients == [.owner, .manager])
        #expect(rule.message.actions.count == 4)
        #expect(rule.message.impactMetric == "deal.amount")
    }

    @Test func crmSectionSevenAlertsUseTheSpecPriorities() throws {
        #expect(try #require(PackFixture.rule("bdr-calls-below-target")).severity == .high)
        #expect(try #require(PackFixture.rule("partner-lists-past-due")).severity == .critical)
        #expect(try #require(PackFixture.rule("upcoming-calls-low")).severity == .high)
        #expect(try #require(PackFixture.rule("bdr-needs-support")).severity == .medium)
    }
}
