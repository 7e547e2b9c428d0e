import ArgumentParser
import Foundation
import PulseCore
import PulseStore
import Testing

@testable import pulse

/// `pulse model train|evaluate|list` on a real demo database in a temporary folder.
@Suite(.serialized) struct ModelCommandTests {
    static let now = Date(timeIntervalSince1970: 1_795_564_800)  // 2026-11-25T00:00:00Z

    /// A temporary folder removed by the returned closure.
    static func folder() throws -> (url: URL, cleanUp: () -> Void) {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("pulse-model-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return (url, { try? FileManager.default.removeItem(at: url) })
    }

    /// The default demo (200 accounts, 150 leads) written to `path`, without the alert run.
    static func demo(at path: String) async throws {
        var runner = DemoRunner(parameters: DemoParameters(now: now), databasePath: path)
        runner.raisesAlerts = false
        runner.trainsModels = false
        _ = try await runner.run()
    }

    @Test func trainListAndEvaluateTheChurnAndWinModelsOnTheDemo() async throws {
        let dir = try Self.folder()
        defer { dir.cleanUp() }
        let path = dir.url.appendingPathComponent("demo.sqlite").path
        try await Self.demo(at: path)
        let store = try SQLiteStore(path: path)

        let churn = try await ModelTrainCommand.train(
            .churn, store: store, tenant: Tenant.defaultID, horizonDays: 30, options: ModelTrainingOptions(),
            now: Self.now)
        #expect(churn.version == 1)
        #expect(churn.examples.data.positives > 5)
        #expect(churn.model.features == ChurnFeatures.descriptors)
        let report = ModelTrainCommand.report(churn.model, version: 1, examples: churn.examples, seconds: 0.5)
        #expect(report[0].hasPrefix("Trained churn model version 1 (gbdt) on \(churn.examples.data.count) rows"))
        #expect(report.contains { $0.contains("Top features by importance") })

        let again = try await ModelTrainCommand.train(
            .churn, store: store, tenant: Tenant.defaultID, horizonDays: 30, options: ModelTrainingOptions(),
            now: Self.now)
        #expect(again.version == 2)
        let win = try await ModelTrainCommand.train(
            .win, store: store, tenant: Tenant.defaultID, horizonDays: 30, options: ModelTrainingOptions(),
            now: Self.now)
        #expect(win.version == 1)
        let saved = try await store.models(tenant: Tenant.defaultID)
        #expect(saved.map { "\($0.name) v\($0.version)" } == ["churn v1", "churn v2", "win v1"])
        try await ModelListCommand.parse(["--db", path]).run()

        let evaluated = try await ModelEvaluateCommand.evaluate(
            .churn, store: store, tenant: Tenant.defaultID, horizonDays: 30, options: ModelTrainingOptions(),
            now: Self.now)
        let e = evaluated.evaluation
        #expect(e.rows > 0 && e.positives > 0)
        #expect(e.rocAUC > 0.7, "held-out churn AUC \(e.rocAUC)")
        #expect(!e.calibration.isEmpty)
        #expect(e.calibration.reduce(0) { $0 + $1.count } == e.rows)
        #expect(evaluated.trainUntil! < evaluated.evaluateFrom!)
        let lines = evaluated.lines()
        #expect(lines.contains { $0.hasPrefix("ROC AUC ") })
        #expect(lines.contains { $0.hasPrefix("Median lead time: ") })
        let json = try ModelEvaluateCommand.json(evaluated)
        let object = try #require(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let evaluation = try #require(object["evaluation"] as? [String: Any])
        #expect(abs(try #require(evaluation["rocAUC"] as? Double) - e.rocAUC) < 1e-12)
        #expect(object["model"] as? String == "churn")
        #expect((object["trainUntil"] as? String)?.hasSuffix("Z") == true)
        try await ModelEvaluateCommand.parse(["win", "--db", path, "--json"]).run()
    }

    @Test func anEmptyStoreOrOneWithoutChurnIsRefusedWithTheReason() async throws {
        let dir = try Self.folder()
        defer { dir.cleanUp() }
        let empty = dir.url.appendingPathComponent("empty.sqlite").path
        await #expect {
            try await ModelTrainCommand.parse(["churn", "--db", empty]).run()
        } throws: { error in
            (error as? TrainingError)?.message == "the store has no dated records to build churn examples from"
        }
        // Accounts with usage but no churn event: one class.
        let store = try SQLiteStore(path: empty)
        var batch = IngestBatch()
        batch.accounts = [Account(id: "a1", name: "A", createdAt: Self.now.addingTimeInterval(-200 * 86_400))]
        batch.engagement = (1...150).map { d in
            EngagementEvent(
                id: EngagementEvent.ID("e\(d)"), account: "a1", kind: .featureUsed,
                occurredAt: Self.now.addingTimeInterval(-Double(d) * 86_400))
        }
        _ = try await store.apply(batch)
        await #expect {
            try await ModelTrainCommand.parse(["churn", "--db", empty]).run()
        } throws: { error in
            let e = error as? TrainingError
            return e?.code == .oneClass && e?.message.contains("only negative outcomes") == true
        }
        #expect(try await store.models(tenant: Tenant.defaultID).isEmpty)
    }

    @Test func badOptionsAreRefusedBeforeAnythingRuns() {
        #expect(throws: (any Error).self) { try ModelTrainCommand.parse(["churn", "--algorithm", "forest"]) }
        #expect(throws: (any Error).self) { try ModelTrainCommand.parse(["churn", "--horizon", "0"]) }
        #expect(throws: (any Error).self) { try ModelTrainCommand.parse(["tree"]) }
    }
}
