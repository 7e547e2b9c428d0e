import Foundation
import PulseCore
import PulseStore

/// Reads one tenant's data from a store into the evaluator's in-memory index.
enum StoreSnapshot {
    /// Every record the rules read, as of `now` (targets fall back to `KpiTarget.defaults` per metric).
    static func load(from store: any PulseStore, tenant: Tenant.ID, now: Date) async throws -> EvaluationData {
        let tenants = try await store.tenants()
        let tenantRecord = tenants.first { $0.id == tenant } ?? Tenant(id: tenant, name: tenant.rawValue)
        async let accounts = store.accounts(tenant: tenant)
        async let contacts = store.contacts(tenant: tenant)
        async let reps = store.reps(tenant: tenant)
        async let deals = store.deals(tenant: tenant)
        async let activities = store.activities(tenant: tenant, from: .distantPast, to: .distantFuture)
        async let engagement = store.engagement(tenant: tenant, from: .distantPast, to: .distantFuture)
        async let tickets = store.tickets(tenant: tenant)
        async let subscriptions = store.subscriptions(tenant: tenant)
        async let stored = store.targets(tenant: tenant)
        return try await EvaluationData(
            tenant: tenantRecord, accounts: accounts, contacts: contacts, reps: reps, deals: deals,
            activities: activities, engagement: engagement, tickets: tickets, subscriptions: subscriptions,
            targets: withDefaults(stored, tenant: tenant), now: now)
    }

    /// The tenant's targets plus a default for every KPI it sets none for.
    static func withDefaults(_ targets: [KpiTarget], tenant: Tenant.ID) -> [KpiTarget] {
        let set = Set(targets.map(\.metric))
        return targets + KpiTarget.defaults(tenant: tenant).filter { !set.contains($0.metric) }
    }
}
