import Foundation

/// A goal for a KPI over a period, for the whole tenant, a team or one rep (the KPI table's "target").
public struct KpiTarget: Identifiable, Hashable, Sendable, Codable {
    public typealias ID = Identifier<KpiTarget>
    public var id: ID
    public var tenant: Tenant.ID
    /// KPI key, e.g. `calls_per_bdr_week`, `agreements_per_month`, `lists_out_per_month`, `win_rate`.
    public var metric: String
    public var period: KpiPeriod
    public var target: Double
    public var rep: Rep.ID?
    public var team: String?
    public var effectiveFrom: Date?

    public init(
        id: ID, tenant: Tenant.ID = Tenant.defaultID, metric: String, period: KpiPeriod, target: Double,
        rep: Rep.ID? = nil, team: String? = nil, effectiveFrom: Date? = nil
    ) {
        self.id = id
        self.tenant = tenant
        self.metric = metric
        self.period = period
        self.target = target
        self.rep = rep
        self.team = team
        self.effectiveFrom = effectiveFrom
    }

    /// Defaults from crm-reporting-spec.md §7 and the KPI table, used when a tenant sets none.
    public static func defaults(tenant: Tenant.ID = Tenant.defaultID) -> [KpiTarget] {
        [
            .init(id: "default-calls-week", tenant: tenant, metric: "calls_per_bdr_week", period: .week, target: 25),
            .init(
                id: "default-upcoming-calls", tenant: tenant, metric: "upcoming_calls_next_week", period: .week,
                target: 30),
            .init(
                id: "default-agreements", tenant: tenant, metric: "agreements_per_month", period: .month,
                target: 20),
            .init(id: "default-lists-out", tenant: tenant, metric: "lists_out_per_month", period: .month, target: 15),
            .init(id: "default-win-rate", tenant: tenant, metric: "win_rate", period: .quarter, target: 0.45),
        ]
    }
}

/// The period a KPI target covers.
public enum KpiPeriod: String, Hashable, Sendable, Codable, CaseIterable {
    case day, week, month, quarter, year
}
