import Foundation
import PulseCore
import PulseStore

/// Reads what reports need from the store for one tenant: the roster, pipeline, targets and accounts always;
/// activities around the range; alerts, notifications, engagement and tickets when asked.
public struct ReportDataLoader: Sendable {
    /// What to read beyond the basics.
    public struct Needs: Hashable, Sendable {
        public var alerts: Bool
        public var customerSignals: Bool

        public init(alerts: Bool = true, customerSignals: Bool = true) {
            self.alerts = alerts
            self.customerSignals = customerSignals
        }
    }

    let store: any PulseStore & AlertStore

    public init(store: any PulseStore & AlertStore) { self.store = store }

    /// Loads records for `[from − 60 days, to + 35 days)` (health trends look 60 days back, pipeline health looks
    /// a week or more ahead; weekly comparisons 14 days back).
    public func load(tenant: Tenant.ID, from: Date, to: Date, needs: Needs = Needs()) async throws -> ReportData {
        let start = min(from, to).addingTimeInterval(-60 * 86_400)
        let end = max(from, to).addingTimeInterval(35 * 86_400)
        var data = ReportData(
            reps: try await store.reps(tenant: tenant), deals: try await store.deals(tenant: tenant),
            activities: try await store.activities(tenant: tenant, from: start, to: end),
            accounts: try await store.accounts(tenant: tenant), targets: try await store.targets(tenant: tenant))
        if needs.alerts {
            data.alerts = try await store.alerts(AlertFilter(tenant: tenant, includeResolved: true, limit: 10_000))
            data.notifications = try await store.notifications(tenant: tenant, status: .digest, limit: 10_000)
        }
        if needs.customerSignals {
            data.engagement = try await store.engagement(tenant: tenant, from: start, to: end)
            data.tickets = try await store.tickets(tenant: tenant)
        }
        return data
    }
}
