import Foundation
import PulseCore

// TEMPORARY scaffold so the other targets compile while the store branch implements these for real.
// The store branch deletes this file. It must not reach the end of the issue.

private func pending(_ what: String) -> StoreError {
    StoreError(code: "not_implemented", message: "\(what) is not implemented in the SQLite store yet")
}

extension SQLiteStore: AccessStore {
    public func saveUser(_ user: User) async throws { throw pending("saveUser") }
    public func users(tenant: Tenant.ID) async throws -> [User] { throw pending("users") }
    public func user(_ id: User.ID, tenant: Tenant.ID) async throws -> User? { throw pending("user") }
    public func saveToken(_ token: ApiToken) async throws { throw pending("saveToken") }
    public func token(hash: String) async throws -> ApiToken? { throw pending("token") }
    public func tokens(tenant: Tenant.ID, user: User.ID?) async throws -> [ApiToken] { throw pending("tokens") }
    public func revokeToken(_ id: ApiToken.ID, tenant: Tenant.ID, at: Date) async throws -> Bool {
        throw pending("revokeToken")
    }
    public func appendAudit(_ entries: [AuditLogEntry]) async throws { throw pending("appendAudit") }
    public func auditLog(tenant: Tenant.ID, from: Date, to: Date, after: Int64, limit: Int) async throws
        -> [AuditLogEntry]
    { throw pending("auditLog") }
}

extension SQLiteStore: OutboxStore {
    public func enqueue(_ items: [OutboxItem], handingOver notifications: [String], tenant: Tenant.ID) async throws
        -> Int
    { throw pending("enqueue") }
    public func dueOutbox(now: Date, limit: Int) async throws -> [OutboxItem] { throw pending("dueOutbox") }
    public func record(_ outcome: DeliveryOutcome) async throws { throw pending("record") }
    public func outbox(tenant: Tenant.ID, status: OutboxItem.Status?, limit: Int) async throws -> [OutboxItem] {
        throw pending("outbox")
    }
    public func outboxCounts(tenant: Tenant.ID) async throws -> [OutboxItem.Status: Int] {
        throw pending("outboxCounts")
    }
    public func retryDead(ids: [String], tenant: Tenant.ID, at: Date) async throws -> Int {
        throw pending("retryDead")
    }
    public func cursor(_ name: String) async throws -> Int64 { throw pending("cursor") }
    public func setCursor(_ name: String, to value: Int64) async throws { throw pending("setCursor") }
}

extension SQLiteStore: AlertFeedStore {
    public func alertChanges(tenant: Tenant.ID, after sequence: Int64, limit: Int) async throws -> [AlertChange] {
        throw pending("alertChanges")
    }
    public func latestAlertChange(tenant: Tenant.ID) async throws -> Int64 { throw pending("latestAlertChange") }
    public func alerts(ids: [Alert.ID]) async throws -> [Alert] { throw pending("alerts(ids:)") }
}
