import Foundation
import Testing

@testable import PulseCore

/// `AnomalyCheck` on hand-made series: bad series make the check false with a reason, never a crash.
@Suite struct AnomalyCheckTests {
    static func series(_ values: [Double?], kind: SeriesKind = .value, successes: [Int] = [], trials: [Int] = [])
        -> MetricSeries
    {
        MetricSeries(
            name: "test", entity: EntityRef(.account, "a1"), bucket: .day, kind: kind,
            starts: values.indices.map { SeriesFixture.day(Double($0 - values.count)) }, values: values,
            successes: successes, trials: trials)
    }

    static let check = AnomalyCheck(windowPoints: 1, period: 7, minimumBaselinePoints: 14)

    static func noisy(_ count: Int) -> [Double?] {
        var rng = SplitMix64(seed: 11)
        return (0..<count).map { _ in 20 + 6 * rng.unit() }
    }

    @Test func aConstantBaselineIsFalseAndSaysThereIsNoVariation() {
        let result = Self.check.evaluate(Self.series(Array(repeating: 5, count: 30) + [50]))
        #expect(!result.holds)
        #expect(result.problems.map(\.error.code) == [.constant])
        #expect(result.latest == 50)
    }

    @Test func nanAndInfiniteValuesAreNamedByPositionAndDate() {
        var values = Self.noisy(30)
        values[3] = .nan
        let result = Self.check.evaluate(Self.series(values))
        #expect(!result.holds)
        #expect(result.problems.map(\.error.code) == [.notFinite])
        #expect(result.problems[0].description.contains("point 3 (2025-05-22) is nan"))
        values[3] = .infinity
        #expect(Self.check.evaluate(Self.series(values)).problems.map(\.error.code) == [.notFinite])
    }

    @Test func aSeriesTooShortForItsBaselineOrItsWindowIsFalse() {
        #expect(Self.check.evaluate(Self.series(Self.noisy(6))).problems.map(\.error.code) == [.tooShort])
        #expect(Self.check.evaluate(Self.series([3])).problems.map(\.error.code) == [.tooShort])
        #expect(Self.check.evaluate(Self.series([])).problems.map(\.error.code) == [.tooShort])
    }

    @Test func gapsStopTheSeasonalBaselineButTheEWMAStillJudgesTheLatestPoint() {
        var values = Self.noisy(40)
        values[10] = nil
        values[25] = nil
        values[39] = 90
        let result = Self.check.evaluate(Self.series(values))
        #expect(result.holds)
        #expect(result.detection?.detector == "EWMA")
        #expect(result.problems.map(\.detector) == ["seasonal baseline"])
        #expect(result.problems.first?.error.code == .gap)
    }

    @Test func withoutGapsBothDetectorsRunAndTheStrongestDetectionIsReported() {
        var values = Self.noisy(40)
        values[39] = 90
        let result = Self.check.evaluate(Self.series(values))
        #expect(result.holds && result.problems.isEmpty)
        #expect(result.detection?.index == 39 && result.detection?.value == 90)
    }

    @Test func datesThatDoNotMatchTheValuesAreRefusedByTheCheckAndTheInspection() {
        var series = Self.series(Self.noisy(30))
        series.starts.removeLast(3)
        let result = Self.check.evaluate(series)
        #expect(!result.holds && result.problems.map(\.error.code) == [.badParameter])
        #expect(result.problems.first?.description == "series: 27 dates were given for 30 values; give one per value")
        let inspection = SeriesInspection(series)
        #expect(inspection.detections.isEmpty && inspection.problems.map(\.error.code) == [.badParameter])
    }

    @Test func theInspectionRunsEveryValueDetectorOverTheWholeSeries() {
        var values = Self.noisy(60)
        values[20] = 80
        values[59] = 2
        let inspection = SeriesInspection(Self.series(values), sensitivity: .medium, direction: .both)
        #expect(inspection.problems.isEmpty)
        let found = Set(inspection.detections.map { "\($0.index) \($0.detector)" })
        #expect(found.contains("20 seasonal baseline") && found.contains("20 generalized ESD"))
        #expect(found.contains("59 EWMA") && found.contains("59 seasonal baseline"))
        #expect(inspection.detections.map(\.index) == inspection.detections.map(\.index).sorted())
        let spikes = SeriesInspection(Self.series(values), direction: .spike)
        #expect(spikes.detections.allSatisfy { $0.score > 0 } && !spikes.detections.isEmpty)
    }

    @Test func aRateInspectionTestsEachPointAgainstTheRestAndTheWindowAgainstTheBaseline() throws {
        let trials = [20, 20, 20, 20, 3, 20, 20, 20]
        let successes = [8, 9, 7, 8, 3, 8, 8, 19]
        let values = zip(successes, trials).map { Optional(Double($0) / Double($1)) }
        let inspection = SeriesInspection(
            Self.series(values, kind: .rate, successes: successes, trials: trials), windowPoints: 1)
        // The last point (19 of 20) stands out; 3 of 3 is too small a sample to be tested at all.
        #expect(inspection.detections.map(\.index) == [7])
        #expect(inspection.detections.first?.detector == "two-proportion test")
        let rate = try #require(inspection.rate)
        #expect(rate.recentTrials == 20 && rate.baselineTrials == 123 && rate.pValue < 0.01)
    }

    @Test func aRateSeriesWithMoreSuccessesThanTrialsIsRefusedNotCrashed() {
        let rate = AnomalyCheck(windowPoints: 1, minimumTrials: 1)
        let result = rate.evaluate(
            Self.series([0.5, 2], kind: .rate, successes: [5, 20], trials: [10, 10]))
        #expect(!result.holds)
        #expect(result.problems.map(\.error.code) == [.badParameter])
        let missing = rate.evaluate(Self.series([0.5, 0.5], kind: .rate))
        #expect(missing.problems.map(\.error.code) == [.badParameter])
    }
}
