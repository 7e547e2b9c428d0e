import Foundation
import Testing

@testable import PulseCore

/// A deterministic noise source for the detector tests (same values on every machine).
private struct Noise {
    var generator = SplitMix64(seed: 7)
    /// Uniform in [-amplitude, amplitude].
    mutating func next(_ amplitude: Double) -> Double {
        (Double(generator.next() % 10_000) / 10_000 * 2 - 1) * amplitude
    }
}

@Suite struct AnomalyDetectionTests {
    /// Eight weeks of daily calls: ~40 on weekdays, ~6 at weekends, with noise, a slow upward trend, and one
    /// planted weekday collapse (day 38: 9 calls).
    static func weeklyCalls(plant: Bool = true) -> [Double] {
        var noise = Noise()
        return (0..<56).map { day in
            let weekend = day % 7 >= 5
            let value = (weekend ? 6 : 40) + Double(day) * 0.1 + noise.next(3)
            return plant && day == 38 ? 9 : value.rounded()
        }
    }

    @Test func theSeasonalBaselineFindsTheWeekdayCollapseButNotTheWeekends() throws {
        let detector = SeasonalBaselineDetector(period: 7, sensitivity: .medium, direction: .both)
        let found = try detector.detect(Self.weeklyCalls())
        #expect(found.map(\.index) == [38])
        let drop = try #require(found.first)
        #expect(drop.direction == .drop)
        #expect(drop.expected > 35 && drop.expected < 48)
        #expect(drop.score < -3.5)
        #expect(try detector.detect(Self.weeklyCalls(plant: false)).isEmpty)
        // Asking only for spikes ignores the drop.
        #expect(try SeasonalBaselineDetector(period: 7, direction: .spike).detect(Self.weeklyCalls()).isEmpty)
    }

    @Test func badSeriesAreRefusedWithASentence() {
        let detector = SeasonalBaselineDetector(period: 7)
        #expect(throws: SeriesError(.tooShort, "seasonal baseline (period 7) needs at least 14 points, got 5")) {
            try detector.detect([1, 2, 3, 4, 5])
        }
        var values = Self.weeklyCalls()
        values[3] = .nan
        let nan = #expect(throws: SeriesError.self) { try detector.detect(values) }
        #expect(nan?.code == .notFinite && nan?.message.contains("point 3") == true)
        let constant = #expect(throws: SeriesError.self) { try detector.detect(Array(repeating: 4, count: 30)) }
        #expect(constant?.code == .constant)
        let start = Date(timeIntervalSince1970: 1_790_000_000)
        var dates = (0..<56).map { start.addingTimeInterval(Double($0) * 86_400) }
        dates[20] = dates[20].addingTimeInterval(86_400)
        let gap = #expect(throws: SeriesError.self) { try detector.detect(Self.weeklyCalls(), dates: dates) }
        #expect(gap?.code == .gap && gap?.message.contains("point 20") == true)
    }

    @Test func theStreamingDetectorFlagsASpikeAndLearnsALastingShiftWithConstantState() throws {
        var detector = try EWMADetector(alpha: 0.2, warmUp: 10, sensitivity: .medium)
        var noise = Noise()
        var flagged: [Int] = []
        for index in 0..<80 {
            var value = 100 + noise.next(2)
            if index == 30 { value = 160 }
            if index >= 50 { value += 30 }
            if let anomaly = try detector.observe(value) { flagged.append(anomaly.index) }
        }
        #expect(flagged.contains(30))
        #expect(flagged.contains(50))
        #expect(!flagged.contains { $0 > 60 }, "a lasting shift becomes the new normal: \(flagged)")
        #expect(flagged.count <= 8)
        #expect(detector.count == 80)
        #expect(throws: SeriesError.self) { try detector.observe(.infinity) }
        #expect(throws: SeriesError.self) { try EWMADetector(alpha: 0) }
        // The batch form gives the same answer as feeding the points one by one.
        var replay = Noise()
        let series = (0..<40).map { $0 == 25 ? 200 : 100 + replay.next(2) }
        let batch = try EWMADetector(alpha: 0.2).detect(series)
        #expect(batch.map(\.index) == [25])
        #expect(batch.first?.direction == .spike)
    }

    @Test func aRateChangeOnEnoughDealsHasItsPValueAndThreeDealsAreNotEvidence() throws {
        // The spec's Alert 4: 13 of 19 closed deals won this week against 150 of 400 over the quarter.
        let result = try RateChangeTest.compare(
            recentSuccesses: 13, recentTrials: 19, baselineSuccesses: 150, baselineTrials: 400)
        #expect(abs(result.z - 2.701184772) < 1e-6)
        #expect(abs(result.pValue - 0.006909294) < 1e-6)
        #expect(result.isSignificant(.medium))
        #expect(!result.isSignificant(.medium, direction: .drop))
        #expect(abs((result.relativeChange ?? 0) - (13.0 / 19 / 0.375 - 1)) < 1e-9)
        let small = #expect(throws: SeriesError.self) {
            try RateChangeTest.compare(recentSuccesses: 3, recentTrials: 3, baselineSuccesses: 150, baselineTrials: 400)
        }
        #expect(small?.code == .sampleTooSmall)
        #expect(throws: SeriesError.self) {
            try RateChangeTest.compare(recentSuccesses: 12, recentTrials: 10, baselineSuccesses: 1, baselineTrials: 10)
        }
    }

    @Test(arguments: [(0.975, 10.0, 2.228138852), (0.95, 5.0, 2.015048373), (0.995, 30.0, 2.749995654)])
    func studentTQuantilesMatchTheTables(p: Double, df: Double, expected: Double) {
        #expect(abs(StudentT.quantile(p, degreesOfFreedom: df) - expected) < 1e-6)
    }

    @Test func generalizedESDFindsThePlantedOutliersAndNothingInCleanData() throws {
        var noise = Noise()
        var values = (0..<30).map { _ in 10 + noise.next(1) }
        values[7] = 25
        values[19] = -4
        let found = try GeneralizedESD.outliers(values, maxOutliers: 5, alpha: 0.05)
        #expect(Set(found.map(\.index)) == [7, 19])
        #expect(found.first?.index == 7, "most extreme first")
        let clean = (0..<30).map { _ in 10 + noise.next(1) }
        #expect(try GeneralizedESD.outliers(clean, maxOutliers: 5, alpha: 0.05).isEmpty)
        #expect(try GeneralizedESD.outliers(values, maxOutliers: 5, direction: .drop).map(\.index) == [19])
        let constant = #expect(throws: SeriesError.self) {
            try GeneralizedESD.outliers(Array(repeating: 3, count: 20), maxOutliers: 2)
        }
        #expect(constant?.code == .constant)
    }
}
