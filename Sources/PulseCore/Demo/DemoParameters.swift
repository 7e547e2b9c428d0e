import Foundation

/// What the demo generator makes: seed, reference time and scale (crm-reporting-spec.md §8).
public struct DemoParameters: Sendable, Hashable {
    /// The seed; the same parameters always give the same data.
    public var seed: UInt64
    /// The reference time: leads span 90 days before it and 30 days after it.
    public var now: Date
    /// Main BDR leads (each brings its partner sublist); 150 gives ≈1,500 pipeline items.
    public var leads: Int
    /// Customer accounts with engagement, tickets and churn.
    public var accounts: Int
    public var tenant: Tenant.ID

    public init(
        seed: UInt64 = 42, now: Date, leads: Int = 150, accounts: Int = 200, tenant: Tenant.ID = Tenant.defaultID
    ) {
        self.seed = seed
        self.now = now
        self.leads = leads
        self.accounts = accounts
        self.tenant = tenant
    }

    /// Classic B2B opportunities: two per lead, at least 20.
    public var opportunities: Int { max(20, leads * 2) }
    /// BDRs: one per 50 leads, at least 3.
    public var bdrCount: Int { max(3, leads / 50) }
    /// Account executives: one per 100 leads, at least 3.
    public var aeCount: Int { max(3, leads / 100) }
    /// Customer-success managers: one per 80 accounts, at least 2.
    public var csmCount: Int { max(2, accounts / 80) }
}
