import ArgumentParser
import Foundation
import PulseCore
import PulseStore

/// `pulse model evaluate churn|win`: trains on the earliest 70 % of the history and scores the rest, as the model
/// would have been used.
struct ModelEvaluateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Evaluate the churn or win model on a time split of the store's history (nothing is saved).",
        discussion: "Rows at the earliest 70 % of churn cutoffs (or deal close dates) train; the later rows are "
            + "scored. Prints ROC AUC, PR AUC, precision and recall at the alert threshold, a calibration table "
            + "and, for churn, the median lead time from the first alert to the churn."
    )

    @Argument(help: "churn or win") var kind: ModelKind
    @OptionGroup var options: ModelOptions
    @Flag(help: "Print JSON instead of text.") var json = false

    func run() async throws {
        let store = try options.store.openStore()
        let result = try await Self.evaluate(
            kind, store: store, tenant: Tenant.ID(options.tenant), horizonDays: options.horizon,
            options: options.trainingOptions, now: Date())
        if json {
            print(try Self.json(result))
        } else {
            for line in result.lines() { print(line) }
        }
    }

    /// The `--json` report: the result with ISO-8601 dates, sorted keys.
    static func json(_ result: ModelTimeSplitResult) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return String(decoding: try encoder.encode(result), as: UTF8.self)
    }

    /// The time-split evaluation of `kind` on the store's data.
    static func evaluate(
        _ kind: ModelKind, store: SQLiteStore, tenant: Tenant.ID, horizonDays: Int, options: ModelTrainingOptions,
        now: Date
    ) async throws -> ModelTimeSplitResult {
        let examples = try await ModelExamples.load(
            kind, store: store, tenant: tenant, horizonDays: horizonDays, now: now)
        return try ModelTimeSplitResult.evaluate(examples, options: options, now: now)
    }
}

/// A time-split evaluation: the split dates and sizes and the `ModelEvaluation` of the later part.
struct ModelTimeSplitResult: Encodable {
    var model: String
    var algorithm: String
    var trainRows: Int
    var trainPositives: Int
    var trainUntil: Date?
    var evaluateFrom: Date?
    var evaluation: ModelEvaluation

    /// Trains on the earlier part (`ModelTrainer`, which picks the threshold on its own holdout) and scores the
    /// later part at that threshold.
    static func evaluate(_ examples: ModelExamples, options: ModelTrainingOptions, now: Date) throws
        -> ModelTimeSplitResult
    {
        let split = examples.timeSplit()
        let train = examples.data.subset(split.train)
        let test = examples.data.subset(split.test)
        try train.checkTrainable("earlier 70 % of the history (training part)")
        try test.checkTrainable("later 30 % of the history (evaluation part)")
        let model = try ModelTrainer.train(name: examples.kind.rawValue, data: train, options: options, now: now)
        let probabilities = test.rows.map(model.probability)
        var evaluation = BinaryMetrics.evaluate(probabilities, test.labels, threshold: model.threshold)
        if let churn = examples.churn {
            evaluation.medianLeadDays = churn.medianLeadDays(
                rows: split.test, probabilities: probabilities, threshold: model.threshold)
        }
        return ModelTimeSplitResult(
            model: examples.kind.rawValue, algorithm: model.algorithm.rawValue, trainRows: train.count,
            trainPositives: train.positives, trainUntil: split.train.map { examples.dates[$0] }.max(),
            evaluateFrom: split.test.map { examples.dates[$0] }.min(), evaluation: evaluation)
    }

    /// The text report.
    func lines() -> [String] {
        let e = evaluation
        let f = ModelTrainCommand.fixed
        let p = ModelTrainCommand.percent
        let day = { (d: Date?) in
            d.map { ISO8601DateFormatter.string(from: $0, timeZone: .gmt, formatOptions: .withFullDate) } ?? "—"
        }
        var lines = [
            "\(model) model (\(algorithm)), time split: trained on \(trainRows) rows (\(trainPositives) positive) "
                + "up to \(day(trainUntil)), evaluated on \(e.rows) rows (\(e.positives) positive) from "
                + "\(day(evaluateFrom))",
            "ROC AUC \(f(e.rocAUC))   PR AUC \(f(e.prAUC))   base rate \(p(Double(e.positives) / Double(max(1, e.rows))))",
            "At the alert threshold \(f(e.threshold)): precision \(p(e.precision)), recall \(p(e.recall))",
        ]
        if model == ModelKind.churn.rawValue {
            lines.append(
                "Median lead time: "
                    + (e.medianLeadDays.map { String(format: "%.1f days", $0) } ?? "— (no churn flagged in time)"))
        }
        lines.append("Calibration:")
        var table = DemoTextTable([
            ("predicted", .left), ("mean predicted", .right), ("observed", .right), ("rows", .right),
        ])
        for bin in e.calibration {
            table.add([
                String(format: "%.1f–%.1f", bin.lower, bin.upper), p(bin.meanPredicted), p(bin.observedRate),
                "\(bin.count)",
            ])
        }
        lines += table.render(indent: 2)
        return lines
    }
}
