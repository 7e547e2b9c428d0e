import Foundation

/// The check behind the `anomaly` condition. Value series: the robust seasonal baseline over the whole series and
/// an EWMA over the seasonally adjusted values; the check holds when either flags a point of the recent window in
/// the asked direction. Rate series: the two-proportion test of the recent window against the baseline, with the
/// minimum-sample guard. A series a detector cannot judge leaves that detector out and is listed in `problems`.
public struct AnomalyCheck: Hashable, Sendable {
    public var direction: AnomalyDirection
    public var sensitivity: AnomalySensitivity
    /// Points in the recent window (the rest of the series is the baseline).
    public var windowPoints: Int
    /// Season length of the series (7 for daily points).
    public var period: Int
    /// Rate series: fewest trials in each of the window and the baseline.
    public var minimumTrials: Int
    /// Value series: fewest baseline points with a value.
    public var minimumBaselinePoints: Int

    public init(
        direction: AnomalyDirection = .both, sensitivity: AnomalySensitivity = .medium, windowPoints: Int = 1,
        period: Int = 7, minimumTrials: Int = 10, minimumBaselinePoints: Int = 14
    ) {
        self.direction = direction
        self.sensitivity = sensitivity
        self.windowPoints = max(1, windowPoints)
        self.period = max(1, period)
        self.minimumTrials = minimumTrials
        self.minimumBaselinePoints = max(2, minimumBaselinePoints)
    }

    /// The check a rule condition asks for on a series of `definition`.
    public init(_ condition: AnomalyCondition, definition: MetricSeriesDefinition) {
        let window = condition.window ?? definition.defaultWindow
        self.init(
            direction: condition.direction, sensitivity: condition.sensitivity,
            windowPoints: Int(window.seconds / definition.conditionBucket.seconds), period: definition.bucket.period,
            minimumTrials: condition.minimumTrials, minimumBaselinePoints: definition.minimumBaselinePoints)
    }

    /// Points a rule's series needs: baseline then window, in whole buckets.
    public static func points(_ condition: AnomalyCondition, definition: MetricSeriesDefinition) -> Int {
        let window = condition.window ?? definition.defaultWindow
        let baseline = condition.baseline ?? definition.defaultBaseline
        return Int((window.seconds + baseline.seconds) / definition.conditionBucket.seconds)
    }

    public func evaluate(_ series: MetricSeries) -> AnomalyCheckResult {
        let latest = series.values.last ?? nil
        if let error = Self.shapeError(series) {
            return AnomalyCheckResult(holds: false, problems: [.init(detector: "series", error: error)], latest: latest)
        }
        guard series.count > windowPoints else {
            let error = SeriesError(
                .tooShort,
                "the series has \(series.count) points; a \(windowPoints)-point window needs a baseline before it")
            return AnomalyCheckResult(holds: false, problems: [.init(detector: "series", error: error)], latest: latest)
        }
        var result = series.kind == .rate ? rateCheck(series) : valueCheck(series)
        result.latest = latest
        return result
    }

    /// A series whose dates do not match its values one to one.
    static func shapeError(_ series: MetricSeries) -> SeriesError? {
        guard series.starts.count != series.values.count else { return nil }
        return SeriesError(
            .badParameter,
            "\(series.starts.count) dates were given for \(series.values.count) values; give one per value")
    }

    private func rateCheck(_ series: MetricSeries) -> AnomalyCheckResult {
        let split = series.count - windowPoints
        guard series.successes.count == series.count, series.trials.count == series.count else {
            let error = SeriesError(
                .badParameter,
                "a rate series needs successes and trials for each of its \(series.count) points, got "
                    + "\(series.successes.count) and \(series.trials.count)")
            return AnomalyCheckResult(holds: false, problems: [.init(detector: "two-proportion test", error: error)])
        }
        let recentSuccesses = series.successes[split...].reduce(0, +)
        let recentTrials = series.trials[split...].reduce(0, +)
        do throws(SeriesError) {
            let comparison = try RateChangeTest.compare(
                recentSuccesses: recentSuccesses, recentTrials: recentTrials,
                baselineSuccesses: series.successes[..<split].reduce(0, +),
                baselineTrials: series.trials[..<split].reduce(0, +), minimumTrials: minimumTrials)
            let detection = SeriesDetection(
                index: split, at: series.starts[split], value: comparison.recentRate,
                expected: comparison.baselineRate, score: comparison.z, detector: "two-proportion test")
            return AnomalyCheckResult(
                holds: comparison.isSignificant(sensitivity, direction: direction), detection: detection,
                rate: comparison, recentSuccesses: recentSuccesses)
        } catch {
            return AnomalyCheckResult(
                holds: false, recentSuccesses: recentSuccesses,
                problems: [.init(detector: "two-proportion test", error: error)])
        }
    }

