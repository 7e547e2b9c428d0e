/// Ranking and calibration measures for binary predictions (scores and labels in the same order).
public enum BinaryMetrics {
    /// Area under the ROC curve (ties count half): the chance a random positive scores above a random negative.
    /// NaN when either class is absent (undefined).
    public static func rocAUC(_ scores: [Double], _ labels: [Bool]) -> Double {
        let n = min(scores.count, labels.count)
        let positives = labels.prefix(n).count { $0 }
        let negatives = n - positives
        guard positives > 0, negatives > 0 else { return .nan }
        let order = (0..<n).sorted { scores[$0] < scores[$1] }
        // Sum of the (average) ranks of the positives.
        var rankSum = 0.0
        var i = 0
        while i < n {
            var j = i
            while j + 1 < n, scores[order[j + 1]] == scores[order[i]] { j += 1 }
            let averageRank = Double(i + j + 2) / 2
            for k in i...j where labels[order[k]] { rankSum += averageRank }
            i = j + 1
        }
        let p = Double(positives)
        return (rankSum - p * (p + 1) / 2) / (p * Double(negatives))
    }

    /// Average precision (area under the precision–recall curve, step-wise as scikit-learn's
    /// `average_precision_score`: Σ (Rₖ − Rₖ₋₁) Pₖ over distinct score thresholds, high to low). NaN without
    /// positives.
    public static func prAUC(_ scores: [Double], _ labels: [Bool]) -> Double {
        let n = min(scores.count, labels.count)
        let positives = labels.prefix(n).count { $0 }
        guard positives > 0 else { return .nan }
        let order = (0..<n).sorted { scores[$0] > scores[$1] }
        var truePositives = 0
        var flagged = 0
        var previousRecall = 0.0
        var total = 0.0
        var i = 0
        while i < n {
            var j = i
            while j + 1 < n, scores[order[j + 1]] == scores[order[i]] { j += 1 }
            for k in i...j where labels[order[k]] { truePositives += 1 }
            flagged += j - i + 1
            let recall = Double(truePositives) / Double(positives)
            let precision = Double(truePositives) / Double(flagged)
            total += (recall - previousRecall) * precision
            previousRecall = recall
            i = j + 1
        }
        return total
    }

    /// Precision and recall of "score ≥ threshold" (precision 0 when nothing is flagged, recall 0 without
    /// positives).
    public static func precisionRecall(_ scores: [Double], _ labels: [Bool], threshold: Double) -> (
        precision: Double, recall: Double
    ) {
        var flagged = 0
        var hits = 0
        var positives = 0
        for (score, label) in zip(scores, labels) {
            if label { positives += 1 }
            if score >= threshold {
                flagged += 1
                if label { hits += 1 }
            }
        }
        return (
            flagged > 0 ? Double(hits) / Double(flagged) : 0, positives > 0 ? Double(hits) / Double(positives) : 0
        )
    }

    /// The threshold among the scores with the best F1 of "score ≥ threshold" (the highest such score on ties);
    /// 0.5 when there are no positives.
    public static func bestF1Threshold(_ scores: [Double], _ labels: [Bool]) -> Double {
        let n = min(scores.count, labels.count)
        let positives = labels.prefix(n).count { $0 }
        guard positives > 0 else { return 0.5 }
        let order = (0..<n).sorted { scores[$0] > scores[$1] }
        var best = (f1: -1.0, threshold: 0.5)
        var hits = 0
        var i = 0
        while i < n {
            var j = i
            while j + 1 < n, scores[order[j + 1]] == scores[order[i]] { j += 1 }
            for k in i...j where labels[order[k]] { hits += 1 }
            let f1 = 2 * Double(hits) / Double(j + 1 + positives)
            if f1 > best.f1 { best = (f1, scores[order[i]]) }
            i = j + 1
        }
        return best.threshold
    }

    /// Equal-width probability bins over [0, 1] with predicted mean and observed rate (empty bins left out; 1.0
    /// falls in the last bin).
    public static func calibration(_ probabilities: [Double], _ labels: [Bool], bins: Int = 10) -> [CalibrationBin] {
        let bins = max(1, bins)
        var count = [Int](repeating: 0, count: bins)
        var predicted = [Double](repeating: 0, count: bins)
        var observed = [Int](repeating: 0, count: bins)
        for (p, label) in zip(probabilities, labels) where p.isFinite {
            let b = min(bins - 1, max(0, Int(p * Double(bins))))
            count[b] += 1
            predicted[b] += p
            if label { observed[b] += 1 }
        }
        return (0..<bins).filter { count[$0] > 0 }.map { b in
            CalibrationBin(
                lower: Double(b) / Double(bins), upper: Double(b + 1) / Double(bins), count: count[b],
                meanPredicted: predicted[b] / Double(count[b]), observedRate: Double(observed[b]) / Double(count[b]))
        }
    }

    /// All of the above at `threshold`.
    public static func evaluate(_ probabilities: [Double], _ labels: [Bool], threshold: Double) -> ModelEvaluation {
        let (precision, recall) = precisionRecall(probabilities, labels, threshold: threshold)
        return ModelEvaluation(
            rows: min(probabilities.count, labels.count), positives: labels.count { $0 },
            rocAUC: rocAUC(probabilities, labels), prAUC: prAUC(probabilities, labels), threshold: threshold,
            precision: precision, recall: recall, calibration: calibration(probabilities, labels))
    }
}
