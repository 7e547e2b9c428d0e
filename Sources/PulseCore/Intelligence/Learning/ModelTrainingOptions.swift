/// How `ModelTrainer` calibrates probabilities.
public enum CalibrationMethod: String, Codable, Hashable, Sendable, CaseIterable {
    case none, platt, isotonic
}

/// What `ModelTrainer.train` does: which learner, its settings, the calibration and the held-out share.
public struct ModelTrainingOptions: Hashable, Sendable {
    public var algorithm: ModelAlgorithm = .gradientBoosting
    public var boosting = GradientBoostingParameters()
    /// L2 penalty of logistic regression (1 / scikit-learn's C).
    public var l2 = 1.0
    public var calibration: CalibrationMethod = .isotonic
    /// Share held out (stratified) for early stopping, calibration, threshold choice and the stored evaluation.
    public var holdoutFraction = 0.2
    /// Fixed alert threshold; nil = the threshold with the best F1 on the held-out rows.
    public var threshold: Double?
    public var seed: UInt64 = 42

    public init() {}
}
