import Foundation

/// One line of the access and configuration audit log: who viewed or changed what, and when
/// (`GET /api/audit`). Alert state changes also keep their own trail (`AlertAuditEntry`).
public struct AuditLogEntry: Hashable, Sendable, Codable {
    /// Order of writing, assigned by the store (0 before it is saved).
    public var sequence: Int64
    public var tenant: Tenant.ID
    public var at: Date
    /// The user id, or "cli:<name>" for the command line.
    public var actor: String
    /// Dotted verb: "alert.view", "alert.acknowledge", "silence.create", "user.create", "token.revoke", …
    public var action: String
    /// What was acted on: "alert:17", "silence:s-3", "user:ana", "token:t-2".
    public var target: String
    /// A sentence with the particulars ("snoozed until 2026-11-27 09:00").
    public var detail: String

    public init(
        sequence: Int64 = 0, tenant: Tenant.ID, at: Date, actor: String, action: String, target: String,
        detail: String = ""
    ) {
        self.sequence = sequence
        self.tenant = tenant
        self.at = at
        self.actor = actor
        self.action = action
        self.target = target
        self.detail = detail
    }
}
