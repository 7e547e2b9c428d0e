import PulseCore

/// The authenticated caller of a request: their user (and so tenant and role) and which reps' records they see.
public struct Principal: Sendable, Hashable {
    public var user: User
    public var token: ApiToken.ID
    /// Reps whose deals, accounts and alerts the caller may see; nil means the whole tenant (executive, admin).
    public var visibleReps: Set<Rep.ID>?

    public init(user: User, token: ApiToken.ID, visibleReps: Set<Rep.ID>?) {
        self.user = user
        self.token = token
        self.visibleReps = visibleReps
    }

    public var tenant: Tenant.ID { user.tenant }
    public var role: UserRole { user.role }
}
