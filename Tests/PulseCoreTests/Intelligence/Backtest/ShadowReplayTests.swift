import Foundation
import Testing

@testable import PulseCore

/// Day-by-day replay in shadow mode: episodes from the days a rule held, scored against later outcomes.
@Suite struct ShadowReplayTests {
    typealias H = BacktestHistory

    static let proposalSignal = Rule(
        id: "in-proposal", title: "In proposal", scope: .deal,
        condition: .attribute(AttributeMatch(attribute: "deal.stage", values: ["Proposal"])), severity: .low,
        category: "buying_signal")

    static let activeAccount = Rule(
        id: "active-account", title: "Not churned", scope: .account,
        condition: .attribute(AttributeMatch(attribute: "account.churned", values: ["no"])), severity: .medium,
        category: "churn_risk")

    static let repRule = Rule(
        id: "every-rep", title: "Every rep", scope: .rep,
        condition: .attribute(AttributeMatch(attribute: "rep.role", values: ["rep"])), severity: .low,
        category: "performance")

    static let disabled = Rule(
        id: "off", title: "Off", scope: .deal,
        condition: .compare(MetricComparison(metric: "deal.is_open", op: .equal, value: .number(1))),
        severity: .low, enabled: false, category: "risk")

    static let shadowRule = Rule(
        id: "shadow-open", title: "Open (shadow)", scope: .deal,
        condition: .compare(MetricComparison(metric: "deal.is_open", op: .equal, value: .number(1))),
        severity: .low, shadow: true, category: "risk")

    func options() throws -> BacktestOptions {
        try BacktestOptions(from: H.day(0), to: H.day(69))
    }

    @Test func aRuleThatStopsAndStartsAgainMakesTwoEpisodes() throws {
        let result = ShadowReplay(rules: [H.stuckDeal]).run(H.records, options: try options())
        #expect(result.days == 70)
        let episodes = result.episodes.filter { $0.rule == "stuck-deal" }
        // Qualified from day 0: ≥ 10 whole days at the end of day 9 … day 19; Proposal from day 20: day 29 … 39.
        #expect(episodes.map(\.start) == [H.day(9), H.day(29)])
        #expect(episodes.map(\.last) == [H.day(19), H.day(39)])
        #expect(episodes.allSatisfy { $0.entity == EntityRef(.deal, "d1") && $0.owner == "r1" && !$0.ongoing })
    }

    @Test func disabledRulesAreSkippedAndShadowRulesReplayed() throws {
        let result = ShadowReplay(rules: [Self.disabled, Self.shadowRule]).run(H.records, options: try options())
        #expect(result.rules.map(\.id) == ["shadow-open"])
        #expect(Set(result.episodes.map(\.entity.id)) == ["d1", "d2"])
    }

    @Test func anEpisodeFollowedByItsExpectedOutcomeIsAHitAndLeadTimeIsCounted() throws {
        let report = try Backtest.run(H.records, rules: [H.stuckDeal, Self.proposalSignal], options: try options())
        let stuck = try #require(report.rules.first { $0.rule == "stuck-deal" })
        #expect(stuck.episodes == 2 && stuck.hits == 2 && stuck.precision == 1)
        #expect(stuck.hitsByOutcome == ["lost": 2])
        #expect(stuck.medianLeadDays == 21, "lost on day 40: 31 days after day 9, 11 after day 29")
        #expect(stuck.outcomesInRange == 1 && stuck.recalled == 1 && stuck.recall == 1)
        #expect(stuck.alertsPerOwnerPerWeek == 0.2, "2 episodes, 1 owner, 70 days = 10 weeks")

        // The proposal signal expects a win; d1 was lost, so its one episode is not a hit, and the win of d2 had
        // no episode before it.
        let signal = try #require(report.rules.first { $0.rule == "in-proposal" })
        #expect(signal.episodes == 1 && signal.hits == 0 && signal.censored == 0 && signal.precision == 0)
        #expect(signal.outcomesInRange == 1 && signal.recalled == 0 && signal.recall == 0)
        #expect(signal.medianLeadDays == nil)
    }

    @Test func accountRulesAreScoredOnTheAccountsChurnAndItsDealsOutcomes() throws {
        let report = try Backtest.run(H.records, rules: [Self.activeAccount, Self.repRule], options: try options())
        let account = try #require(report.rules.first { $0.rule == "active-account" })
        #expect(account.episodes == 1 && account.hits == 1)
        #expect(account.medianLeadDays == 40, "from day 0 to d1 lost on day 40 (the first bad outcome)")
        // Bad outcomes on a1 in range: d1 lost (day 40) and the churn (day 60); both within 90 days of day 0.
        #expect(account.outcomesInRange == 2 && account.recalled == 2)

        let rep = try #require(report.rules.first { $0.rule == "every-rep" })
        #expect(!rep.isScored && rep.precision == nil && rep.recall == nil)
        #expect(rep.episodes == 2 && rep.owners == 2)
        #expect(rep.alertsPerOwnerPerWeek == 0.1)
        #expect(report.rules.map(\.rule) == ["every-rep", "active-account"], "sorted by episodes")
    }

    @Test func theReplayNeedsDataAndRulesAndAnOrderedRange() throws {
        #expect(throws: BacktestError.noData(tenant: "default")) {
            try Backtest.run(BacktestRecords(tenant: H.tenant), rules: [H.stuckDeal], options: try options())
        }
        #expect(throws: BacktestError.noRules) {
            try Backtest.run(H.records, rules: [Self.disabled], options: try options())
        }
        #expect(throws: BacktestError.rangeReversed(from: "2025-01-11", to: "2025-01-01")) {
            try BacktestOptions(from: H.day(10), to: H.day(0))
        }
        #expect(throws: BacktestError.badStep("12h")) {
            try BacktestOptions(from: H.day(0), to: H.day(1), step: .hours(12))
        }
    }
}
