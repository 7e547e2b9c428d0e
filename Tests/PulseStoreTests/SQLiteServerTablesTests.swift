import Foundation
import GRDB
import PulseCore
import Testing

@testable import PulseStore

/// Server-table behaviour specific to the SQLite file: the `v3-server` migration, indexes and unreadable values.
@Suite struct SQLiteServerTablesTests {
    @Test func aDatabaseOfTheAlertBookSchemaMigratesForwardAndKeepsItsAlertsAndContacts() async throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let path = folder.path("issue-3.sqlite")
        do {
            // A database as the previous release left it: alert book schema, ingested data and one alert.
            let pool = try DatabasePool(path: path)
            try SQLiteSchema.migrator.migrate(pool, upTo: SQLiteAlertTables.migration)
            // The batch writer writes today's contact columns, so the contact goes in as that release wrote it.
            var batch = Fixtures.fullBatch()
            batch.contacts = []
            _ = try await pool.write { [batch] db in
                try SQLiteBatchWriter(db: db, now: Fixtures.date(), bulkLoadThreshold: 50_000).apply(batch)
                try db.execute(
                    sql: """
                        INSERT INTO contacts (tenant, id, account, name, email, title, role)
                        VALUES ('acme', 'con-1', 'acc-1', 'Dana "DJ" Jones', 'dana@globex.example', 'CFO',
                                'economic_buyer')
                        """)
            }
            #expect(try await pool.read { db in try db.tableExists("outbox") } == false)
            try pool.close()
        }
        let store = try SQLiteStore(path: path)
        #expect(try await store.contacts(tenant: "acme") == [Fixtures.contact])
        let optedOut = try await store.writer.read { db in
            try Int.fetchAll(db, sql: "SELECT opted_out FROM contacts")
        }
        #expect(optedOut == [0])
        let saved = try await store.save(AlertFixtures.fullChangeSet())
        #expect(try await store.alertChanges(tenant: "acme", after: 0, limit: 5).map(\.alert) == saved.map(\.id))
        #expect(try await store.outboxCounts(tenant: "acme")[.pending] == 0)
    }

    @Test func theServerQueriesUseTheirIndexes() async throws {
        try await withSQLiteStore { store, _ in
            let plans: [(sql: String, index: String)] = [
                (
                    "SELECT * FROM outbox WHERE status = 'pending' AND next_attempt_at <= 5 "
                        + "ORDER BY severity, created_at, id", "outbox_due"
                ),
                (
                    "SELECT * FROM outbox WHERE tenant = 'a' AND status = 'dead' ORDER BY created_at DESC",
                    "outbox_tenant"
                ),
                ("SELECT * FROM alert_changes WHERE tenant = 'a' AND sequence > 5 ORDER BY sequence", "alert_changes"),
                ("SELECT * FROM audit_log WHERE tenant = 'a' AND at >= 0 AND at < 9", "audit_log_at"),
                ("SELECT * FROM api_tokens WHERE hash = 'h'", "api_tokens"),
            ]
            for (sql, index) in plans {
                let plan = try await store.writer.read { db in
                    try String.fetchAll(db, sql: "EXPLAIN QUERY PLAN \(sql)", adapter: SuffixRowAdapter(fromIndex: 3))
                }
                #expect(plan.contains { $0.contains(index) && !$0.hasPrefix("SCAN") }, "\(sql): \(plan)")
            }
        }
    }

    @Test func anUnreadableOutboxRowIsReportedWithItsTableAndColumn() async throws {
        try await withSQLiteStore { store, _ in
            try await store.enqueue(
                [ServerFixtures.item("r", message: ServerFixtures.message())], handingOver: [], tenant: "acme")
            try await store.writer.write { db in try db.execute(sql: "UPDATE outbox SET severity = 9") }
            let error = await #expect(throws: StoreError.self) {
                try await store.dueOutbox(now: ServerFixtures.date(), limit: 5)
            }
            #expect(error?.message.contains("outbox.severity") == true)
            try await store.writer.write { db in try db.execute(sql: "UPDATE outbox SET severity = 0, message = '{'") }
            let message = await #expect(throws: StoreError.self) {
                try await store.outbox(tenant: "acme", status: nil, limit: 5)
            }
            #expect(message?.message.contains("outbox.message") == true)
        }
    }
}
