import Foundation
import GRDB
import PulseCore

/// The server's tables (migration `v3-server`): users, API tokens, the access audit log, the delivery outbox,
/// named cursors and the alert change feed; it also adds `contacts.opted_out`.
///
/// Dates are whole Unix seconds like every other table; preferences and messages are JSON text with sorted keys.
enum SQLiteServerTables {
    /// The migration's identifier; never change it once released.
    static let migration = "v3-server"

    /// The server's tables, in the order `counts()` reports them.
    static let tables = ["users", "api_tokens", "audit_log", "outbox", "cursors", "alert_changes"]

    /// Creates the server's tables and the indexes their queries use.
    static func create(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE users (
                    tenant TEXT NOT NULL,
                    id TEXT NOT NULL,
                    name TEXT NOT NULL,
                    email TEXT,
                    role TEXT NOT NULL,
                    rep TEXT,
                    time_zone TEXT NOT NULL,
                    preferences TEXT NOT NULL,
                    created_at INTEGER NOT NULL,
                    disabled INTEGER NOT NULL,
                    PRIMARY KEY (tenant, id)
                );
                CREATE TABLE api_tokens (
                    id TEXT NOT NULL PRIMARY KEY,
                    tenant TEXT NOT NULL,
                    user TEXT NOT NULL,
                    name TEXT NOT NULL,
                    hash TEXT NOT NULL UNIQUE,
                    prefix TEXT NOT NULL,
                    created_at INTEGER NOT NULL,
                    expires_at INTEGER,
                    revoked_at INTEGER,
                    last_used_at INTEGER
                );
                CREATE INDEX api_tokens_user ON api_tokens (tenant, user, created_at);
                CREATE TABLE audit_log (
                    sequence INTEGER PRIMARY KEY AUTOINCREMENT,
                    tenant TEXT NOT NULL,
                    at INTEGER NOT NULL,
                    actor TEXT NOT NULL,
                    action TEXT NOT NULL,
                    target TEXT NOT NULL,
                    detail TEXT NOT NULL
                );
                CREATE INDEX audit_log_at ON audit_log (tenant, at);
                CREATE TABLE outbox (
                    id TEXT NOT NULL PRIMARY KEY,
                    tenant TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    channel TEXT NOT NULL,
                    recipient TEXT NOT NULL,
                    severity INTEGER NOT NULL,
                    alert TEXT,
                    fingerprint TEXT,
                    notification TEXT,
                    action TEXT NOT NULL,
                    message TEXT,
                    status TEXT NOT NULL,
                    attempts INTEGER NOT NULL,
                    next_attempt_at INTEGER NOT NULL,
                    last_error TEXT,
                    created_at INTEGER NOT NULL,
                    delivered_at INTEGER
                );
                CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
                CREATE INDEX outbox_tenant ON outbox (tenant, status, created_at);
                CREATE TABLE cursors (
                    name TEXT NOT NULL PRIMARY KEY,
                    value INTEGER NOT NULL
                );
                CREATE TABLE alert_changes (
                    sequence INTEGER PRIMARY KEY AUTOINCREMENT,
                    tenant TEXT NOT NULL,
                    alert TEXT NOT NULL,
                    number INTEGER NOT NULL,
                    state TEXT NOT NULL,
                    at INTEGER NOT NULL
                );
                CREATE INDEX alert_changes_sequence ON alert_changes (tenant, sequence);
                ALTER TABLE contacts ADD COLUMN opted_out INTEGER NOT NULL DEFAULT 0;
                """)
    }

    // MARK: - Columns

    static let userColumns = [
        "tenant", "id", "name", "email", "role", "rep", "time_zone", "preferences", "created_at", "disabled",
    ]

    static let tokenColumns = [
        "id", "tenant", "user", "name", "hash", "prefix", "created_at", "expires_at", "revoked_at", "last_used_at",
    ]

    static let auditColumns = ["sequence", "tenant", "at", "actor", "action", "target", "detail"]

    static let outboxColumns = [
        "id", "tenant", "kind", "channel", "recipient", "severity", "alert", "fingerprint", "notification", "action",
        "message", "status", "attempts", "next_attempt_at", "last_error", "created_at", "delivered_at",
    ]

    static let changeColumns = ["sequence", "tenant", "alert", "number", "state", "at"]

    // MARK: - Writing

    static func bind(_ u: User, preferences: String, _ b: inout SQLiteBinder) {
        b.id(u.tenant)
        b.id(u.id)
        b.text(u.name)
        b.text(u.email)
        b.raw(u.role)
        b.id(u.rep)
        b.text(u.timeZone)
        b.text(preferences)
        b.date(u.createdAt)
        b.bool(u.disabled)
    }

    static func bind(_ t: ApiToken, _ b: inout SQLiteBinder) {
        b.id(t.id)
        b.id(t.tenant)
        b.id(t.user)
        b.text(t.name)
        b.text(t.hash)
        b.text(t.prefix)
        b.date(t.createdAt)
        b.date(t.expiresAt)
        b.date(t.revokedAt)
        b.date(t.lastUsedAt)
    }

    /// Binds an outbox row in `outboxColumns` order, with its message pre-encoded.
    static func bind(_ o: OutboxItem, message: String?, _ b: inout SQLiteBinder) {
        b.text(o.id)
        b.id(o.tenant)
        b.raw(o.kind)
        b.raw(o.channel)
        b.text(o.recipient)
        b.int(o.severity.rank)
        b.id(o.alert)
        b.text(o.fingerprint)
        b.text(o.notification)
        b.text(o.action)
        b.text(message)
        b.raw(o.status)
        b.int(o.attempts)
        b.date(o.nextAttemptAt)
        b.text(o.lastError)
        b.date(o.createdAt)
        b.date(o.deliveredAt)
    }

    // MARK: - Reading

    /// A user from a row in `userColumns` order.
    static func user(_ row: SQLiteRow, _ json: AlertJSON) throws -> User {
        let t = "users"
        return User(
            id: row.id(1)!, tenant: row.id(0)!, name: row[2], email: row[3],
            role: try SQLiteValue.enumValue(row[4] as String, as: UserRole.self, table: t, column: "role"),
            rep: row.id(5), timeZone: row[6],
            preferences: try json.decode(DeliveryPreferences.self, row[7], table: t, column: "preferences"),
            createdAt: row.date(8)!, disabled: row[9])
    }

    /// A token from a row in `tokenColumns` order.
    static func token(_ row: SQLiteRow) -> ApiToken {
        ApiToken(
            id: row.id(0)!, tenant: row.id(1)!, user: row.id(2)!, name: row[3], hash: row[4], prefix: row[5],
            createdAt: row.date(6)!, expiresAt: row.date(7), revokedAt: row.date(8), lastUsedAt: row.date(9))
    }

    /// An audit line from a row in `auditColumns` order.
    static func auditEntry(_ row: SQLiteRow) -> AuditLogEntry {
        AuditLogEntry(
            sequence: row[0], tenant: row.id(1)!, at: row.date(2)!, actor: row[3], action: row[4], target: row[5],
            detail: row[6])
    }

    /// An outbox row from a row in `outboxColumns` order.
    static func outboxItem(_ row: SQLiteRow, _ json: AlertJSON) throws -> OutboxItem {
        let t = "outbox"
        let rank: Int = row[5]
        guard let severity = Severity.allCases.first(where: { $0.rank == rank }) else {
            throw StoreError.corruptValue(String(rank), table: t, column: "severity")
        }
        return OutboxItem(
            id: row[0], tenant: row.id(1)!,
            kind: try SQLiteValue.enumValue(row[2] as String, as: OutboxItem.Kind.self, table: t, column: "kind"),
            channel: try SQLiteValue.enumValue(
                row[3] as String, as: DeliveryChannelKind.self, table: t, column: "channel"),
            recipient: row[4], severity: severity, alert: row.id(6), fingerprint: row[7], notification: row[8],
            action: row[9],
            message: try (row[10] as String?).map {
                try json.decode(DeliveryMessage.self, $0, table: t, column: "message")
            },
            status: try SQLiteValue.enumValue(
                row[11] as String, as: OutboxItem.Status.self, table: t, column: "status"),
            attempts: row[12], nextAttemptAt: row.date(13)!, lastError: row[14], createdAt: row.date(15)!,
            deliveredAt: row.date(16))
    }

    /// A feed entry from a row in `changeColumns` order.
    static func change(_ row: SQLiteRow) throws -> AlertChange {
        AlertChange(
            sequence: row[0], tenant: row.id(1)!, alert: row.id(2)!, number: row[3],
            state: try SQLiteValue.enumValue(
                row[4] as String, as: AlertState.self, table: "alert_changes", column: "state"),
            at: row.date(5)!)
    }
}
