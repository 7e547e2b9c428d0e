import Foundation
import Testing

@testable import PulseCore

@Suite struct ModelTrainerTests {
    static let now = Date(timeIntervalSince1970: 1_780_000_000)

    @Test func aStratifiedSplitKeepsEachClassShareAndIsTheSameForASeed() throws {
        let data = try LearningFixtures.linear(rows: 1000, seed: 2)
        let (train, test) = data.stratifiedSplit(testFraction: 0.2, seed: 5)
        let positives = data.positives
        #expect(test.positives == Int((Double(positives) * 0.2).rounded()))
        #expect(test.count - test.positives == Int((Double(1000 - positives) * 0.2).rounded()))
        #expect(train.count + test.count == 1000)
        #expect(Set(train.ids).isDisjoint(with: test.ids))
        #expect(Set(train.ids + test.ids) == Set(data.ids))
        #expect(data.stratifiedSplit(testFraction: 0.2, seed: 5).test.ids == test.ids)
        #expect(data.stratifiedSplit(testFraction: 0.2, seed: 6).test.ids != test.ids)
    }

    @Test func trainingBoostedTreesGivesACalibratedModelWithAHeldOutEvaluation() throws {
        let data = try LearningFixtures.linear(rows: 2000, seed: 4)
        var options = ModelTrainingOptions()
        options.boosting.trees = 80
        options.calibration = .isotonic
        let model = try ModelTrainer.train(name: "churn", data: data, options: options, now: Self.now)
        let evaluation = try #require(model.evaluation)
        #expect(evaluation.rows == 400)
        #expect(evaluation.rocAUC > 0.8)
        #expect(evaluation.precision > 0 && evaluation.recall > 0)
        #expect(model.threshold > 0 && model.threshold < 1)
        #expect(model.trainingRows == 1600)
        #expect(model.trainedAt == Self.now)
        #expect(Set(model.importance.keys) == ["x0", "x1"])
        #expect(model.importance["x0"]! > model.importance["x1"]!)
        guard case .isotonic = model.calibrator else {
            Issue.record("expected an isotonic calibrator, got \(model.calibrator)")
            return
        }
        #expect(model.probability([1.5, -1.5]) > model.probability([-1.5, 1.5]))
        let reasons = model.reasons([1.8, -1.8], top: 2)
        #expect(reasons.first?.feature == "x0")
        #expect(reasons.first?.text == "x0 = 1.8")
    }

    @Test func logisticRegressionWithPlattCalibrationAndAFixedThreshold() throws {
        let data = try LearningFixtures.linear(rows: 1000, seed: 8)
        var options = ModelTrainingOptions()
        options.algorithm = .logisticRegression
        options.calibration = .platt
        options.threshold = 0.4
        let model = try ModelTrainer.train(name: "win", data: data, options: options, now: Self.now)
        #expect(model.logistic != nil && model.gradientBoosting == nil)
        #expect(model.threshold == 0.4)
        #expect(model.evaluation?.threshold == 0.4)
        #expect(abs(model.importance.values.reduce(0, +) - 1) < 1e-9)
        guard case .platt(let a, _) = model.calibrator else {
            Issue.record("expected Platt scaling, got \(model.calibrator)")
            return
        }
        #expect(a > 0.5 && a < 2)
    }

    @Test func automaticCalibrationIsPlattOnASmallHoldoutAndIsotonicOnALargeOne() throws {
        var options = ModelTrainingOptions()
        options.algorithm = .logisticRegression
        #expect(options.calibration == .automatic)
        // 1,000 rows → 200 held out: Platt.
        let small = try ModelTrainer.train(
            name: "churn", data: try LearningFixtures.linear(rows: 1000, seed: 3), options: options, now: Self.now)
        guard case .platt = small.calibrator else {
            Issue.record("expected Platt scaling on 200 held-out rows, got \(small.calibrator)")
            return
        }
        // 5,000 rows → 1,000 held out: isotonic.
        let large = try ModelTrainer.train(
            name: "churn", data: try LearningFixtures.linear(rows: 5000, seed: 3), options: options, now: Self.now)
        guard case .isotonic = large.calibrator else {
            Issue.record("expected isotonic regression on 1,000 held-out rows, got \(large.calibrator)")
            return
        }
    }

    @Test func tooFewPositivesToHoldOutIsRefusedNamingTheHeldOutPart() throws {
        let rows = (0..<50).map { [Double($0)] }
        let data = try LabeledDataset(
            features: LearningFixtures.features(1), rows: rows, labels: (0..<50).map { $0 == 7 },
            ids: rows.indices.map(String.init))
        do {
            _ = try ModelTrainer.train(name: "churn", data: data, options: ModelTrainingOptions(), now: Self.now)
            Issue.record("a held-out part without positives was accepted")
        } catch let error as TrainingError {
            #expect(error.code == .oneClass)
            #expect(error.message.contains("held-out part"))
        }
        var options = ModelTrainingOptions()
        options.holdoutFraction = 1.5
        #expect(throws: TrainingError.self) {
            try ModelTrainer.train(
                name: "churn", data: try LearningFixtures.linear(rows: 100, seed: 1),
                options: options, now: Self.now)
        }
    }

    @Test func withoutAHoldoutTheModelUsesEveryRowAndHasNoEvaluation() throws {
        let data = try LearningFixtures.linear(rows: 300, seed: 6)
        var options = ModelTrainingOptions()
        options.holdoutFraction = 0
        options.boosting.trees = 20
        let model = try ModelTrainer.train(name: "churn", data: data, options: options, now: Self.now)
        #expect(model.trainingRows == 300)
        #expect(model.evaluation == nil)
        #expect(model.calibrator == .sigmoid)
        #expect(model.threshold == 0.5)
    }
}