    private func valueCheck(_ series: MetricSeries) -> AnomalyCheckResult {
        let split = series.count - windowPoints
        let values = series.values
        if let bad = values.firstIndex(where: { $0.map { !$0.isFinite } ?? false }) {
            let error = SeriesError(
                .notFinite, "point \(bad) (\(series.day(bad))) is \(values[bad]!), not a finite number")
            return AnomalyCheckResult(holds: false, problems: [.init(detector: "series", error: error)])
        }
        let baseline = values[..<split].compactMap { $0 }
        guard baseline.count >= minimumBaselinePoints else {
            let error = SeriesError(
                .tooShort,
                "the baseline has \(baseline.count) points with a value; at least \(minimumBaselinePoints) are needed")
            return AnomalyCheckResult(holds: false, problems: [.init(detector: "series", error: error)])
        }
        guard baseline.contains(where: { $0 != baseline[0] }) else {
            let error = SeriesError(
                .constant, "every baseline point is \(baseline[0]); there is no variation to judge a change against")
            return AnomalyCheckResult(holds: false, problems: [.init(detector: "series", error: error)])
        }
        var problems: [SeriesProblem] = []
        var found: [SeriesDetection] = []
        do throws(SeriesError) {
            found += try seasonalDetections(series).filter { $0.index >= split }
        } catch {
            problems.append(.init(detector: "seasonal baseline", error: error))
        }
        do throws(SeriesError) {
            found += try ewmaDetections(series, baselineEnd: split).filter { $0.index >= split }
        } catch {
            problems.append(.init(detector: "EWMA", error: error))
        }
        let best = found.max { abs($0.score) < abs($1.score) }
        return AnomalyCheckResult(holds: best != nil, detection: best, problems: problems)
    }

    /// The robust seasonal baseline over the whole series; a missing point is a gap it cannot bridge.
    func seasonalDetections(_ series: MetricSeries) throws(SeriesError) -> [SeriesDetection] {
        if let gap = series.firstMissing {
            throw SeriesError(
                .gap,
                "point \(gap) (\(series.day(gap))) has no value and the seasonal baseline needs every "
                    + "\(series.bucket.rawValue) measured; the EWMA skips such points")
        }
        let values = series.values.map { $0! }
        let detector = SeasonalBaselineDetector(
            period: values.count >= 2 * period ? period : 1, sensitivity: sensitivity, direction: direction)
        return try detector.detect(values, dates: series.starts, step: TimeInterval(series.bucket.seconds)).map {
            SeriesDetection(
                index: $0.index, at: series.starts[$0.index], value: $0.value, expected: $0.expected, score: $0.score,
                detector: "seasonal baseline")
        }
    }

    /// An EWMA, warmed up on the baseline, over the values minus their season-slot offsets (so weekends are not
    /// drops); missing points are skipped.
    func ewmaDetections(_ series: MetricSeries, baselineEnd: Int) throws(SeriesError) -> [SeriesDetection] {
        let offsets = Self.seasonalOffsets(Array(series.values[..<baselineEnd]), period: period)
        let present = series.values[..<baselineEnd].count { $0 != nil }
        var ewma = try EWMADetector(
            alpha: 0.1, warmUp: max(2, min(14, present / 2)), sensitivity: sensitivity, direction: direction)
        var found: [SeriesDetection] = []
        for (index, value) in series.values.enumerated() {
            guard let value else { continue }
            let offset = offsets[index % offsets.count]
            guard let anomaly = try ewma.observe(value - offset, at: series.starts[index]) else { continue }
            found.append(
                SeriesDetection(
                    index: index, at: series.starts[index], value: value, expected: anomaly.expected + offset,
                    score: anomaly.score, detector: "EWMA"))
        }
        return found
    }

    /// Median of each season slot minus the overall median, from the points with a value; zeros when there is
    /// no season or fewer than two seasons of points.
    static func seasonalOffsets(_ values: [Double?], period: Int) -> [Double] {
        let present = values.compactMap { $0 }
        guard period > 1, values.count >= 2 * period, !present.isEmpty else { return [0] }
        let overall = RobustStatistics.median(present)
        return (0..<period).map { slot in
            let members = stride(from: slot, to: values.count, by: period).compactMap { values[$0] }
            return members.isEmpty ? 0 : RobustStatistics.median(members) - overall
        }
    }
}
