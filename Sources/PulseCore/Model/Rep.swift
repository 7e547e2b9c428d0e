import Foundation

/// A member of the selling organisation: account executive, BDR, manager or executive.
public struct Rep: Identifiable, Hashable, Sendable, Codable {
    public typealias ID = Identifier<Rep>
    public var id: ID
    public var tenant: Tenant.ID
    public var name: String
    public var email: String?
    public var role: RepRole
    public var manager: ID?
    public var team: String?
    public var region: String?
    /// IANA time zone, e.g. "Europe/London"; alerts respect the recipient's working hours.
    public var timeZone: String

    public init(
        id: ID, tenant: Tenant.ID = Tenant.defaultID, name: String, email: String? = nil, role: RepRole = .rep,
        manager: ID? = nil, team: String? = nil, region: String? = nil, timeZone: String = "UTC"
    ) {
        self.id = id
        self.tenant = tenant
        self.name = name
        self.email = email
        self.role = role
        self.manager = manager
        self.team = team
        self.region = region
        self.timeZone = timeZone
    }
}

/// Where a person sits in the routing chain rep → manager → executive.
public enum RepRole: String, Hashable, Sendable, Codable, CaseIterable {
    case rep, bdr, csm, manager, executive, revops
}
