import Foundation
import Testing

@testable import PulseCore

/// `deal.win_probability` and the DQS it feeds, from a hand-set win model on the evaluation fixture.
@Suite struct WinScoringTests {
    typealias F = EvaluationFixture

    /// A win model whose log-odds are 1 + 0.5 × (stage index − 1).
    static var model: TrainedModel {
        let names = WinFeatures.names
        var coefficients = names.map { _ in 0.0 }
        coefficients[names.firstIndex(of: "stage_index")!] = 0.5
        return TrainedModel(
            name: "win", algorithm: .logisticRegression, features: WinFeatures.descriptors, trainedAt: F.now,
            trainingRows: 40,
            logistic: LogisticRegression(
                coefficients: coefficients, intercept: 1, means: names.map { $0 == "stage_index" ? 1 : 0 },
                scales: names.map { _ in 1 }))
    }

    static func data(_ models: ScoringModels) -> EvaluationData {
        var data = F.data()
        data.models = models
        return data
    }

    func entity(_ id: String, _ data: EvaluationData) -> EvaluationEntity { F.entity(EntityRef(.deal, id), in: data) }

    @Test func openMainPipelineDealsGetTheModelsProbabilityAndOthersNone() throws {
        let data = Self.data(ScoringModels(win: Self.model))
        // d1 is in Qualified (stage index 1 of the b2b pipeline): log-odds 1.
        let d1 = try #require(data.metric(.dealWinProbability, entity("d1", data), now: F.now))
        #expect(abs(d1 - 1 / (1 + exp(-1.0))) < 1e-12)
        #expect(data.value(.dealWinProbability, entity("d1", data), now: F.now) == .number(d1, .fraction))
        #expect(data.metric(.dealWinProbability, entity("w0", data), now: F.now) == nil, "closed deal")
        let none = Self.data(ScoringModels())
        #expect(none.metric(.dealWinProbability, entity("d1", none), now: F.now) == nil, "no model")
    }

    @Test func withAWinModelTheDQSPriorIsTheDealsWinProbability() throws {
        let plain = Self.data(ScoringModels())
        let scored = Self.data(ScoringModels(win: Self.model))
        for id in ["d1", "d2", "d3"] {
            let deal = try #require(plain.deal(Deal.ID(id)))
            let stats = plain.statistics
            let cell = stats.cells[plain.dqsCellKey(deal, stats: stats)] ?? (0, 0)
            let w = stats.quality.priorWeight
            let cellOnly = (Double(cell.won) + w * stats.prior!) / (Double(cell.closed) + w)
            #expect(plain.metric(.dealDQS, entity(id, plain), now: F.now) == cellOnly, "\(id) without a model")
            let q = try #require(scored.metric(.dealWinProbability, entity(id, scored), now: F.now))
            let blended = try #require(scored.metric(.dealDQS, entity(id, scored), now: F.now))
            #expect(abs(blended - (Double(cell.won) + w * q) / (Double(cell.closed) + w)) < 1e-12, "\(id)")
            #expect(blended != cellOnly)
        }
    }
}
