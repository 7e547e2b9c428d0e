import Foundation
import PulseCore
import PulseEngine
import PulseStore

/// Reads one tenant's whole history from the store for a backtest: the records `StoreSnapshot` reads (targets
/// falling back to the KPI defaults the same way) plus the churn events.
enum BacktestStoreLoader {
    static func load(from store: any PulseStore, tenant: Tenant.ID) async throws -> BacktestRecords {
        BacktestRecords(
            tenant: try await StoreSnapshot.record(of: tenant, in: store),
            accounts: try await store.accounts(tenant: tenant),
            contacts: try await store.contacts(tenant: tenant), reps: try await store.reps(tenant: tenant),
            deals: try await store.deals(tenant: tenant),
            activities: try await store.activities(tenant: tenant, from: .distantPast, to: .distantFuture),
            engagement: try await store.engagement(tenant: tenant, from: .distantPast, to: .distantFuture),
            tickets: try await store.tickets(tenant: tenant),
            subscriptions: try await store.subscriptions(tenant: tenant),
            targets: StoreSnapshot.withDefaults(try await store.targets(tenant: tenant), tenant: tenant),
            churnEvents: try await store.churnEvents(tenant: tenant))
    }
}
