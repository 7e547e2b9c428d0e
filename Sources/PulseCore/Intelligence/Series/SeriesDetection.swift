import Foundation

/// One unusual point (or, for a rate test, the recent window) of a series: when, what was seen, what was
/// expected, the signed score and which detector said so.
public struct SeriesDetection: Hashable, Sendable, Codable {
    /// Position in the series (for a rate test: the first point of the recent window).
    public var index: Int
    public var at: Date
    public var value: Double
    public var expected: Double
    /// Signed: negative below expected. Robust or EWMA z-score, ESD statistic, or the rate test's z.
    public var score: Double
    /// `seasonal baseline`, `EWMA`, `generalized ESD` or `two-proportion test`.
    public var detector: String

    public init(index: Int, at: Date, value: Double, expected: Double, score: Double, detector: String) {
        self.index = index
        self.at = at
        self.value = value
        self.expected = expected
        self.score = score
        self.detector = detector
    }

    /// (value − expected) ÷ expected × 100; nil when expected is 0.
    public var changePercent: Double? { expected == 0 ? nil : (value - expected) / abs(expected) * 100 }
}

/// A detector that could not judge a series, and why (a too-short, constant, gappy or non-finite series, or a
/// sample too small for a rate test).
public struct SeriesProblem: Hashable, Sendable {
    public var detector: String
    public var error: SeriesError

    public init(detector: String, error: SeriesError) {
        self.detector = detector
        self.error = error
    }

    /// "seasonal baseline: point 12 (2026-10-02) has no value …".
    public var description: String { "\(detector): \(error.message)" }
}
