/// How `ModelTrainer` calibrates probabilities.
public enum CalibrationMethod: String, Codable, Hashable, Sendable, CaseIterable {
    case none, platt, isotonic
    /// Isotonic when the held-out part has at least `isotonicMinimumRows` rows, else Platt: on small held-out sets
    /// isotonic regression collapses into a few steps (many accounts then get the same probability), as
    /// scikit-learn's calibration guide warns.
    case automatic = "auto"

    /// Held-out rows from which `automatic` chooses isotonic regression.
    public static let isotonicMinimumRows = 1_000
}

/// What `ModelTrainer.train` does: which learner, its settings, the calibration and the held-out share.
public struct ModelTrainingOptions: Hashable, Sendable {
    public var algorithm: ModelAlgorithm = .gradientBoosting
    public var boosting = GradientBoostingParameters()
    /// L2 penalty of logistic regression (1 / scikit-learn's C).
    public var l2 = 1.0
    public var calibration: CalibrationMethod = .automatic
    /// Share held out (stratified) for early stopping, calibration, threshold choice and the stored evaluation.
    public var holdoutFraction = 0.2
    /// Fixed alert threshold; nil = the threshold with the best F1 on the held-out rows.
    public var threshold: Double?
    public var seed: UInt64 = 42

    public init() {}
}
