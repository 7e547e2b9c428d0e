import Foundation

/// Which learner a trained model holds.
public enum ModelAlgorithm: String, Codable, Hashable, Sendable, CaseIterable {
    case gradientBoosting = "gbdt"
    case logisticRegression = "logistic"
}

/// A trained, calibrated binary model with its feature schema: what is saved (versioned JSON) in the store and
/// what rules read `churn_probability` / `win_probability` from.
public struct TrainedModel: Codable, Hashable, Sendable {
    /// The JSON layout version this code writes and reads.
    public static let currentFormat = 1

    public var format: Int
    /// "churn" or "win".
    public var name: String
    public var algorithm: ModelAlgorithm
    public var features: [FeatureDescriptor]
    public var trainedAt: Date
    public var trainingRows: Int
    public var gradientBoosting: GradientBoostedTrees?
    public var logistic: LogisticRegression?
    public var calibrator: Calibrator
    /// Probability at or above which an alert fires (chosen at training time).
    public var threshold: Double
    /// Held-out evaluation made at training time, if any.
    public var evaluation: ModelEvaluation?
    /// Gain importance per feature name (sums to 1 for trees; |coefficient| share for logistic regression).
    public var importance: [String: Double]

    public init(
        name: String, algorithm: ModelAlgorithm, features: [FeatureDescriptor], trainedAt: Date, trainingRows: Int,
        gradientBoosting: GradientBoostedTrees? = nil, logistic: LogisticRegression? = nil,
        calibrator: Calibrator = .sigmoid, threshold: Double = 0.5, evaluation: ModelEvaluation? = nil,
        importance: [String: Double] = [:]
    ) {
        self.format = Self.currentFormat
        self.name = name
        self.algorithm = algorithm
        self.features = features
        self.trainedAt = trainedAt
        self.trainingRows = trainingRows
        self.gradientBoosting = gradientBoosting
        self.logistic = logistic
        self.calibrator = calibrator
        self.threshold = threshold
        self.evaluation = evaluation
        self.importance = importance
    }

    /// Log-odds before calibration.
    public func rawScore(_ row: [Double]) -> Double {
        switch algorithm {
        case .gradientBoosting: gradientBoosting?.rawScore(row) ?? 0
        case .logisticRegression: logistic?.rawScore(row) ?? 0
        }
    }

    /// Calibrated probability of the outcome.
    public func probability(_ row: [Double]) -> Double {
        calibrator.probability(rawScore: rawScore(row))
    }

    /// The `top` features that pushed this prediction most toward the outcome, largest first, in plain words
    /// (features that pushed away from it are not reasons).
    public func reasons(_ row: [Double], top: Int = 3) -> [PredictionReason] {
        let shares: [Double] =
            switch algorithm {
            case .gradientBoosting: gradientBoosting?.contributions(row) ?? []
            case .logisticRegression: logistic?.contributions(row) ?? []
            }
        return shares.indices.filter { shares[$0] > 1e-9 }
            .sorted { (shares[$0], -$0) > (shares[$1], -$1) }
            .prefix(top)
            .map { i in
                PredictionReason(
                    feature: features[i].name, value: row[i], contribution: shares[i],
                    text: features[i].phrase.text(value: row[i], name: features[i].name))
            }
    }

    /// Versioned JSON (sorted keys, ISO-8601 dates).
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try encoder.encode(self)
    }

    /// Reads a stored model and refuses it unless its format is known, its learner is present and its features
    /// are exactly `features` in order (the error names the first difference).
    public static func decode(_ data: Data, expecting features: [String]) throws -> TrainedModel {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        struct Header: Decodable { var format: Int; var name: String? }
        guard let header = try? decoder.decode(Header.self, from: data) else {
            throw TrainingError(.corrupt, "stored model is not a Pulse model (no 'format' field)")
        }
        guard header.format == currentFormat else {
            throw TrainingError(
                .unsupportedVersion,
                "model '\(header.name ?? "?")' has format \(header.format); this Pulse reads format \(currentFormat)")
        }
        let model: TrainedModel
        do { model = try decoder.decode(TrainedModel.self, from: data) } catch {
            throw TrainingError(.corrupt, "model '\(header.name ?? "?")' is not valid: \(error)")
        }
        let mine = model.features.map(\.name)
        guard mine == features else {
            let missing = features.filter { !mine.contains($0) }
            let extra = mine.filter { !features.contains($0) }
            var parts: [String] = []
            if !missing.isEmpty { parts.append("missing \(missing.joined(separator: ", "))") }
            if !extra.isEmpty { parts.append("unexpected \(extra.joined(separator: ", "))") }
            if parts.isEmpty { parts.append("same features in a different order") }
            throw TrainingError(
                .featureMismatch,
                "model '\(model.name)' was trained on \(mine.count) features, Pulse computes \(features.count): "
                    + parts.joined(separator: "; ") + " — retrain it with `pulse model train \(model.name)`")
        }
        switch model.algorithm {
        case .gradientBoosting where model.gradientBoosting == nil,
            .logisticRegression where model.logistic == nil:
            throw TrainingError(.corrupt, "model '\(model.name)' says \(model.algorithm.rawValue) but holds none")
        default: break
        }
        let count = features.count
        if let trees = model.gradientBoosting {
            guard trees.gainImportance.count == count,
                trees.trees.allSatisfy({ $0.isConsistent(featureCount: count) })
            else {
                throw TrainingError(
                    .corrupt, "model '\(model.name)': its trees do not fit its \(count) features (damaged model)")
            }
        }
        if let logistic = model.logistic {
            guard logistic.coefficients.count == count, logistic.means.count == count, logistic.scales.count == count
            else {
                throw TrainingError(
                    .corrupt, "model '\(model.name)': its weights do not fit its \(count) features (damaged model)")
            }
        }
        return model
    }
}
