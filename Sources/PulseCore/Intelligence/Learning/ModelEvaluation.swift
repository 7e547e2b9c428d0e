/// How well a model ranks and how honest its probabilities are on held-out data: `pulse model evaluate`'s report.
public struct ModelEvaluation: Codable, Hashable, Sendable {
    public var rows: Int
    public var positives: Int
    public var rocAUC: Double
    /// Area under the precision–recall curve (average precision).
    public var prAUC: Double
    /// The alert threshold the precision and recall are measured at.
    public var threshold: Double
    public var precision: Double
    public var recall: Double
    /// Predicted versus observed rate in probability bins.
    public var calibration: [CalibrationBin]
    /// Median days from the first at-or-above-threshold score to the outcome, where dates exist.
    public var medianLeadDays: Double?

    public init(
        rows: Int, positives: Int, rocAUC: Double, prAUC: Double, threshold: Double, precision: Double,
        recall: Double, calibration: [CalibrationBin], medianLeadDays: Double? = nil
    ) {
        self.rows = rows
        self.positives = positives
        self.rocAUC = rocAUC
        self.prAUC = prAUC
        self.threshold = threshold
        self.precision = precision
        self.recall = recall
        self.calibration = calibration
        self.medianLeadDays = medianLeadDays
    }
}

/// One row of a calibration table: predictions in [lower, upper), how many, their mean and the observed rate.
public struct CalibrationBin: Codable, Hashable, Sendable {
    public var lower: Double
    public var upper: Double
    public var count: Int
    public var meanPredicted: Double
    public var observedRate: Double

    public init(lower: Double, upper: Double, count: Int, meanPredicted: Double, observedRate: Double) {
        self.lower = lower
        self.upper = upper
        self.count = count
        self.meanPredicted = meanPredicted
        self.observedRate = observedRate
    }
}

/// One reason behind a prediction: the feature, its value, how much it pushed the log-odds, and the words.
public struct PredictionReason: Codable, Hashable, Sendable {
    public var feature: String
    public var value: Double
    /// Share of the log-odds; positive pushes toward the outcome (churn, win).
    public var contribution: Double
    /// "logins down 62% over 30 days".
    public var text: String

    public init(feature: String, value: Double, contribution: Double, text: String) {
        self.feature = feature
        self.value = value
        self.contribution = contribution
        self.text = text
    }
}
