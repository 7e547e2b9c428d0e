import Foundation

/// Batch detection against a robust seasonal baseline: a median per season slot (day of week for daily points),
/// a rolling median for the level (so a trend is not an anomaly), and robust z-scores of what is left
/// (residual ÷ 1.4826·MAD). Medians keep the baseline from bending towards the anomalies it is looking for.
public struct SeasonalBaselineDetector: Hashable, Sendable {
    /// Points per season: 7 for daily points with a weekly rhythm, 24 for hourly points, 1 for none.
    public var period: Int
    public var sensitivity: AnomalySensitivity
    public var direction: AnomalyDirection

    public init(period: Int = 7, sensitivity: AnomalySensitivity = .medium, direction: AnomalyDirection = .both) {
        self.period = period
        self.sensitivity = sensitivity
        self.direction = direction
    }

    /// Fewest points accepted: two full seasons, and at least 8.
    public var minimumPoints: Int { max(8, 2 * period) }

    /// The expected value of every point (seasonal median + rolling level).
    public func baseline(_ values: [Double]) throws(SeriesError) -> [Double] {
        guard period >= 1 else {
            throw SeriesError(.badParameter, "the season period must be 1 or more, got \(period)")
        }
        try SeriesCheck.finite(values, minimum: minimumPoints, what: "seasonal baseline (period \(period))")
        let overall = RobustStatistics.median(values)
        var seasonal = [Double](repeating: 0, count: period)
        if period > 1 {
            for slot in 0..<period {
                let members = stride(from: slot, to: values.count, by: period).map { values[$0] }
                seasonal[slot] = RobustStatistics.median(members) - overall
            }
        }
        let deseasonalised = values.indices.map { values[$0] - seasonal[$0 % period] }
        let half = max(3, period)
        return values.indices.map { index in
            let window = deseasonalised[max(0, index - half)...min(values.count - 1, index + half)]
            return RobustStatistics.median(Array(window)) + seasonal[index % period]
        }
    }

    /// The anomalous points, oldest first. `dates`, when given, must be evenly spaced `step` seconds apart.
    public func detect(_ values: [Double], dates: [Date]? = nil, step: TimeInterval = 86_400) throws(SeriesError)
        -> [Anomaly]
    {
        if let dates {
            guard dates.count == values.count else {
                throw SeriesError(
                    .badParameter, "\(dates.count) dates were given for \(values.count) values; give one per value")
            }
            try SeriesCheck.regular(dates, step: step, what: "seasonal baseline")
        }
        let expected = try baseline(values)
        let residuals = values.indices.map { values[$0] - expected[$0] }
        var scale = RobustStatistics.scaledMAD(residuals)
        if scale == 0 {
            // More than half the residuals are exactly zero: fall back to the mean absolute residual.
            scale = 1.2533 * residuals.map(abs).reduce(0, +) / Double(residuals.count)
        }
        guard scale > 0 else {
            throw SeriesError(
                .constant, "the series follows its baseline exactly (constant or perfectly periodic); nothing to score")
        }
        return values.indices.compactMap { index in
            let score = residuals[index] / scale
            guard abs(score) >= sensitivity.zThreshold, direction.admits(score) else { return nil }
            return Anomaly(
                index: index, at: dates?[index], value: values[index], expected: expected[index], score: score)
        }
    }
}
