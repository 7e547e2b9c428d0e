import Foundation

/// Every detector run over one whole series, for `pulse anomalies`: the seasonal baseline, the EWMA and the
/// generalized ESD for value series; for rate series a two-proportion test of each point against the rest and of
/// the recent window against the baseline. Detectors that cannot judge the series are listed with the reason.
public struct SeriesInspection: Sendable {
    public var series: MetricSeries
    public var summary: SeriesSummary
    /// Oldest first; at one date, in detector order.
    public var detections: [SeriesDetection]
    public var problems: [SeriesProblem]
    /// Rate series: the last `windowPoints` points against the ones before.
    public var rate: RateComparison?

    public init(
        _ series: MetricSeries, sensitivity: AnomalySensitivity = .medium, direction: AnomalyDirection = .both,
        windowPoints: Int = 1, minimumTrials: Int = 10
    ) {
        self.series = series
        self.summary = series.summary
        let check = AnomalyCheck(
            direction: direction, sensitivity: sensitivity, windowPoints: windowPoints, period: series.bucket.period,
            minimumTrials: minimumTrials, minimumBaselinePoints: 2)
        var found: [SeriesDetection] = []
        var problems: [SeriesProblem] = []
        if let error = AnomalyCheck.shapeError(series) {
            problems.append(.init(detector: "series", error: error))
        } else if series.kind == .rate {
            let result = check.evaluate(series)
            rate = result.rate
            problems += result.problems
            found += Self.pointRateTests(series, check: check)
        } else if let bad = series.values.firstIndex(where: { $0.map { !$0.isFinite } ?? false }) {
            let error = SeriesError(
                .notFinite, "point \(bad) (\(series.day(bad))) is \(series.values[bad]!), not a finite number")
            problems.append(.init(detector: "series", error: error))
        } else {
            do throws(SeriesError) {
                found += try check.seasonalDetections(series)
            } catch {
                problems.append(.init(detector: "seasonal baseline", error: error))
            }
            do throws(SeriesError) {
                found += try check.ewmaDetections(series, baselineEnd: max(0, series.count - windowPoints))
            } catch {
                problems.append(.init(detector: "EWMA", error: error))
            }
            do throws(SeriesError) {
                found += try Self.esd(series, check: check)
            } catch {
                problems.append(.init(detector: "generalized ESD", error: error))
            }
        }
        let order = ["seasonal baseline", "EWMA", "generalized ESD", "two-proportion test"]
        detections = found.sorted {
            ($0.index, order.firstIndex(of: $0.detector) ?? 9) < ($1.index, order.firstIndex(of: $1.detector) ?? 9)
        }
        self.problems = problems
    }

    /// Generalized ESD over the points with a value (up to a tenth of them, at least one, as outliers).
    static func esd(_ series: MetricSeries, check: AnomalyCheck) throws(SeriesError) -> [SeriesDetection] {
        let present = series.values.enumerated().compactMap { item in item.element.map { (item.offset, $0) } }
        let outliers = try GeneralizedESD.outliers(
            present.map(\.1), maxOutliers: max(1, min(10, present.count / 10)), alpha: check.sensitivity.alpha,
            direction: check.direction)
        return outliers.map {
            let index = present[$0.index].0
            return SeriesDetection(
                index: index, at: series.starts[index], value: $0.value, expected: $0.expected, score: $0.score,
                detector: "generalized ESD")
        }
    }

    /// Each point with enough trials against all the other points, by the two-proportion test.
    static func pointRateTests(_ series: MetricSeries, check: AnomalyCheck) -> [SeriesDetection] {
        guard series.successes.count == series.count, series.trials.count == series.count else { return [] }
        let allSuccesses = series.successes.reduce(0, +)
        let allTrials = series.trials.reduce(0, +)
        return series.values.indices.compactMap { i in
            guard series.trials[i] >= check.minimumTrials,
                let test = try? RateChangeTest.compare(
                    recentSuccesses: series.successes[i], recentTrials: series.trials[i],
                    baselineSuccesses: allSuccesses - series.successes[i], baselineTrials: allTrials - series.trials[i],
                    minimumTrials: check.minimumTrials),
                test.isSignificant(check.sensitivity, direction: check.direction)
            else { return nil }
            return SeriesDetection(
                index: i, at: series.starts[i], value: test.recentRate, expected: test.baselineRate, score: test.z,
                detector: "two-proportion test")
        }
    }
}
