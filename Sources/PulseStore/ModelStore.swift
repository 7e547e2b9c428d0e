import Foundation
import PulseCore

/// One saved version of a trained model: who it is for, its version number and schema, and its JSON
/// (`TrainedModel.encoded()`), which the reader decodes and checks against the features it computes.
public struct StoredModel: Hashable, Sendable {
    public var tenant: Tenant.ID
    /// "churn" or "win".
    public var name: String
    /// 1, 2, … per tenant and name, in save order.
    public var version: Int
    /// `TrainedModel.format` of the JSON.
    public var format: Int
    public var trainedAt: Date
    /// Feature names in row order, as trained.
    public var features: [String]
    public var json: Data

    public init(
        tenant: Tenant.ID, name: String, version: Int, format: Int, trainedAt: Date, features: [String], json: Data
    ) {
        self.tenant = tenant
        self.name = name
        self.version = version
        self.format = format
        self.trainedAt = trainedAt
        self.features = features
        self.json = json
    }
}

/// Persistence of trained models as versioned JSON: every save is a new version; readers take the latest.
public protocol ModelStore: Sendable {
    /// Saves `model` for `tenant` as the next version of its name and returns that version (1 for the first).
    @discardableResult
    func saveModel(_ model: TrainedModel, tenant: Tenant.ID) async throws -> Int
    /// The latest version of the named model, if any was saved.
    func latestModel(named name: String, tenant: Tenant.ID) async throws -> StoredModel?
    /// Every saved version of the tenant's models, by name then version.
    func models(tenant: Tenant.ID) async throws -> [StoredModel]
}
