import Foundation

@testable import PulseCore

/// Small synthetic data sets for the learning tests, deterministic for a seed.
enum LearningFixtures {
    static func features(_ count: Int) -> [FeatureDescriptor] {
        (0..<count).map { FeatureDescriptor("x\($0)", .quantity(template: "x\($0) = {value}")) }
    }

    /// y = (x0 · x1 > 0) with 5% of labels flipped, plus two pure-noise features: trees can learn it, a linear
    /// model cannot.
    static func xor(rows: Int, seed: UInt64) throws -> LabeledDataset {
        var rng = SplitMix64(seed: seed)
        var data: [[Double]] = []
        var labels: [Bool] = []
        for _ in 0..<rows {
            let row = (0..<4).map { _ in rng.unit() * 2 - 1 }
            data.append(row)
            labels.append((row[0] * row[1] > 0) != rng.chance(0.05))
        }
        return try LabeledDataset(
            features: features(4), rows: data, labels: labels, ids: (0..<rows).map { "r\($0)" })
    }

    /// x0 is missing for 70% of positives and 15% of negatives, and its present values are noise; x1 is noise.
    static func missingness(rows: Int, seed: UInt64) throws -> LabeledDataset {
        var rng = SplitMix64(seed: seed)
        var data: [[Double]] = []
        var labels: [Bool] = []
        for _ in 0..<rows {
            let label = rng.chance(0.4)
            let missing = rng.chance(label ? 0.7 : 0.15)
            data.append([missing ? .nan : rng.unit(), rng.unit()])
            labels.append(label)
        }
        return try LabeledDataset(
            features: features(2), rows: data, labels: labels, ids: (0..<rows).map { "m\($0)" })
    }

    /// Features and labels that are independent coin flips.
    static func noise(rows: Int, seed: UInt64) throws -> LabeledDataset {
        var rng = SplitMix64(seed: seed)
        let data = (0..<rows).map { _ in (0..<3).map { _ in rng.unit() } }
        let labels = (0..<rows).map { _ in rng.chance(0.5) }
        return try LabeledDataset(
            features: features(3), rows: data, labels: labels, ids: (0..<rows).map { "n\($0)" })
    }

    /// y ~ Bernoulli(sigmoid(1.5 x0 − x1 + 0.3)) with some values of x1 missing.
    static func linear(rows: Int, seed: UInt64) throws -> LabeledDataset {
        var rng = SplitMix64(seed: seed)
        var data: [[Double]] = []
        var labels: [Bool] = []
        for _ in 0..<rows {
            let a = rng.unit() * 4 - 2
            let b = rng.unit() * 4 - 2
            labels.append(rng.chance(1 / (1 + exp(-(1.5 * a - b + 0.3)))))
            data.append([a, rng.chance(0.1) ? .nan : b])
        }
        return try LabeledDataset(
            features: features(2), rows: data, labels: labels, ids: (0..<rows).map { "l\($0)" })
    }

    /// The package root (…/Tests/PulseCoreTests/Intelligence/Learning/<file> up five levels).
    static var packageRoot: URL {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<5 { url.deleteLastPathComponent() }
        return url
    }

    static var telcoCSV: URL {
        packageRoot.appendingPathComponent("../shared/data/ibm-telco-customer-churn/Telco-Customer-Churn.csv")
            .standardizedFileURL
    }

    static var telcoSplits: URL {
        packageRoot.appendingPathComponent("../shared/bench/telco-splits").standardizedFileURL
    }
}
