import Foundation

/// L2-regularised logistic regression on standardised inputs: the baseline model, and one whose reasons are
/// exact (coefficient × standardised value).
public struct LogisticRegression: Codable, Hashable, Sendable {
    /// One weight per feature, on the standardised scale.
    public var coefficients: [Double]
    public var intercept: Double
    /// Per-feature mean and standard deviation used to standardise (scale 1 for a constant feature); a missing
    /// input is replaced by the mean, so it contributes nothing.
    public var means: [Double]
    public var scales: [Double]

    public init(coefficients: [Double], intercept: Double, means: [Double], scales: [Double]) {
        self.coefficients = coefficients
        self.intercept = intercept
        self.means = means
        self.scales = scales
    }

    /// Log-odds of the positive class.
    public func rawScore(_ row: [Double]) -> Double {
        intercept + contributions(row).reduce(0, +)
    }

    /// Per-feature share of the log-odds: coefficient × (value − mean) ÷ scale (0 for a missing value).
    public func contributions(_ row: [Double]) -> [Double] {
        row.indices.map { i in
            let v = row[i]
            guard !v.isNaN else { return 0 }
            return coefficients[i] * (v - means[i]) / scales[i]
        }
    }

    // `train(_:l2:iterations:)` lives in LogisticRegression+Training.swift.
}
