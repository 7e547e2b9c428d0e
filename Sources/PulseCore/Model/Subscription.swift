import Foundation

/// A customer's paid subscription: plan, seats and recurring revenue over a period.
public struct Subscription: Identifiable, Hashable, Sendable, Codable {
    public typealias ID = Identifier<Subscription>
    public var id: ID
    public var tenant: Tenant.ID
    public var account: Account.ID
    public var startDate: Date
    public var endDate: Date?
    public var plan: String?
    public var seats: Int?
    public var mrrCents: Int64?
    public var arrCents: Int64?
    public var isTrial: Bool
    public var upgraded: Bool
    public var downgraded: Bool
    public var churned: Bool
    public var billingFrequency: String?
    public var autoRenew: Bool

    public init(
        id: ID, tenant: Tenant.ID = Tenant.defaultID, account: Account.ID, startDate: Date, endDate: Date? = nil,
        plan: String? = nil, seats: Int? = nil, mrrCents: Int64? = nil, arrCents: Int64? = nil, isTrial: Bool = false,
        upgraded: Bool = false, downgraded: Bool = false, churned: Bool = false, billingFrequency: String? = nil,
        autoRenew: Bool = true
    ) {
        self.id = id
        self.tenant = tenant
        self.account = account
        self.startDate = startDate
        self.endDate = endDate
        self.plan = plan
        self.seats = seats
        self.mrrCents = mrrCents
        self.arrCents = arrCents
        self.isTrial = isTrial
        self.upgraded = upgraded
        self.downgraded = downgraded
        self.churned = churned
        self.billingFrequency = billingFrequency
        self.autoRenew = autoRenew
    }
}
