import Foundation
import GRDB
import PulseCore

/// The delivery outbox and named cursors in the SQLite file. Every write is one transaction.
extension SQLiteStore: OutboxStore {
    private typealias T = SQLiteServerTables

    @discardableResult
    public func enqueue(_ items: [OutboxItem], handingOver notifications: [String], tenant: Tenant.ID) async throws
        -> Int
    {
        if let stranger = items.first(where: { $0.tenant != tenant }) {
            throw StoreError(
                code: "outbox_tenant_mismatch",
                message: "Outbox row \(stranger.id) is for tenant \(stranger.tenant.rawValue), but it was enqueued "
                    + "for tenant \(tenant.rawValue); nothing was saved.")
        }
        guard !items.isEmpty || !notifications.isEmpty else { return 0 }
        let json = AlertJSON()
        let messages = try items.map { try $0.message.map(json.encode) }
        return try await write("\(items.count) outbox row(s)") { db in
            // A row whose id is stored is left alone: a message is written, and so delivered, at most once.
            let insert = try db.cachedStatement(
                sql: SQLiteAlertTables.insert(T.outboxColumns, into: "outbox", "ON CONFLICT (id) DO NOTHING"))
            var inserted = 0
            for (item, message) in zip(items, messages) {
                inserted += try insert.run(in: db) { T.bind(item, message: message, &$0) }
            }
            let handOver = try db.cachedStatement(
                sql: "UPDATE alert_notifications SET status = ? WHERE tenant = ? AND id = ?")
            for id in notifications {
                _ = try handOver.run(in: db) { binder in
                    binder.raw(AlertNotification.Status.sent)
                    binder.id(tenant)
                    binder.text(id)
                }
            }
            return inserted
        }
    }

    public func dueOutbox(now: Date, limit: Int) async throws -> [OutboxItem] {
        try await fetchOutbox(
            "WHERE status = ? AND next_attempt_at <= ? ORDER BY severity, created_at, id LIMIT ?"
        ) { binder in
            binder.raw(OutboxItem.Status.pending)
            binder.date(now)
            binder.int(limit)
        }
    }

    public func record(_ outcome: DeliveryOutcome) async throws {
        // Only a pending row takes an outcome: a row delivered, dead or retried by hand meanwhile keeps its state.
        let pending = "WHERE id = ? AND status = 'pending'"
        _ = try await write("the outcome of outbox row \(outcome.id)") { db in
            switch outcome.result {
            case .delivered:
                let update = try db.cachedStatement(
                    sql: "UPDATE outbox SET status = ?, delivered_at = ?, attempts = attempts + 1 \(pending)")
                return try update.run(in: db) { binder in
                    binder.raw(OutboxItem.Status.delivered)
                    binder.date(outcome.at)
                    binder.text(outcome.id)
                }
            case .retry(let at):
                let update = try db.cachedStatement(
                    sql: "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? \(pending)")
                return try update.run(in: db) { binder in
                    binder.date(at)
                    binder.text(outcome.error)
                    binder.text(outcome.id)
                }
            case .dead:
                let update = try db.cachedStatement(
                    sql: "UPDATE outbox SET status = ?, attempts = attempts + 1, last_error = ? \(pending)")
                return try update.run(in: db) { binder in
                    binder.raw(OutboxItem.Status.dead)
                    binder.text(outcome.error)
                    binder.text(outcome.id)
                }
            case .deferred(let until):
                let update = try db.cachedStatement(sql: "UPDATE outbox SET next_attempt_at = ? \(pending)")
                return try update.run(in: db) { binder in
                    binder.date(until)
                    binder.text(outcome.id)
                }
            }
        }
    }

    public func outbox(tenant: Tenant.ID, status: OutboxItem.Status?, limit: Int) async throws -> [OutboxItem] {
        let order = "ORDER BY created_at DESC, id DESC LIMIT ?"
        if let status {
            return try await fetchOutbox("WHERE tenant = ? AND status = ? \(order)") { binder in
                binder.id(tenant)
                binder.raw(status)
                binder.int(limit)
            }
        }
        return try await fetchOutbox("WHERE tenant = ? \(order)") { binder in
            binder.id(tenant)
            binder.int(limit)
        }
    }

    private func fetchOutbox(_ suffix: String, _ bind: @escaping @Sendable (inout SQLiteBinder) -> Void)
        async throws -> [OutboxItem]
    {
        try await read { db in
            let json = AlertJSON()
            let statement = try db.cachedStatement(
                sql: SQLiteAlertTables.select(T.outboxColumns, from: "outbox", suffix))
            var items: [OutboxItem] = []
            try statement.forEachRow(in: db, bind: bind) { items.append(try T.outboxItem($0, json)) }
            return items
        }
    }

    /// Every status, with 0 for those the tenant has no rows in.
    public func outboxCounts(tenant: Tenant.ID) async throws -> [OutboxItem.Status: Int] {
        try await read { db in
            let statement = try db.cachedStatement(
                sql: "SELECT status, COUNT(*) FROM outbox WHERE tenant = ? GROUP BY status")
            let statuses = SQLiteRow.EnumReader<OutboxItem.Status>(table: "outbox", column: "status")
            var counts = Dictionary(uniqueKeysWithValues: OutboxItem.Status.allCases.map { ($0, 0) })
            try statement.forEachRow(in: db, bind: { $0.id(tenant) }) { row in
                counts[try statuses.read(row, 0)] = row[1]
            }
            return counts
        }
    }

    @discardableResult
    public func retryDead(ids: [String], tenant: Tenant.ID, at: Date) async throws -> Int {
        guard !ids.isEmpty else { return 0 }
        return try await write("the retry of \(ids.count) dead outbox row(s)") { db in
            let update = try db.cachedStatement(
                sql: """
                    UPDATE outbox SET status = ?, attempts = 0, next_attempt_at = ?
                    WHERE tenant = ? AND id = ? AND status = ?
                    """)
            var changed = 0
            for id in Set(ids) {
                changed += try update.run(in: db) { binder in
                    binder.raw(OutboxItem.Status.pending)
                    binder.date(at)
                    binder.id(tenant)
                    binder.text(id)
                    binder.raw(OutboxItem.Status.dead)
                }
            }
            return changed
        }
    }

    public func cursor(_ name: String) async throws -> Int64 {
        try await read { db in
            try Int64.fetchOne(db, sql: "SELECT value FROM cursors WHERE name = ?", arguments: [name]) ?? 0
        }
    }

    public func setCursor(_ name: String, to value: Int64) async throws {
        _ = try await write("cursor \(name)") { db in
            let upsert = try db.cachedStatement(
                sql: "INSERT INTO cursors (name, value) VALUES (?1, ?2) ON CONFLICT (name) DO UPDATE SET value = ?2")
            return try upsert.run(in: db) { binder in
                binder.text(name)
                binder.int64(value)
            }
        }
    }
}
