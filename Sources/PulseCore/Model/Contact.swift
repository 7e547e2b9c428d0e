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
    /// The contact asked not to be tracked: their engagement events are dropped at ingest.
    public var optedOut: Bool

    public init(
        id: ID, tenant: Tenant.ID = Tenant.defaultID, account: Account.ID? = nil, name: String, email: String? = nil,
        title: String? = nil, role: StakeholderRole = .unknown, optedOut: Bool = false
    ) {
        self.id = id
        self.tenant = tenant
        self.account = account
        self.name = name
        self.email = email
        self.title = title
        self.role = role
        self.optedOut = optedOut
    }

    private enum CodingKeys: String, CodingKey {
        case id, tenant, account, name, email, title, role, optedOut
    }

    /// Decodes JSON written before `optedOut` existed (the key missing means false).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(ID.self, forKey: .id)
        tenant = try container.decode(Tenant.ID.self, forKey: .tenant)
        account = try container.decodeIfPresent(Account.ID.self, forKey: .account)
        name = try container.decode(String.self, forKey: .name)
        email = try container.decodeIfPresent(String.self, forKey: .email)
        title = try container.decodeIfPresent(String.self, forKey: .title)
        role = try container.decode(StakeholderRole.self, forKey: .role)
        optedOut = try container.decodeIfPresent(Bool.self, forKey: .optedOut) ?? false
    }

    /// Writes `optedOut` only when it is true, so contacts that never opted out encode as before.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(tenant, forKey: .tenant)
        try container.encodeIfPresent(account, forKey: .account)
        try container.encode(name, forKey: .name)
        try container.encodeIfPresent(email, forKey: .email)
        try container.encodeIfPresent(title, forKey: .title)
        try container.encode(role, forKey: .role)
        if optedOut { try container.encode(optedOut, forKey: .optedOut) }
    }
}

/// The part a contact plays in a purchase decision.
public enum StakeholderRole: String, Hashable, Sendable, Codable, CaseIterable {
    case champion, economicBuyer = "economic_buyer", decisionMaker = "decision_maker", technical
    case procurement, legal, user, executive, influencer, unknown
}
