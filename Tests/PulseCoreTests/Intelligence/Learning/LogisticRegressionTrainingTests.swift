import Foundation
import Testing

@testable import PulseCore

@Suite struct LogisticRegressionTrainingTests {
    /// scikit-learn 1.9.1: `StandardScaler` then `LogisticRegression(C=1.0, tol=1e-12)` on these twelve rows gives
    /// coef [0.40427198710739354, 0.6633664809718587], intercept 0.013226828557385559, mean [5.41666667, 4.375],
    /// scale [2.81982072, 2.20911936].
    @Test func coefficientsMatchScikitLearnOnASmallSet() throws {
        let rows: [[Double]] = [
            [1, 2.0], [2, 1.5], [3, 3.5], [4, 2.5], [5, 5.0], [6, 4.0], [7, 6.5], [8, 5.5], [9, 8.0], [10, 7.0],
            [2.5, 6.0], [7.5, 1.0],
        ]
        let labels = [0, 0, 0, 1, 0, 1, 0, 1, 1, 1, 1, 0].map { $0 == 1 }
        let data = try LabeledDataset(
            features: LearningFixtures.features(2), rows: rows, labels: labels, ids: rows.indices.map(String.init))
        let model = try LogisticRegression.train(data)
        #expect(abs(model.coefficients[0] - 0.40427198710739354) < 1e-7)
        #expect(abs(model.coefficients[1] - 0.6633664809718587) < 1e-7)
        #expect(abs(model.intercept - 0.013226828557385559) < 1e-7)
        #expect(abs(model.means[0] - 5.41666667) < 1e-7)
        #expect(abs(model.scales[1] - 2.20911936) < 1e-7)
    }

    @Test func aMissingValueCountsAsTheMeanAndContributesNothing() throws {
        let data = try LearningFixtures.linear(rows: 2000, seed: 3)
        let model = try LogisticRegression.train(data)
        #expect(model.contributions([0.5, .nan])[1] == 0)
        #expect(model.coefficients[0] > 0)
        #expect(model.coefficients[1] < 0)
        #expect(BinaryMetrics.rocAUC(data.rows.map(model.rawScore), data.labels) > 0.8)
    }

    @Test func separableDataStillGivesFiniteWeightsThanksToTheL2Penalty() throws {
        let rows = (0..<40).map { [Double($0)] }
        let labels = (0..<40).map { $0 >= 20 }
        let data = try LabeledDataset(
            features: LearningFixtures.features(1), rows: rows, labels: labels, ids: rows.indices.map(String.init))
        let model = try LogisticRegression.train(data)
        #expect(model.coefficients[0].isFinite && model.coefficients[0] > 1)
        #expect(model.rawScore([30]) > 0 && model.rawScore([10]) < 0)
    }

    @Test func oneClassDataAndANegativePenaltyAreRefused() throws {
        let data = try LabeledDataset(
            features: LearningFixtures.features(1), rows: [[1], [2], [3]], labels: [false, false, false],
            ids: ["a", "b", "c"])
        #expect(
            throws: TrainingError(
                .oneClass, "the training set has only negative outcomes (3 rows): a model needs examples of both")
        ) {
            try LogisticRegression.train(data)
        }
        let mixed = try LearningFixtures.linear(rows: 50, seed: 1)
        #expect(throws: TrainingError.self) { try LogisticRegression.train(mixed, l2: -1) }
    }
}
