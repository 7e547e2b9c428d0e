import Foundation
import Testing

@testable import PulseCore

@Suite struct ChurnScoringTests {
    typealias W = ChurnWorld

    static let accounts = [
        Account(id: "falling", name: "Falling Co", seats: 10, createdAt: ChurnWorld.day(-400)),
        Account(id: "steady", name: "Steady Co", seats: 10, createdAt: ChurnWorld.day(-400)),
        Account(id: "gone", name: "Gone Co", createdAt: ChurnWorld.day(-400), churned: true),
    ]

    static func data(models: ScoringModels) -> EvaluationData {
        let engagement =
            W.events("falling", .portalLogin, from: -60, to: -30, perDay: 4, contact: "c1")
            + W.events("falling", .portalLogin, from: -30, to: 0, perDay: 1, contact: "c1")
            + W.events("steady", .portalLogin, from: -60, to: 0, perDay: 2, contact: "c2")
            + W.events("gone", .portalLogin, from: -60, to: -40, perDay: 2, contact: "c3")
        let tickets = [SupportTicket(id: "t1", account: "falling", openedAt: W.day(-3))]
        return W.data(accounts: accounts, engagement: engagement, tickets: tickets, models: models)
    }

    func value(_ key: CatalogueKey, _ id: String, _ data: EvaluationData) -> FactValue? {
        let e = data.resolve(EntityRef(.account, id), segments: [:])!
        return data.value(key, e, now: W.now)
    }

    @Test func theChurnProbabilityIsTheModelsProbabilityOfTheAccountsRowNow() throws {
        let data = Self.data(models: ScoringModels(churn: W.model))
        let falling = try #require(
            data.metric(
                .accountChurnProbability, data.resolve(EntityRef(.account, "falling"), segments: [:])!, now: W.now))
        let row = ChurnFeatures.row(Self.accounts[0], in: data, at: W.now)
        #expect(falling == W.model.probability(row))
        // −2 × (−0.75 ÷ 0.5) − 1 × (−0.75 ÷ 0.5) + 0.8 × 1 − 1 = 4.3 log-odds.
        #expect(abs(falling - 1 / (1 + exp(-4.3))) < 1e-9)
        guard case .number(let steady, .fraction) = value(.accountChurnProbability, "steady", data) else {
            Issue.record("no probability for the steady account")
            return
        }
        #expect(abs(steady - 1 / (1 + exp(1.0))) < 1e-9)
    }

    @Test func theReasonsAreTheTopThreeContributionsInPlainWords() {
        let data = Self.data(models: ScoringModels(churn: W.model))
        #expect(
            value(.accountChurnReasons, "falling", data)
                == .text("logins down 75% over 30 days; engagement down 75% over 30 days; 1 open support tickets"))
        // Nothing pushes the steady account toward churn: no reasons.
        #expect(value(.accountChurnReasons, "steady", data) == nil)
    }

    @Test func churnedAccountsAndTenantsWithoutAModelGetNoScore() {
        let scored = Self.data(models: ScoringModels(churn: W.model))
        #expect(value(.accountChurnProbability, "gone", scored) == nil)
        #expect(value(.accountChurnReasons, "gone", scored) == nil)
        let bare = Self.data(models: ScoringModels())
        #expect(value(.accountChurnProbability, "falling", bare) == nil)
        #expect(value(.accountChurnReasons, "falling", bare) == nil)
    }

    @Test func aRuleOnTheChurnProbabilityFiresOnlyForTheDecliningAccount() {
        let rule = Rule(
            id: "churn-test", title: "Churn", scope: .account,
            condition: .compare(
                MetricComparison(metric: "account.churn_probability", op: .greaterOrEqual, value: .number(0.6))),
            severity: .high, message: RuleMessage(facts: ["Why: {{account.churn_reasons}}"]))
        let results = RuleEvaluator(rules: [rule]).evaluate(
            Self.data(models: ScoringModels(churn: W.model)), now: W.now)
        let fired = results.filter { $0.match != nil }
        #expect(fired.map(\.entity.id) == ["falling"])
        let facts = fired[0].match!.facts
        #expect(
            MessageTemplate.fill("Why: {{account.churn_reasons}}", facts: facts)?.contains("logins down 75%") == true)
    }
}
