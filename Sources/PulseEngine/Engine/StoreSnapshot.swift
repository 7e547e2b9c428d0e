import Foundation
import Logging
import PulseCore
import PulseStore

/// Reads one tenant's data from a store into the evaluator's in-memory index.
public enum StoreSnapshot {
    /// Every record the rules read, as of `now` (targets fall back to `KpiTarget.defaults` per metric), with the
    /// latest churn and win models when the store keeps models (a refused model is logged and scores nothing).
    /// The population statistics are the ones `EvaluationData.init` computed at `now`.
    public static func load(
        from store: any PulseStore, tenant: Tenant.ID, now: Date, logger: Logger = Logger(label: "pulse.engine")
    ) async throws -> EvaluationData {
        let tenantRecord = try await record(of: tenant, in: store)
        async let accounts = store.accounts(tenant: tenant)
        async let contacts = store.contacts(tenant: tenant)
        async let reps = store.reps(tenant: tenant)
        async let deals = store.deals(tenant: tenant)
        async let activities = store.activities(tenant: tenant, from: .distantPast, to: .distantFuture)
        async let engagement = store.engagement(tenant: tenant, from: .distantPast, to: .distantFuture)
        async let tickets = store.tickets(tenant: tenant)
        async let subscriptions = store.subscriptions(tenant: tenant)
        async let stored = store.targets(tenant: tenant)
        var data = try await EvaluationData(
            tenant: tenantRecord, accounts: accounts, contacts: contacts, reps: reps, deals: deals,
            activities: activities, engagement: engagement, tickets: tickets, subscriptions: subscriptions,
            targets: withDefaults(stored, tenant: tenant), now: now)
        if let models = store as? any ModelStore {
            data.models = try await loadModels(from: models, tenant: tenant, logger: logger)
        }
        return data
    }

    /// The latest churn and win models of the tenant; one whose JSON or features do not match this Pulse is
    /// left out with a warning that names it and says why (the decode error's sentence).
    public static func loadModels(from store: any ModelStore, tenant: Tenant.ID, logger: Logger) async throws
        -> ScoringModels
    {
        var models = ScoringModels()
        models.churn = try await latest("churn", features: ChurnFeatures.names, store, tenant, logger)
        models.win = try await latest("win", features: WinFeatures.names, store, tenant, logger)
        return models
    }

    private static func latest(
        _ name: String, features: [String], _ store: any ModelStore, _ tenant: Tenant.ID, _ logger: Logger
    ) async throws -> TrainedModel? {
        guard let stored = try await store.latestModel(named: name, tenant: tenant) else { return nil }
        do {
            return try TrainedModel.decode(stored.json, expecting: features)
        } catch {
            logger.warning(
                "Stored \(name) model version \(stored.version) refused; it scores nothing: \(error)",
                metadata: ["tenant": "\(tenant.rawValue)", "model": "\(name)", "version": "\(stored.version)"])
            return nil
        }
    }

    /// The stored tenant, or one named by its id when the store has no record of it.
    public static func record(of tenant: Tenant.ID, in store: any PulseStore) async throws -> Tenant {
        try await store.tenants().first { $0.id == tenant } ?? Tenant(id: tenant, name: tenant.rawValue)
    }

    /// The tenant's targets plus a default for every KPI it sets none for.
    public static func withDefaults(_ targets: [KpiTarget], tenant: Tenant.ID) -> [KpiTarget] {
        let set = Set(targets.map(\.metric))
        return targets + KpiTarget.defaults(tenant: tenant).filter { !set.contains($0.metric) }
    }
}
