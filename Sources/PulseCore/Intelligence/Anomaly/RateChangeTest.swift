import Foundation

/// A rate in one period against a baseline rate (win rate this week vs the quarter), with the two-proportion
/// z-test's p-value: how likely a difference this large is by chance alone.
public struct RateComparison: Hashable, Sendable, Codable {
    public var recentRate: Double
    public var baselineRate: Double
    public var recentTrials: Int
    public var baselineTrials: Int
    public var z: Double
    /// Two-sided p-value.
    public var pValue: Double

    /// Relative change of the recent rate against the baseline (0.21 = ↑ 21 %); nil when the baseline is 0.
    public var relativeChange: Double? { baselineRate == 0 ? nil : recentRate / baselineRate - 1 }

    /// Whether the change is significant at the sensitivity's level and goes the asked way.
    public func isSignificant(_ sensitivity: AnomalySensitivity, direction: AnomalyDirection = .both) -> Bool {
        pValue < sensitivity.alpha && direction.admits(z)
    }
}

/// The two-proportion z-test with a sample-size guard: no win-rate alert on 3 deals.
public enum RateChangeTest {
    /// Compares `recentSuccesses / recentTrials` with `baselineSuccesses / baselineTrials`; both periods need at
    /// least `minimumTrials` trials.
    public static func compare(
        recentSuccesses: Int, recentTrials: Int, baselineSuccesses: Int, baselineTrials: Int, minimumTrials: Int = 10
    ) throws(SeriesError) -> RateComparison {
        for (name, successes, trials) in [
            ("recent", recentSuccesses, recentTrials), ("baseline", baselineSuccesses, baselineTrials),
        ] {
            guard successes >= 0, successes <= trials else {
                throw SeriesError(
                    .badParameter, "\(name): \(successes) successes out of \(trials) trials is not a rate")
            }
            guard trials >= minimumTrials else {
                throw SeriesError(
                    .sampleTooSmall,
                    "\(name) period has \(trials) trials; at least \(minimumTrials) are needed before a rate "
                        + "change means anything")
            }
        }
        let recent = Double(recentSuccesses) / Double(recentTrials)
        let baseline = Double(baselineSuccesses) / Double(baselineTrials)
        let pooled = Double(recentSuccesses + baselineSuccesses) / Double(recentTrials + baselineTrials)
        let spread = (pooled * (1 - pooled) * (1 / Double(recentTrials) + 1 / Double(baselineTrials))).squareRoot()
        let z = spread == 0 ? 0 : (recent - baseline) / spread
        return RateComparison(
            recentRate: recent, baselineRate: baseline, recentTrials: recentTrials, baselineTrials: baselineTrials,
            z: z, pValue: erfc(abs(z) / 2.0.squareRoot()))
    }
}
