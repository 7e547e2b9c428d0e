import Foundation
import GRDB
import PulseCore

/// Users, API tokens and the access audit log in the SQLite file.
extension SQLiteStore: AccessStore {
    private typealias T = SQLiteServerTables

    public func saveUser(_ user: User) async throws {
        let preferences = try AlertJSON().encode(user.preferences)
        _ = try await write("user \(user.id.rawValue)") { db in
            let upsert = try db.cachedStatement(
                sql: SQLiteAlertTables.insert(
                    T.userColumns, into: "users",
                    SQLiteAlertTables.upsert(T.userColumns, key: ["tenant", "id"], keep: [])))
            return try upsert.run(in: db) { T.bind(user, preferences: preferences, &$0) }
        }
    }

    public func users(tenant: Tenant.ID) async throws -> [User] {
        try await fetchUsers("WHERE tenant = ? ORDER BY id") { $0.id(tenant) }
    }

    public func user(_ id: User.ID, tenant: Tenant.ID) async throws -> User? {
        try await fetchUsers("WHERE tenant = ? AND id = ?") { binder in
            binder.id(tenant)
            binder.id(id)
        }.first
    }

    private func fetchUsers(_ suffix: String, _ bind: @escaping @Sendable (inout SQLiteBinder) -> Void)
        async throws -> [User]
    {
        try await read { db in
            let json = AlertJSON()
            let statement = try db.cachedStatement(sql: SQLiteAlertTables.select(T.userColumns, from: "users", suffix))
            var users: [User] = []
            try statement.forEachRow(in: db, bind: bind) { users.append(try T.user($0, json)) }
            return users
        }
    }

    public func saveToken(_ token: ApiToken) async throws {
        _ = try await write("token \(token.id.rawValue)") { db in
            let taken = try db.cachedStatement(sql: "SELECT 1 FROM api_tokens WHERE hash = ? AND id != ?")
            var conflict = false
            try taken.forEachRow(
                in: db,
                bind: { binder in
                    binder.text(token.hash)
                    binder.id(token.id)
                }
            ) { _ in conflict = true }
            if conflict { throw StoreError.tokenHashTaken(token.id.rawValue) }
            let upsert = try db.cachedStatement(
                sql: SQLiteAlertTables.insert(
                    T.tokenColumns, into: "api_tokens", SQLiteAlertTables.upsert(T.tokenColumns, key: ["id"], keep: []))
            )
            return try upsert.run(in: db) { T.bind(token, &$0) }
        }
    }

    public func token(hash: String) async throws -> ApiToken? {
        try await fetchTokens("WHERE hash = ?") { $0.text(hash) }.first
    }

    public func tokens(tenant: Tenant.ID, user: User.ID?) async throws -> [ApiToken] {
        let order = "ORDER BY created_at DESC, id"
        if let user {
            return try await fetchTokens("WHERE tenant = ? AND user = ? \(order)") { binder in
                binder.id(tenant)
                binder.id(user)
            }
        }
        return try await fetchTokens("WHERE tenant = ? \(order)") { $0.id(tenant) }
    }

    private func fetchTokens(_ suffix: String, _ bind: @escaping @Sendable (inout SQLiteBinder) -> Void)
        async throws -> [ApiToken]
    {
        try await read { db in
            let statement = try db.cachedStatement(
                sql: SQLiteAlertTables.select(T.tokenColumns, from: "api_tokens", suffix))
            var tokens: [ApiToken] = []
            try statement.forEachRow(in: db, bind: bind) { tokens.append(T.token($0)) }
            return tokens
        }
    }

    @discardableResult
    public func revokeToken(_ id: ApiToken.ID, tenant: Tenant.ID, at: Date) async throws -> Bool {
        try await write("the revocation of token \(id.rawValue)") { db in
            let update = try db.cachedStatement(
                sql: "UPDATE api_tokens SET revoked_at = ? WHERE tenant = ? AND id = ? AND revoked_at IS NULL")
            return try update.run(in: db) { binder in
                binder.date(at)
                binder.id(tenant)
                binder.id(id)
            } > 0
        }
    }

    public func appendAudit(_ entries: [AuditLogEntry]) async throws {
        guard !entries.isEmpty else { return }
        let columns = Array(T.auditColumns.dropFirst())
        _ = try await write("\(entries.count) audit log line(s)") { db in
            let insert = try db.cachedStatement(sql: SQLiteAlertTables.insert(columns, into: "audit_log"))
            for entry in entries {
                _ = try insert.run(in: db) { binder in
                    binder.id(entry.tenant)
                    binder.date(entry.at)
                    binder.text(entry.actor)
                    binder.text(entry.action)
                    binder.text(entry.target)
                    binder.text(entry.detail)
                }
            }
            return entries.count
        }
    }

    public func auditLog(tenant: Tenant.ID, from: Date, to: Date, after: Int64, limit: Int) async throws
        -> [AuditLogEntry]
    {
        try await read { db in
            let statement = try db.cachedStatement(
                sql: SQLiteAlertTables.select(
                    T.auditColumns, from: "audit_log",
                    "WHERE tenant = ? AND at >= ? AND at < ? AND sequence > ? ORDER BY sequence LIMIT ?"))
            var entries: [AuditLogEntry] = []
            try statement.forEachRow(
                in: db,
                bind: { binder in
                    binder.id(tenant)
                    binder.date(from)
                    binder.int64(Self.exclusiveUpperBound(to))
                    binder.int64(after)
                    binder.int(limit)
                }
            ) { entries.append(T.auditEntry($0)) }
            return entries
        }
    }
}
