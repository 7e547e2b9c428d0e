import Foundation

/// An API token for `Authorization: Bearer`. Only the SHA-256 hash of its secret is stored; the secret itself is
/// shown once, when the token is created.
public struct ApiToken: Identifiable, Hashable, Sendable, Codable {
    public typealias ID = Identifier<ApiToken>
    public var id: ID
    public var tenant: Tenant.ID
    public var user: User.ID
    /// What the token is for ("ci", "zapier"), as its creator named it.
    public var name: String
    /// Lower-case hex SHA-256 of the secret.
    public var hash: String
    /// The first characters of the secret ("pulse_3f9a"), so a listing can show which token is which.
    public var prefix: String
    public var createdAt: Date
    public var expiresAt: Date?
    public var revokedAt: Date?
    public var lastUsedAt: Date?

    public init(
        id: ID, tenant: Tenant.ID, user: User.ID, name: String, hash: String, prefix: String, createdAt: Date,
        expiresAt: Date? = nil, revokedAt: Date? = nil, lastUsedAt: Date? = nil
    ) {
        self.id = id
        self.tenant = tenant
        self.user = user
        self.name = name
        self.hash = hash
        self.prefix = prefix
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
        self.lastUsedAt = lastUsedAt
    }

    /// Whether the token may be used at `now`: not revoked and not expired.
    public func isValid(at now: Date) -> Bool {
        revokedAt == nil && (expiresAt.map { now < $0 } ?? true)
    }
}
