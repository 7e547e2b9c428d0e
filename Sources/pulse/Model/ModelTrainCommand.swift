import ArgumentParser
import Foundation
import PulseCore
import PulseStore

/// `pulse model train churn|win`: trains on the store's history, saves the next version and prints how it did.
struct ModelTrainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train the churn or win model on the store's data and save it as the next version.",
        discussion: "Churn: one row per live account every 30 days of history, labelled by churn within --horizon "
            + "days. Win: closed deals as of before they closed. 20 % is held out (stratified) for early stopping, "
            + "calibration, the alert threshold and the AUC printed."
    )

    @Argument(help: "churn or win") var kind: ModelKind
    @OptionGroup var options: ModelOptions

    func run() async throws {
        let store = try options.store.openStore()
        let tenant = Tenant.ID(options.tenant)
        let started = ContinuousClock.now
        let trained = try await Self.train(
            kind, store: store, tenant: tenant, horizonDays: options.horizon, options: options.trainingOptions,
            now: Date())
        let seconds = DemoRunner.seconds(ContinuousClock.now - started)
        for line in Self.report(trained.model, version: trained.version, examples: trained.examples, seconds: seconds) {
            print(line)
        }
    }

    /// Builds the examples, trains, saves; returns the model, its version and the examples.
    static func train(
        _ kind: ModelKind, store: SQLiteStore, tenant: Tenant.ID, horizonDays: Int, options: ModelTrainingOptions,
        now: Date
    ) async throws -> (model: TrainedModel, version: Int, examples: ModelExamples) {
        let examples = try await ModelExamples.load(
            kind, store: store, tenant: tenant, horizonDays: horizonDays, now: now)
        let model = try ModelTrainer.train(name: kind.rawValue, data: examples.data, options: options, now: now)
        let version = try await store.saveModel(model, tenant: tenant)
        return (model, version, examples)
    }

    /// What `train` prints: rows, positives, held-out AUC, threshold and the top 10 features by importance.
    static func report(_ model: TrainedModel, version: Int, examples: ModelExamples, seconds: Double) -> [String] {
        let data = examples.data
        var lines = [
            "Trained \(model.name) model version \(version) (\(model.algorithm.rawValue)) on \(data.count) rows, "
                + "\(data.positives) positive (\(percent(Double(data.positives) / Double(max(1, data.count))))) "
                + "in \(String(format: "%.2f", seconds)) s"
        ]
        if let e = model.evaluation {
            lines.append(
                "Held out \(e.rows) rows: ROC AUC \(fixed(e.rocAUC)), PR AUC \(fixed(e.prAUC)); alert threshold "
                    + "\(fixed(model.threshold)) (precision \(percent(e.precision)), recall \(percent(e.recall)))")
        } else {
            lines.append("Alert threshold \(fixed(model.threshold))")
        }
        lines.append("Top features by importance:")
        let top = model.importance.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(10)
        var table = DemoTextTable([("#", .right), ("feature", .left), ("importance", .right)])
        for (i, entry) in top.enumerated() { table.add(["\(i + 1)", entry.key, fixed(entry.value)]) }
        lines += table.render(indent: 2)
        return lines
    }

    static func fixed(_ value: Double) -> String { String(format: "%.3f", value) }
    static func percent(_ value: Double) -> String { String(format: "%.1f%%", value * 100) }
}
