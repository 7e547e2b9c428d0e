import Foundation

// TEMPORARY CONTRACT (issue 5): the declarations the `learning` branch implements for real. Every body here
// traps; that branch deletes this file and replaces it with the real files. Other branches compile against
// these signatures and must not edit this file.

/// Gradient-boosting settings (LightGBM-like defaults suited to a few thousand rows).
public struct GradientBoostingParameters: Codable, Hashable, Sendable {
    public var trees = 300
    public var learningRate = 0.05
    public var maxDepth = 4
    public var maxLeaves = 16
    public var minSamplesLeaf = 20
    public var l2 = 1.0
    /// Row fraction sampled (without replacement) for each tree.
    public var subsample = 0.8
    /// Histogram bins per feature (missing values get their own bin).
    public var bins = 64
    /// Stop when the validation log-loss has not improved for this many trees (0 = never).
    public var earlyStoppingRounds = 30
    public var seed: UInt64 = 42

    public init() {}
}

/// A gradient-boosted ensemble of regression trees for binary log-loss.
public struct GradientBoostedTrees: Codable, Hashable, Sendable {
    /// Starting log-odds (the training base rate).
    public var bias: Double
    /// Gain importance per feature, summing to 1.
    public var gainImportance: [Double]

    /// Trains on `data`, stopping early on `validation` when given.
    public static func train(
        _ data: LabeledDataset, validation: LabeledDataset? = nil,
        parameters: GradientBoostingParameters = GradientBoostingParameters()
    ) throws -> GradientBoostedTrees { fatalError("contract: implemented by the learning branch") }

    /// Log-odds of the positive class.
    public func rawScore(_ row: [Double]) -> Double { fatalError("contract: implemented by the learning branch") }

    /// Per-feature share of the log-odds (path attribution); `bias` + the sum equals `rawScore`.
    public func contributions(_ row: [Double]) -> [Double] {
        fatalError("contract: implemented by the learning branch")
    }

    public var treeCount: Int { fatalError("contract: implemented by the learning branch") }
}

extension LogisticRegression {
    /// Fits standardisation and L2-regularised weights (Newton / IRLS); refuses empty or one-class data.
    public static func train(_ data: LabeledDataset, l2: Double = 1.0, iterations: Int = 100) throws
        -> LogisticRegression
    { fatalError("contract: implemented by the learning branch") }
}

extension Calibrator {
    /// Platt scaling fitted on held-out raw scores and outcomes.
    public static func fitPlatt(scores: [Double], labels: [Bool]) -> Calibrator {
        fatalError("contract: implemented by the learning branch")
    }

    /// Isotonic regression (pool-adjacent-violators) fitted on held-out raw scores and outcomes.
    public static func fitIsotonic(scores: [Double], labels: [Bool]) -> Calibrator {
        fatalError("contract: implemented by the learning branch")
    }
}

/// Ranking and calibration measures for binary predictions.
public enum BinaryMetrics {
    /// Area under the ROC curve (ties count half).
    public static func rocAUC(_ scores: [Double], _ labels: [Bool]) -> Double {
        fatalError("contract: implemented by the learning branch")
    }

    /// Average precision (area under the precision–recall curve, step-wise as scikit-learn).
    public static func prAUC(_ scores: [Double], _ labels: [Bool]) -> Double {
        fatalError("contract: implemented by the learning branch")
    }

    /// Precision and recall of "score ≥ threshold" (precision 0 when nothing is flagged).
    public static func precisionRecall(_ scores: [Double], _ labels: [Bool], threshold: Double) -> (
        precision: Double, recall: Double
    ) { fatalError("contract: implemented by the learning branch") }

    /// Equal-width probability bins with predicted mean and observed rate (empty bins left out).
    public static func calibration(_ probabilities: [Double], _ labels: [Bool], bins: Int = 10) -> [CalibrationBin] {
        fatalError("contract: implemented by the learning branch")
    }

    /// All of the above at `threshold`.
    public static func evaluate(_ probabilities: [Double], _ labels: [Bool], threshold: Double) -> ModelEvaluation {
        fatalError("contract: implemented by the learning branch")
    }
}

/// How `ModelTrainer` calibrates probabilities.
public enum CalibrationMethod: String, Codable, Hashable, Sendable, CaseIterable {
    case none, platt, isotonic
}

/// What `ModelTrainer.train` does: which learner, its settings, the calibration and the held-out share.
public struct ModelTrainingOptions: Hashable, Sendable {
    public var algorithm: ModelAlgorithm = .gradientBoosting
    public var boosting = GradientBoostingParameters()
    public var l2 = 1.0
    public var calibration: CalibrationMethod = .isotonic
    /// Share held out (stratified) for early stopping, calibration, threshold choice and the stored evaluation.
    public var holdoutFraction = 0.2
    /// Fixed alert threshold; nil = the threshold with the best F1 on the held-out rows.
    public var threshold: Double?
    public var seed: UInt64 = 42

    public init() {}
}

/// Trains, calibrates, picks the alert threshold and evaluates a model in one call: what `pulse model train`
/// runs.
public enum ModelTrainer {
    /// Refuses empty or one-class data (`TrainingError`); the returned model carries its held-out evaluation
    /// and importance.
    public static func train(name: String, data: LabeledDataset, options: ModelTrainingOptions, now: Date) throws
        -> TrainedModel
    { fatalError("contract: implemented by the learning branch") }
}

extension LabeledDataset {
    /// Stratified split like scikit-learn's `train_test_split(stratify=)`: the same share of each class in the
    /// test part; deterministic for a seed.
    public func stratifiedSplit(testFraction: Double, seed: UInt64) -> (train: LabeledDataset, test: LabeledDataset) {
        fatalError("contract: implemented by the learning branch")
    }
}

/// The IBM Telco customer-churn table as a data set, encoded as the reference script does (pandas
/// `get_dummies(drop_first=True)`, blank TotalCharges = 0), ids = customerID, with reason phrases per column.
public enum TelcoChurnDataset {
    /// Parses the CSV text; errors name the line and column.
    public static func load(csv: String) throws -> LabeledDataset {
        fatalError("contract: implemented by the learning branch")
    }
}
