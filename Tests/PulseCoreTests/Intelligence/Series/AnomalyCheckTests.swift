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
