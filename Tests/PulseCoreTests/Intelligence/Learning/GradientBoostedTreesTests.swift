import Foundation
import Testing

@testable import PulseCore

@Suite struct GradientBoostedTreesTests {
    @Test func treesLearnAnInteractionThatLogisticRegressionCannot() throws {
        let train = try LearningFixtures.xor(rows: 1500, seed: 1)
        let test = try LearningFixtures.xor(rows: 600, seed: 2)
        var parameters = GradientBoostingParameters()
        parameters.trees = 100
        parameters.learningRate = 0.1
        let trees = try GradientBoostedTrees.train(train, parameters: parameters)
        let logistic = try LogisticRegression.train(train)
        let treeAUC = BinaryMetrics.rocAUC(test.rows.map(trees.rawScore), test.labels)
        let linearAUC = BinaryMetrics.rocAUC(test.rows.map(logistic.rawScore), test.labels)
        #expect(treeAUC > 0.85)
        #expect(linearAUC < 0.65)
        // The two interacting features carry nearly all the gain.
        #expect(trees.gainImportance[0] + trees.gainImportance[1] > 0.8)
        #expect(abs(trees.gainImportance.reduce(0, +) - 1) < 1e-9)
    }

    @Test func missingValuesAreRoutedByWhatTheirMissingnessMeans() throws {
        let train = try LearningFixtures.missingness(rows: 2000, seed: 3)
        let test = try LearningFixtures.missingness(rows: 800, seed: 4)
        var parameters = GradientBoostingParameters()
        parameters.trees = 60
        let model = try GradientBoostedTrees.train(train, parameters: parameters)
        #expect(BinaryMetrics.rocAUC(test.rows.map(model.rawScore), test.labels) > 0.72)
        for present in [0.1, 0.5, 0.9] {
            #expect(model.rawScore([.nan, 0.5]) > model.rawScore([present, 0.5]) + 1)
        }
        // The missing input is named as the reason.
        let shares = model.contributions([.nan, 0.5])
        #expect(shares[0] > 0.5)
        #expect(shares[0] > abs(shares[1]) * 3)
    }

    @Test func earlyStoppingEndsTrainingBeforeAllTreesWhenThereIsNothingToLearn() throws {
        let data = try LearningFixtures.noise(rows: 1000, seed: 5)
        let (train, validation) = data.stratifiedSplit(testFraction: 0.3, seed: 1)
        var parameters = GradientBoostingParameters()
        parameters.trees = 300
        parameters.earlyStoppingRounds = 20
        let model = try GradientBoostedTrees.train(train, validation: validation, parameters: parameters)
        #expect(model.treesGrown < 300)
        #expect(model.treeCount == model.treesGrown - 20)
        // Without a validation set every tree is grown.
        parameters.trees = 40
        #expect(try GradientBoostedTrees.train(train, parameters: parameters).treeCount == 40)
    }

    @Test func theSameSeedGivesAnIdenticalModelAndAnotherSeedDoesNot() throws {
        let data = try LearningFixtures.xor(rows: 500, seed: 6)
        var parameters = GradientBoostingParameters()
        parameters.trees = 30
        func json(_ seed: UInt64) throws -> Data {
            parameters.seed = seed
            let model = try GradientBoostedTrees.train(data, parameters: parameters)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            return try encoder.encode(model)
        }
        #expect(try json(7) == json(7))
        #expect(try json(7) != json(8))
    }

    @Test func contributionsAddUpToTheRawScoreIncludingMissingValues() throws {
        let data = try LearningFixtures.linear(rows: 800, seed: 9)
        var parameters = GradientBoostingParameters()
        parameters.trees = 50
        let model = try GradientBoostedTrees.train(data, parameters: parameters)
        for row in data.rows.prefix(100) + [[Double.nan, Double.nan], [5, -5]] {
            let total = model.bias + model.contributions(row).reduce(0, +)
            #expect(abs(total - model.rawScore(row)) < 1e-9)
        }
    }

    @Test func aStoredModelPredictsExactlyAsTheOriginal() throws {
        let data = try LearningFixtures.linear(rows: 600, seed: 10)
        var options = ModelTrainingOptions()
        options.boosting.trees = 40
        let model = try ModelTrainer.train(
            name: "churn", data: data, options: options, now: Date(timeIntervalSince1970: 1_700_000_000))
        let stored = try model.encoded()
        let loaded = try TrainedModel.decode(stored, expecting: ["x0", "x1"])
        for row in data.rows.prefix(50) + [[Double.nan, 1]] {
            #expect(loaded.probability(row) == model.probability(row))
            // (Compared field by field: a missing value is NaN, which is never == itself.)
            #expect(loaded.reasons(row).map(\.text) == model.reasons(row).map(\.text))
            #expect(loaded.reasons(row).map(\.contribution) == model.reasons(row).map(\.contribution))
        }
        #expect(try loaded.encoded() == stored)
    }

    @Test func emptyOneClassAndBadParametersAreRefusedWithTheReason() throws {
        let empty = try LabeledDataset(features: LearningFixtures.features(1), rows: [], labels: [], ids: [])
        #expect(throws: TrainingError.self) { try GradientBoostedTrees.train(empty) }
        let oneClass = try LabeledDataset(
            features: LearningFixtures.features(1), rows: [[1], [2]], labels: [true, true], ids: ["a", "b"])
        do {
            _ = try GradientBoostedTrees.train(oneClass)
            Issue.record("one-class data was accepted")
        } catch let error as TrainingError {
            #expect(error.code == .oneClass)
            #expect(error.message.contains("only positive"))
        }
        let data = try LearningFixtures.xor(rows: 100, seed: 1)
        for (mutate, name) in [
            ({ (p: inout GradientBoostingParameters) in p.learningRate = 0 }, "learningRate"),
            ({ (p: inout GradientBoostingParameters) in p.maxDepth = 0 }, "maxDepth"),
            ({ (p: inout GradientBoostingParameters) in p.bins = 300 }, "bins"),
            ({ (p: inout GradientBoostingParameters) in p.subsample = 0 }, "subsample"),
        ] {
            var parameters = GradientBoostingParameters()
            mutate(&parameters)
            do {
                _ = try GradientBoostedTrees.train(data, parameters: parameters)
                Issue.record("\(name) was accepted")
            } catch let error as TrainingError {
                #expect(error.code == .badParameter)
                #expect(error.message.contains(name))
            }
        }
    }

    @Test func constantAndAlwaysMissingFeaturesTrainWithoutSplittingOnThem() throws {
        let rows = (0..<200).map { i in [5.0, .nan, Double(i % 10)] }
        let labels = (0..<200).map { $0 % 10 >= 6 }
        let data = try LabeledDataset(
            features: LearningFixtures.features(3), rows: rows, labels: labels, ids: (0..<200).map(String.init))
        var parameters = GradientBoostingParameters()
        parameters.trees = 20
        let model = try GradientBoostedTrees.train(data, parameters: parameters)
        #expect(model.gainImportance[0] == 0)
        #expect(model.gainImportance[1] == 0)
        #expect(model.rawScore([5, .nan, 9]) > model.rawScore([5, .nan, 1]))
    }
}
