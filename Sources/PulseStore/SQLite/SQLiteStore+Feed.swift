import Foundation
import GRDB
import PulseCore

/// The alert change feed in the SQLite file: `save(_:)` appends one `alert_changes` row per saved alert in its
/// own transaction (see `appendChanges`), so the feed never misses or invents a change.
extension SQLiteStore: AlertFeedStore {
    private typealias T = SQLiteServerTables

    /// Appends a feed entry for every saved alert (numbers already assigned), inside the caller's transaction.
    static func appendChanges(_ saved: [Alert], _ db: Database) throws {
        guard !saved.isEmpty else { return }
        let insert = try db.cachedStatement(
            sql: SQLiteAlertTables.insert(Array(T.changeColumns.dropFirst()), into: "alert_changes"))
        for alert in saved {
            _ = try insert.run(in: db) { binder in
                binder.id(alert.tenant)
                binder.id(alert.id)
                binder.int64(alert.number)
                binder.raw(alert.state)
                binder.date(alert.updatedAt)
            }
        }
    }

    public func alertChanges(tenant: Tenant.ID, after sequence: Int64, limit: Int) async throws -> [AlertChange] {
        try await read { db in
            let statement = try db.cachedStatement(
                sql: SQLiteAlertTables.select(
                    T.changeColumns, from: "alert_changes",
                    "WHERE tenant = ? AND sequence > ? ORDER BY sequence LIMIT ?"))
            var changes: [AlertChange] = []
            try statement.forEachRow(
                in: db,
                bind: { binder in
                    binder.id(tenant)
                    binder.int64(sequence)
                    binder.int(limit)
                }
            ) { changes.append(try T.change($0)) }
            return changes
        }
    }

    public func latestAlertChange(tenant: Tenant.ID) async throws -> Int64 {
        try await read { db in
            try Int64.fetchOne(
                db, sql: "SELECT COALESCE(MAX(sequence), 0) FROM alert_changes WHERE tenant = ?",
                arguments: [tenant.rawValue]) ?? 0
        }
    }

    /// The stored alerts among `ids`, in the order of `ids` (first occurrence), unknown ids left out.
    public func alerts(ids: [Alert.ID]) async throws -> [Alert] {
        var seen = Set<Alert.ID>()
        let unique = ids.filter { seen.insert($0).inserted }
        guard !unique.isEmpty else { return [] }
        let found = try await read { db in
            let json = AlertJSON()
            var found: [Alert.ID: Alert] = [:]
            for start in stride(from: 0, to: unique.count, by: 500) {
                let slice = unique[start..<min(unique.count, start + 500)]
                let statement = try db.makeStatement(
                    sql: SQLiteAlertTables.select(
                        SQLiteAlertTables.alertColumns, from: "alerts", "WHERE id IN (\(Self.marks(slice.count)))"))
                try statement.forEachRow(in: db, bind: { binder in slice.forEach { binder.id($0) } }) { row in
                    let alert = try SQLiteAlertTables.alert(row, json)
                    found[alert.id] = alert
                }
            }
            return found
        }
        return unique.compactMap { found[$0] }
    }
}
