import Foundation
import PulseCore

/// Persistence of users, API tokens (hashes only) and the access/configuration audit log.
public protocol AccessStore: Sendable {
    /// Inserts or replaces a user (by tenant and id).
    func saveUser(_ user: User) async throws
    /// The tenant's users, by id.
    func users(tenant: Tenant.ID) async throws -> [User]
    func user(_ id: User.ID, tenant: Tenant.ID) async throws -> User?
    /// Inserts or replaces a token (by id). Hashes are unique across tenants.
    func saveToken(_ token: ApiToken) async throws
    /// The token with this secret hash, in any tenant (authentication looks it up before it knows the tenant).
    func token(hash: String) async throws -> ApiToken?
    /// The tenant's tokens, newest first; only one user's when `user` is given. Revoked ones are included.
    func tokens(tenant: Tenant.ID, user: User.ID?) async throws -> [ApiToken]
    /// Marks a token revoked at `at`; false when the tenant has no such token or it was already revoked.
    @discardableResult
    func revokeToken(_ id: ApiToken.ID, tenant: Tenant.ID, at: Date) async throws -> Bool
    /// Appends audit lines in one transaction (their `sequence` is assigned by the store).
    func appendAudit(_ entries: [AuditLogEntry]) async throws
    /// The tenant's audit lines with `from <= at < to`, oldest (first written) first, at most `limit`, after
    /// sequence `after`.
    func auditLog(tenant: Tenant.ID, from: Date, to: Date, after: Int64, limit: Int) async throws -> [AuditLogEntry]
}

/// Persistence of the delivery outbox: one row per message, recipient and channel, written before sending.
public protocol OutboxStore: Sendable {
    /// Writes outbox rows and, in the same transaction, marks the alert notifications they deliver as `sent`
    /// (handed over). Rows whose id exists are left alone (never written twice). Returns how many rows were new.
    /// Every row must be of `tenant` (else nothing is written and a `StoreError` says which row); unknown
    /// notification ids are ignored.
    @discardableResult
    func enqueue(_ items: [OutboxItem], handingOver notifications: [String], tenant: Tenant.ID) async throws -> Int
    /// Pending rows due at `now` (`nextAttemptAt <= now`) in every tenant: most severe first, then oldest.
    func dueOutbox(now: Date, limit: Int) async throws -> [OutboxItem]
    /// Records one attempt's outcome: delivered, retry later (attempts + 1), dead (attempts + 1), or deferred.
    /// Only a pending row takes an outcome; a delivered or dead row, or an unknown id, is left as it is.
    func record(_ outcome: DeliveryOutcome) async throws
    /// The tenant's rows, newest first; `status` filters when given.
    func outbox(tenant: Tenant.ID, status: OutboxItem.Status?, limit: Int) async throws -> [OutboxItem]
    /// Rows per status, every status present (0 when the tenant has none).
    func outboxCounts(tenant: Tenant.ID) async throws -> [OutboxItem.Status: Int]
    /// Puts dead rows back to pending, due at `at`, attempts reset; returns how many changed. Unknown ids ignored.
    @discardableResult
    func retryDead(ids: [String], tenant: Tenant.ID, at: Date) async throws -> Int
    /// A named, persisted position (e.g. the dispatcher's place in the alert change feed); 0 when never set.
    func cursor(_ name: String) async throws -> Int64
    func setCursor(_ name: String, to value: Int64) async throws
}

/// The alert change feed behind the live stream: every alert the alert store saves gets a feed entry, in the same
/// transaction, with an increasing sequence number; an entry's `at` is the saved alert's `updatedAt`.
public protocol AlertFeedStore: Sendable {
    /// The tenant's feed entries after `sequence`, oldest first, at most `limit`.
    func alertChanges(tenant: Tenant.ID, after sequence: Int64, limit: Int) async throws -> [AlertChange]
    /// The newest sequence number in the tenant's feed (0 when empty).
    func latestAlertChange(tenant: Tenant.ID) async throws -> Int64
    /// Alerts by id in one read (what the stream sends for a page of feed entries), in the order of `ids`
    /// (repeats once), unknown ids left out.
    func alerts(ids: [Alert.ID]) async throws -> [Alert]
}

/// Everything the server needs from one store.
public typealias ServerStore = any PulseStore & AlertStore & AccessStore & OutboxStore & AlertFeedStore
