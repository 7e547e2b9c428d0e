import Foundation

/// A person who uses Pulse through the API (and later the dashboard); the role decides what they see and may do.
public struct User: Identifiable, Hashable, Sendable, Codable {
    public typealias ID = Identifier<User>
    public var id: ID
    public var tenant: Tenant.ID
    public var name: String
    public var email: String?
    public var role: UserRole
    /// The rep this user is in the CRM data: a rep sees that rep's records, a manager that rep's team.
    public var rep: Rep.ID?
    /// IANA time zone for quiet hours and scheduled reports ("Europe/Berlin").
    public var timeZone: String
    public var preferences: DeliveryPreferences
    public var createdAt: Date
    /// A disabled user's tokens are refused.
    public var disabled: Bool

    public init(
        id: ID, tenant: Tenant.ID = Tenant.defaultID, name: String, email: String? = nil, role: UserRole,
        rep: Rep.ID? = nil, timeZone: String = "UTC", preferences: DeliveryPreferences = .standard,
        createdAt: Date, disabled: Bool = false
    ) {
        self.id = id
        self.tenant = tenant
        self.name = name
        self.email = email
        self.role = role
        self.rep = rep
        self.timeZone = timeZone
        self.preferences = preferences
        self.createdAt = createdAt
        self.disabled = disabled
    }
}

/// What a user may see and do: a rep their own records, a manager their team, an executive the whole tenant,
/// an admin everything plus users, rules and channels.
public enum UserRole: String, Hashable, Sendable, Codable, CaseIterable {
    case rep, manager, executive, admin
}
