import Foundation
import PulseCore
import PulseStore

/// Reads one tenant's whole history from the store for a backtest (targets fall back to the KPI defaults).
enum BacktestStoreLoader {
    static func load(from store: any PulseStore, tenant: Tenant.ID) async throws -> BacktestRecords {
        let tenants = try await store.tenants()
        let tenantRecord = tenants.first { $0.id == tenant } ?? Tenant(id: tenant, name: tenant.rawValue)
        let stored = try await store.targets(tenant: tenant)
        let metrics = Set(stored.map(\.metric))
        return BacktestRecords(
            tenant: tenantRecord, accounts: try await store.accounts(tenant: tenant),
            contacts: try await store.contacts(tenant: tenant), reps: try await store.reps(tenant: tenant),
            deals: try await store.deals(tenant: tenant),
            activities: try await store.activities(tenant: tenant, from: .distantPast, to: .distantFuture),
            engagement: try await store.engagement(tenant: tenant, from: .distantPast, to: .distantFuture),
            tickets: try await store.tickets(tenant: tenant),
            subscriptions: try await store.subscriptions(tenant: tenant),
            targets: stored + KpiTarget.defaults(tenant: tenant).filter { !metrics.contains($0.metric) },
            churnEvents: try await store.churnEvents(tenant: tenant))
    }
}
