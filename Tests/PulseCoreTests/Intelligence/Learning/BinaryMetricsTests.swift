import Foundation
import Testing

@testable import PulseCore

@Suite struct BinaryMetricsTests {
    static let scores = [0.9, 0.8, 0.8, 0.7, 0.6, 0.6, 0.6, 0.5, 0.4, 0.3, 0.3, 0.2, 0.1]
    static let labels = [1, 1, 0, 1, 0, 1, 0, 0, 1, 0, 0, 0, 0].map { $0 == 1 }

    /// Expected values from scikit-learn 1.9.1 `roc_auc_score` and `average_precision_score` on the same arrays.
    @Test func aucAndAveragePrecisionEqualScikitLearnWithTiedScores() {
        #expect(abs(BinaryMetrics.rocAUC(Self.scores, Self.labels) - 0.8125) < 1e-12)
        #expect(abs(BinaryMetrics.prAUC(Self.scores, Self.labels) - 0.7087301587301587) < 1e-12)
    }

    @Test func aucIsOneHalfForConstantScoresAndUndefinedForOneClass() {
        #expect(BinaryMetrics.rocAUC([0.3, 0.3, 0.3], [true, false, true]) == 0.5)
        #expect(BinaryMetrics.rocAUC([0.1, 0.2], [true, true]).isNaN)
        #expect(BinaryMetrics.prAUC([0.1, 0.2], [false, false]).isNaN)
    }

    @Test func precisionAndRecallCountScoresAtOrAboveTheThreshold() {
        let (precision, recall) = BinaryMetrics.precisionRecall(Self.scores, Self.labels, threshold: 0.6)
        // Seven flagged (≥ 0.6), four of them positive; five positives in all.
        #expect(abs(precision - 4.0 / 7) < 1e-12)
        #expect(abs(recall - 4.0 / 5) < 1e-12)
        #expect(BinaryMetrics.precisionRecall(Self.scores, Self.labels, threshold: 2) == (0, 0))
    }

    @Test func theBestF1ThresholdIsOneOfTheScores() {
        // F1 = 2·hits / (flagged + positives): ≥0.9 2/6, ≥0.8 4/8, ≥0.7 6/9, ≥0.6 8/12, ≥0.5 8/13, ≥0.4 10/14,
        // ≥0.3 10/16 …: 0.4 is best.
        #expect(BinaryMetrics.bestF1Threshold(Self.scores, Self.labels) == 0.4)
    }

    @Test func calibrationBinsReportPredictedAgainstObservedAndSkipEmptyBins() {
        let bins = BinaryMetrics.calibration(
            [0.05, 0.15, 0.12, 0.95, 1.0], [false, true, false, true, true], bins: 10)
        #expect(bins.map(\.count) == [1, 2, 2])
        #expect(bins[1].lower == 0.1 && bins[1].upper == 0.2)
        #expect(abs(bins[1].meanPredicted - 0.135) < 1e-12)
        #expect(bins[1].observedRate == 0.5)
        #expect(bins[2].observedRate == 1)
    }

    @Test func evaluateGathersEveryMeasure() {
        let evaluation = BinaryMetrics.evaluate(Self.scores, Self.labels, threshold: 0.6)
        #expect(evaluation.rows == 13)
        #expect(evaluation.positives == 5)
        #expect(evaluation.threshold == 0.6)
        #expect(abs(evaluation.rocAUC - 0.8125) < 1e-12)
        #expect(evaluation.calibration.map(\.count).reduce(0, +) == 13)
    }
}
