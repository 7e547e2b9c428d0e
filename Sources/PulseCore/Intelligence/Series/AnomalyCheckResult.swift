import Foundation

/// What an `AnomalyCheck` found on a series: whether the condition holds, the strongest detection in the recent
/// window, the rate comparison for rate series, and every detector that could not judge the series and why.
public struct AnomalyCheckResult: Hashable, Sendable {
    public var holds: Bool
    /// The detection with the largest |score| in the recent window (for rates: the test, significant or not).
    public var detection: SeriesDetection?
    /// Rate series: the recent window against the baseline.
    public var rate: RateComparison?
    /// Rate series: successes in the recent window.
    public var recentSuccesses: Int?
    public var problems: [SeriesProblem]
    /// The latest point's value (nil when missing).
    public var latest: Double?

    public init(
        holds: Bool, detection: SeriesDetection? = nil, rate: RateComparison? = nil, recentSuccesses: Int? = nil,
        problems: [SeriesProblem] = [], latest: Double? = nil
    ) {
        self.holds = holds
        self.detection = detection
        self.rate = rate
        self.recentSuccesses = recentSuccesses
        self.problems = problems
        self.latest = latest
    }
}
