import Foundation
import GRDB
import PulseCore
import Testing

@testable import PulseStore

/// Trained models saved as versioned JSON in a real SQLite file, and refused on load when their features differ.
@Suite struct ModelStoreTests {
    static let trainedAt = Date(timeIntervalSince1970: 1_750_000_000)

    static func model(_ name: String = "churn", features: [String] = ["logins_change_30d", "open_tickets"])
        -> TrainedModel
    {
        TrainedModel(
            name: name, algorithm: .logisticRegression,
            features: features.map { FeatureDescriptor($0, .quantity(template: "{value} \($0)")) },
            trainedAt: trainedAt, trainingRows: 120,
            logistic: LogisticRegression(
                coefficients: features.map { _ in 0.5 }, intercept: -1, means: features.map { _ in 0 },
                scales: features.map { _ in 1 }),
            calibrator: .platt(a: 1.2, b: -0.1), threshold: 0.4,
            importance: Dictionary(uniqueKeysWithValues: features.map { ($0, 1 / Double(features.count)) }))
    }

    @Test func eachSaveIsTheNextVersionPerTenantAndNameAndTheLatestRoundTrips() async throws {
        try await withSQLiteStore { store, _ in
            #expect(try await store.latestModel(named: "churn", tenant: Tenant.defaultID) == nil)
            #expect(try await store.saveModel(Self.model(), tenant: Tenant.defaultID) == 1)
            var second = Self.model()
            second.threshold = 0.55
            #expect(try await store.saveModel(second, tenant: Tenant.defaultID) == 2)
            #expect(try await store.saveModel(Self.model("win"), tenant: Tenant.defaultID) == 1)
            #expect(try await store.saveModel(Self.model(), tenant: "other") == 1)

            let latest = try #require(try await store.latestModel(named: "churn", tenant: Tenant.defaultID))
            #expect(latest.version == 2)
            #expect(latest.format == TrainedModel.currentFormat)
            #expect(latest.trainedAt == Self.trainedAt)
            #expect(latest.features == ["logins_change_30d", "open_tickets"])
            let decoded = try TrainedModel.decode(latest.json, expecting: latest.features)
            #expect(decoded == second)
            let all = try await store.models(tenant: Tenant.defaultID)
            #expect(all.map { "\($0.name) v\($0.version)" } == ["churn v1", "churn v2", "win v1"])
        }
    }

    @Test func aStoredModelWhoseFeaturesWereTamperedWithIsRefusedWithTheReason() async throws {
        try await withSQLiteStore { store, _ in
            try await store.saveModel(Self.model(), tenant: Tenant.defaultID)
            try await store.writer.write { db in
                try db.execute(sql: "UPDATE models SET json = replace(json, 'open_tickets', 'open_tickets_7d')")
            }
            let stored = try #require(try await store.latestModel(named: "churn", tenant: Tenant.defaultID))
            #expect {
                try TrainedModel.decode(stored.json, expecting: ["logins_change_30d", "open_tickets"])
            } throws: { error in
                guard let e = error as? TrainingError else { return false }
                return e.code == .featureMismatch
                    && e.message
                        == "model 'churn' was trained on 2 features, Pulse computes 2: missing open_tickets; "
                        + "unexpected open_tickets_7d — retrain it with `pulse model train churn`"
            }
        }
    }

    @Test func theModelsMigrationComesAfterTheServerTables() async throws {
        try await withSQLiteStore { store, _ in
            let migrations = try await store.writer.read { db in
                try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid")
            }
            #expect(migrations.suffix(2) == ["v3-server", "v4-models"])
            let columns = try await store.writer.read { db in try db.columns(in: "models").map(\.name) }
            #expect(columns == ["tenant", "name", "version", "format", "trained_at", "features", "json"])
        }
    }
}
