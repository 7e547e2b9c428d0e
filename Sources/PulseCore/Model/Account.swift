import Foundation

/// A customer company: what customer-success health scores, churn risk and renewals are about.
public struct Account: Identifiable, Hashable, Sendable, Codable {
    public typealias ID = Identifier<Account>
    public var id: ID
    public var tenant: Tenant.ID
    public var name: String
    /// Industry or vertical ("EdTech", "medical").
    public var industry: String?
    /// Market segment ("SMB", "Mid-Market", "Enterprise").
    public var segment: String?
    public var region: String?
    public var country: String?
    /// Annual recurring revenue in cents.
    public var arrCents: Int64?
    /// Subscription plan or tier ("Basic", "Pro", "Enterprise").
    public var plan: String?
    public var seats: Int?
    public var renewalDate: Date?
    /// Whether the customer agreed to engagement tracking; without it engagement events are not stored.
    public var trackingConsent: Bool
    public var owner: Rep.ID?
    public var createdAt: Date?
    public var employees: Int?
    /// Annual revenue of the customer company itself, in cents (firmographics, not what they pay us).
    public var annualRevenueCents: Int64?
    public var parent: ID?
    /// True once the customer has churned (from a churn event or the source's churn flag).
    public var churned: Bool

    public init(
        id: ID, tenant: Tenant.ID = Tenant.defaultID, name: String, industry: String? = nil, segment: String? = nil,
        region: String? = nil, country: String? = nil, arrCents: Int64? = nil, plan: String? = nil, seats: Int? = nil,
        renewalDate: Date? = nil, trackingConsent: Bool = true, owner: Rep.ID? = nil, createdAt: Date? = nil,
        employees: Int? = nil, annualRevenueCents: Int64? = nil, parent: ID? = nil, churned: Bool = false
    ) {
        self.id = id
        self.tenant = tenant
        self.name = name
        self.industry = industry
        self.segment = segment
        self.region = region
        self.country = country
        self.arrCents = arrCents
        self.plan = plan
        self.seats = seats
        self.renewalDate = renewalDate
        self.trackingConsent = trackingConsent
        self.owner = owner
        self.createdAt = createdAt
        self.employees = employees
        self.annualRevenueCents = annualRevenueCents
        self.parent = parent
        self.churned = churned
    }
}
