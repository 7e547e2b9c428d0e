import Foundation

/// Trains, calibrates, picks the alert threshold and evaluates a model in one call: what `pulse model train`
/// runs.
public enum ModelTrainer {
    /// Holds out a stratified `holdoutFraction` of `data`; trains the learner on the rest (gradient boosting stops
    /// early on the held-out rows); fits the calibrator on the held-out raw scores; picks the threshold with the
    /// best F1 on them unless one is fixed; and stores BinaryMetrics of the held-out rows as `evaluation`.
    /// Calibration, threshold and evaluation share the held-out rows, so the stored evaluation is optimistic:
    /// `pulse model evaluate` measures on a separate later period. With `holdoutFraction` 0 the model is trained
    /// on every row, uncalibrated, with no evaluation. Refuses empty or one-class data, a held-out part without
    /// both classes, and bad options (`TrainingError`).
    public static func train(name: String, data: LabeledDataset, options: ModelTrainingOptions, now: Date) throws
        -> TrainedModel
    {
        try data.checkTrainable()
        guard options.holdoutFraction >= 0, options.holdoutFraction < 1 else {
            throw TrainingError(
                .badParameter, "holdoutFraction is \(options.holdoutFraction); it must be in [0, 1)")
        }
        if let threshold = options.threshold, !(threshold >= 0 && threshold <= 1) {
            throw TrainingError(.badParameter, "threshold is \(threshold); it must be in [0, 1]")
        }
        let train: LabeledDataset
        let holdout: LabeledDataset?
        if options.holdoutFraction > 0 {
            let parts = data.stratifiedSplit(testFraction: options.holdoutFraction, seed: options.seed)
            try parts.test.checkTrainable(
                "held-out part (\(Int(options.holdoutFraction * 100))% of \(data.count) rows)")
            try parts.train.checkTrainable("training part")
            (train, holdout) = (parts.train, parts.test)
        } else {
            (train, holdout) = (data, nil)
        }

        var model = TrainedModel(
            name: name, algorithm: options.algorithm, features: data.features, trainedAt: now,
            trainingRows: train.count)
        switch options.algorithm {
        case .gradientBoosting:
            let trees = try GradientBoostedTrees.train(train, validation: holdout, parameters: options.boosting)
            model.gradientBoosting = trees
            model.importance = Dictionary(
                uniqueKeysWithValues: zip(data.featureNames, trees.gainImportance))
        case .logisticRegression:
            let logistic = try LogisticRegression.train(train, l2: options.l2)
            model.logistic = logistic
            let total = logistic.coefficients.reduce(0) { $0 + abs($1) }
            model.importance = Dictionary(
                uniqueKeysWithValues: zip(
                    data.featureNames, logistic.coefficients.map { total > 0 ? abs($0) / total : 0 }))
        }

        guard let holdout else {
            model.threshold = options.threshold ?? 0.5
            return model
        }
        let scores = holdout.rows.map(model.rawScore)
        var method = options.calibration
        if method == .automatic {
            method = holdout.count >= CalibrationMethod.isotonicMinimumRows ? .isotonic : .platt
        }
        switch method {
        case .none, .automatic: model.calibrator = .sigmoid
        case .platt: model.calibrator = Calibrator.fitPlatt(scores: scores, labels: holdout.labels)
        case .isotonic: model.calibrator = Calibrator.fitIsotonic(scores: scores, labels: holdout.labels)
        }
        let probabilities = scores.map { model.calibrator.probability(rawScore: $0) }
        model.threshold = options.threshold ?? BinaryMetrics.bestF1Threshold(probabilities, holdout.labels)
        model.evaluation = BinaryMetrics.evaluate(probabilities, holdout.labels, threshold: model.threshold)
        return model
    }
}
