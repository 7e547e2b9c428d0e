import Foundation

/// A person at a customer or prospect: a stakeholder with a buying role.
public struct Contact: Identifiable, Hashable, Sendable, Codable {
    public typealias ID = Identifier<Contact>
    public var id: ID
    public var tenant: Tenant.ID
    public var account: Account.ID?
    public var name: String
    public var email: String?
    public var title: String?
    public var role: StakeholderRole

    public init(
        id: ID, tenant: Tenant.ID = Tenant.defaultID, account: Account.ID? = nil, name: String, email: String? = nil,
        title: String? = nil, role: StakeholderRole = .unknown
    ) {
        self.id = id
        self.tenant = tenant
        self.account = account
        self.name = name
        self.email = email
        self.title = title
        self.role = role
    }
}

/// The part a contact plays in a purchase decision.
public enum StakeholderRole: String, Hashable, Sendable, Codable, CaseIterable {
    case champion, economicBuyer = "economic_buyer", decisionMaker = "decision_maker", technical
    case procurement, legal, user, executive, influencer, unknown
}
