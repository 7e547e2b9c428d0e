import Foundation
import Testing

@testable import PulseCore

/// Scoring hand-built episodes against a hand-built history, and the outcomes the ledger finds.
@Suite struct BacktestScorerTests {
    typealias H = BacktestHistory

    static func deal(_ id: String, owner: Rep.ID, outcome: DealOutcome?, closed: Int?, expected: Int? = nil) -> Deal {
        Deal(
            id: Deal.ID(id), owner: owner, stage: outcome == .won ? "Won" : outcome == .lost ? "Lost" : "Qualified",
            stageHistory: [StageChange(stage: "Qualified", enteredAt: H.day(0))], createdAt: H.day(0),
            expectedCloseDate: expected.map { H.day($0) }, closedAt: closed.map { H.day($0) }, outcome: outcome)
    }

    static func episode(_ deal: String, owner: Rep.ID?, start: Int, rule: Rule.ID = "risk") -> AlertEpisode {
        AlertEpisode(
            rule: rule, entity: EntityRef(.deal, deal), owner: owner, start: H.day(start), last: H.day(start),
            ongoing: false)
    }

    static let risk = Rule(
        id: "risk", title: "Risk", scope: .deal, condition: .any([]), severity: .high, category: "risk")

    /// A lost 20 days after its alert (hit), B won (wrong outcome), C lost after the horizon, D lost without an
    /// alert, E alerted on day 250 with nothing before the data ends on day 300 (censored).
    static var records: BacktestRecords {
        BacktestRecords(
            tenant: H.tenant, reps: H.reps,
            deals: [
                deal("A", owner: "r1", outcome: .lost, closed: 30), deal("B", owner: "r1", outcome: .won, closed: 30),
                deal("C", owner: "r2", outcome: .lost, closed: 200), deal("D", owner: "r2", outcome: .lost, closed: 50),
                deal("E", owner: "r2", outcome: nil, closed: nil), deal("F", owner: "r2", outcome: .won, closed: 300),
            ])
    }

    @Test func precisionRecallLeadTimeAndFatigueFollowTheDefinitions() throws {
        let options = try BacktestOptions(from: H.day(0), to: H.day(69), horizon: .days(90))
        let episodes = [
            Self.episode("A", owner: "r1", start: 10), Self.episode("B", owner: "r1", start: 10),
            Self.episode("C", owner: "r2", start: 10), Self.episode("E", owner: "r2", start: 250),
        ]
        let replay = ShadowReplay.Result(episodes: episodes, rules: [Self.risk], days: 70, evaluations: 0)
        let records = Self.records
        let report = BacktestScorer.score(
            replay, ledger: OutcomeLedger(records), options: options, dataEnd: records.latestDate)
        #expect(records.latestDate == H.day(300))
        let s = try #require(report.rules.first)
        #expect(s.episodes == 4 && s.hits == 1 && s.censored == 1)
        #expect(s.precision == 1.0 / 3.0, "A counts, B (won) and C (lost after 90 days) do not, E is censored")
        #expect(s.medianLeadDays == 20)
        // Bad outcomes dated in days 0–69: A lost (30), D lost (50); only A had an episode before it.
        #expect(s.outcomesInRange == 2 && s.recalled == 1 && s.recall == 0.5)
        #expect(s.owners == 2)
        #expect(s.alertsPerOwnerPerWeek == 4.0 / 2.0 / 10.0)
        #expect(report.total.badOutcomesInRange == 2 && report.total.recalled == 1)
        #expect(report.outcomesInRange == ["lost": 2, "won": 1])
        #expect(report.precisionBySeverity == ["high": 1.0 / 3.0])
    }

    @Test func anOutcomeOnTheAlertsOwnDayIsNotAPrediction() throws {
        let options = try BacktestOptions(from: H.day(0), to: H.day(69))
        let replay = ShadowReplay.Result(
            episodes: [Self.episode("A", owner: "r1", start: 30)], rules: [Self.risk], days: 70, evaluations: 0)
        let report = BacktestScorer.score(
            replay, ledger: OutcomeLedger(Self.records), options: options, dataEnd: H.day(300))
        #expect(report.rules[0].hits == 0, "A closed at the start of day 30, before the end-of-day alert")
        let next = ShadowReplay.Result(
            episodes: [Self.episode("A", owner: "r1", start: 29)], rules: [Self.risk], days: 70, evaluations: 0)
        let hit = BacktestScorer.score(next, ledger: OutcomeLedger(Self.records), options: options, dataEnd: H.day(300))
        #expect(hit.rules[0].hits == 1 && hit.rules[0].medianLeadDays == 1)
    }

    @Test func theLedgerFindsSlippedDealsExpansionsAndChurns() {
        var records = BacktestRecords(
            tenant: H.tenant,
            deals: [
                Self.deal("open-late", owner: "r1", outcome: nil, closed: nil, expected: 50),
                Self.deal("won-early", owner: "r1", outcome: .won, closed: 45, expected: 50),
                Self.deal("won-late", owner: "r1", outcome: .won, closed: 55, expected: 50),
                Self.deal("future", owner: "r1", outcome: nil, closed: nil, expected: 500),
            ],
            subscriptions: [
                Subscription(id: "s1", account: "a1", startDate: H.day(0), arrCents: 100),
                Subscription(id: "s2", account: "a1", startDate: H.day(40), arrCents: 200),
                Subscription(id: "s3", account: "a2", startDate: H.day(10), upgraded: true),
                Subscription(id: "s4", account: "a3", startDate: H.day(0), endDate: H.day(70), churned: true),
            ])
        records.accounts = [Account(id: "a4", name: "Undated", churned: true)]
        let ledger = OutcomeLedger(records, dataEnd: H.day(100))
        let kinds = ledger.outcomes.map { "\($0.kind.rawValue):\($0.entity.id)" }
        #expect(kinds.contains("slipped:open-late") && kinds.contains("slipped:won-late"))
        #expect(!kinds.contains("slipped:won-early") && !kinds.contains("slipped:future"))
        #expect(ledger.outcomes.first { $0.entity.id == "open-late" }?.date == H.day(51))
        #expect(kinds.contains("expanded:a1") && kinds.contains("expanded:a2"))
        #expect(kinds.contains("churned:a3"))
        #expect(ledger.undatedChurns == 1)
    }

    @Test func categoriesMapToTheOutcomesTheyPredict() {
        for category in ["risk", "churn_risk", "pipeline", "quality", "anomaly"] {
            #expect(RuleExpectation(category: category) == .bad)
        }
        for category in ["buying_signal", "opportunity", "advancement", "milestone"] {
            #expect(RuleExpectation(category: category) == .good)
        }
        #expect(RuleExpectation(category: "performance") == .none)
        #expect(RuleExpectation(category: "") == .none)
    }
}
