import Foundation
import GRDB
import PulseCore

/// Trained models in the SQLite file: versions numbered per tenant and name inside the saving transaction.
extension SQLiteStore: ModelStore {
    @discardableResult
    public func saveModel(_ model: TrainedModel, tenant: Tenant.ID) async throws -> Int {
        let json = try model.encoded()
        let features = try JSONEncoder().encode(model.features.map(\.name))
        guard let text = String(data: json, encoding: .utf8), let featureText = String(data: features, encoding: .utf8)
        else {
            throw StoreError(code: "model_not_utf8", message: "Model '\(model.name)' did not encode as UTF-8 JSON.")
        }
        let name = model.name
        let format = model.format
        let trainedAt = Int64(model.trainedAt.timeIntervalSince1970.rounded(.down))
        return try await write("model '\(name)'") { db in
            let last =
                try Int.fetchOne(
                    db, sql: "SELECT MAX(version) FROM models WHERE tenant = ? AND name = ?",
                    arguments: [tenant.rawValue, name]) ?? 0
            try db.execute(
                sql: """
                    INSERT INTO models (tenant, name, version, format, trained_at, features, json)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [tenant.rawValue, name, last + 1, format, trainedAt, featureText, text])
            return last + 1
        }
    }

    public func latestModel(named name: String, tenant: Tenant.ID) async throws -> StoredModel? {
        let path = path
        return try await read { db in
            try Row.fetchOne(
                db, sql: "\(Self.modelSelect) WHERE tenant = ? AND name = ? ORDER BY version DESC LIMIT 1",
                arguments: [tenant.rawValue, name]
            ).map { try Self.storedModel($0, path: path) }
        }
    }

    public func models(tenant: Tenant.ID) async throws -> [StoredModel] {
        let path = path
        return try await read { db in
            try Row.fetchAll(
                db, sql: "\(Self.modelSelect) WHERE tenant = ? ORDER BY name, version", arguments: [tenant.rawValue]
            ).map { try Self.storedModel($0, path: path) }
        }
    }

    private static let modelSelect = "SELECT tenant, name, version, format, trained_at, features, json FROM models"

    private static func storedModel(_ row: Row, path: String) throws -> StoredModel {
        let name: String = row["name"]
        let version: Int = row["version"]
        let featureText: String = row["features"]
        guard let features = try? JSONDecoder().decode([String].self, from: Data(featureText.utf8)) else {
            throw StoreError.readFailed(
                path, reason: "model '\(name)' version \(version): the features column is not a JSON list of names")
        }
        let json: String = row["json"]
        return StoredModel(
            tenant: Tenant.ID(row["tenant"] as String), name: name, version: version, format: row["format"],
            trainedAt: Date(timeIntervalSince1970: TimeInterval(row["trained_at"] as Int64)), features: features,
            json: Data(json.utf8))
    }
}
