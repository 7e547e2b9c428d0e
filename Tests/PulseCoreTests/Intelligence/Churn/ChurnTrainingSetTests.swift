import Foundation
import Testing

@testable import PulseCore

@Suite struct ChurnTrainingSetTests {
    typealias W = ChurnWorld

    /// Three accounts with engagement from day −200 to now; `gone` churns on day −45, `late` joined on day −80.
    static func world() -> (data: EvaluationData, events: [ChurnEvent]) {
        let accounts = [
            Account(id: "stay", name: "Stay", createdAt: W.day(-400)),
            Account(id: "gone", name: "Gone", createdAt: W.day(-400), churned: true),
            Account(id: "late", name: "Late", createdAt: W.day(-80)),
            Account(id: "lost", name: "Churned without a date", createdAt: W.day(-400), churned: true),
        ]
        let engagement =
            W.events("stay", .featureUsed, from: -200, to: 0, perDay: 2)
            + W.events("gone", .featureUsed, from: -200, to: -90, perDay: 2)
            + W.events("gone", .featureUsed, from: -90, to: -45, perDay: 1)
        let events = [ChurnEvent(id: "c1", account: "gone", churnedAt: W.day(-45))]
        return (W.data(accounts: accounts, engagement: engagement), events)
    }

    @Test func cutoffsEvery30DaysEndAHorizonBeforeTheLatestRecordAndLabelChurnWithinIt() throws {
        let (data, events) = Self.world()
        let set = try ChurnTrainingSet.build(data, churnEvents: events, horizonDays: 30)
        // Latest record: day −0.6 (the last engagement); the first cutoff has 15 days of history (day −184.6 on).
        let cutoffs = Array(Set(set.cutoffs)).sorted()
        let latest = W.day(-1 + 0.4)
        #expect(cutoffs.last == latest.addingTimeInterval(-30 * 86_400))
        #expect(zip(cutoffs, cutoffs.dropFirst()).allSatisfy { $1.timeIntervalSince($0) == 30 * 86_400 })
        #expect(cutoffs.first! >= W.day(-200 + 0.4 + 15))
        #expect(cutoffs.count == 6)
        // `gone` is a row at every cutoff before its churn, positive only at the one 30 days before it.
        let gone = set.data.ids.indices.filter { set.data.ids[$0] == "gone" }
        #expect(gone.allSatisfy { set.cutoffs[$0] < W.day(-45) })
        #expect(gone.filter { set.data.labels[$0] }.map { set.cutoffs[$0] } == [cutoffs[4]])
        #expect(gone.allSatisfy { set.churnDates[$0] == W.day(-45) })
        // `late` appears only once it exists; the churned account without a churn date never.
        #expect(set.data.ids.indices.filter { set.data.ids[$0] == "late" }.allSatisfy { set.cutoffs[$0] > W.day(-80) })
        #expect(!set.data.ids.contains("lost"))
        #expect(set.data.positives == 1)
        #expect(set.data.featureNames == ChurnFeatures.names)
    }

    @Test func theTimeSplitKeepsEarlierCutoffsForTrainingAndTheLeadTimeIsMeasuredFromTheFirstFlag() throws {
        let (data, events) = Self.world()
        let set = try ChurnTrainingSet.build(data, churnEvents: events, horizonDays: 30)
        let split = set.timeSplit(trainFraction: 0.6)
        let trainDates = split.train.map { set.cutoffs[$0] }
        let testDates = split.test.map { set.cutoffs[$0] }
        #expect(trainDates.max()! < testDates.min()!)
        #expect(Set(trainDates).count == 4 && Set(testDates).count == 2)
        // Flag `gone` at every one of its rows: the first flagged cutoff is the earliest before its churn.
        let all = Array(set.data.ids.indices)
        let probabilities = all.map { set.data.ids[$0] == "gone" ? 0.9 : 0.1 }
        let first = all.filter { set.data.ids[$0] == "gone" }.map { set.cutoffs[$0] }.min()!
        let expected = (W.day(-45).timeIntervalSince(first) / 86_400 * 10).rounded() / 10
        #expect(set.medianLeadDays(rows: all, probabilities: probabilities, threshold: 0.5) == expected)
        #expect(set.medianLeadDays(rows: all, probabilities: all.map { _ in 0.1 }, threshold: 0.5) == nil)
    }

    @Test func aHistoryTooShortForOneCutoffIsAClearError() {
        let accounts = [Account(id: "a", name: "A", createdAt: W.day(-20))]
        let data = W.data(accounts: accounts, engagement: W.events("a", .featureUsed, from: -20, to: 0, perDay: 1))
        #expect {
            try ChurnTrainingSet.build(data, churnEvents: [], horizonDays: 30)
        } throws: { error in
            let e = error as? TrainingError
            return e?.code == .empty && e?.message.contains("shorter than 15 + 30 days") == true
        }
        #expect(throws: TrainingError.self) { try ChurnTrainingSet.build(data, churnEvents: [], horizonDays: 0) }
    }

    @Test func anEmptyStoreHasNoExamples() {
        #expect {
            try ChurnTrainingSet.build(W.data(accounts: []), churnEvents: [])
        } throws: { error in
            (error as? TrainingError)?.code == .empty
        }
    }
}
