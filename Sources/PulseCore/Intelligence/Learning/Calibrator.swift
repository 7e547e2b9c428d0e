import Foundation

/// Maps a model's raw score (log-odds) to a probability that matches observed rates: none (plain sigmoid),
/// Platt scaling, or isotonic regression.
public enum Calibrator: Codable, Hashable, Sendable {
    /// The logistic sigmoid of the raw score.
    case sigmoid
    /// sigmoid(a × score + b), fitted on held-out scores.
    case platt(a: Double, b: Double)
    /// A non-decreasing step function of the raw score: `values[i]` for scores ≥ `thresholds[i]` (and below the
    /// next threshold); scores below the first threshold get `values[0]`. Linear interpolation between steps.
    case isotonic(thresholds: [Double], values: [Double])

    /// The calibrated probability of a raw score, clamped to [0.0001, 0.9999].
    public func probability(rawScore s: Double) -> Double {
        let p: Double
        switch self {
        case .sigmoid: p = Self.sigmoid(s)
        case .platt(let a, let b): p = Self.sigmoid(a * s + b)
        case .isotonic(let thresholds, let values):
            guard let first = thresholds.first, let last = thresholds.last else { return Self.sigmoid(s) }
            if s <= first {
                p = values[0]
            } else if s >= last {
                p = values[values.count - 1]
            } else {
                let i = thresholds.partitionPoint { $0 <= s } - 1
                let span = thresholds[i + 1] - thresholds[i]
                let t = span > 0 ? (s - thresholds[i]) / span : 0
                p = values[i] + t * (values[i + 1] - values[i])
            }
        }
        return min(0.9999, max(0.0001, p))
    }

    static func sigmoid(_ x: Double) -> Double {
        x >= 0 ? 1 / (1 + exp(-x)) : exp(x) / (1 + exp(x))
    }

    // `fitPlatt(scores:labels:)` and `fitIsotonic(scores:labels:)` live in Calibrator+Fitting.swift.
}
