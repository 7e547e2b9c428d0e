import Foundation
import GRDB
import PulseCore
import Testing

@testable import PulseStore

/// Alert-book behaviour specific to the SQLite file: the schema migration, indexes and unreadable values.
@Suite struct SQLiteAlertStoreTests {
    @Test func aDatabaseOfTheFirstSchemaMigratesForwardAndKeepsItsData() async throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let path = folder.path("issue-2.sqlite")
        do {
            // A database as the previous release left it: only the first migration, with ingested data.
            let pool = try DatabasePool(path: path)
            try SQLiteSchema.migrator.migrate(pool, upTo: "v1-initial-schema")
            // Contacts have a column (opted_out) this schema lacks; the batch writer writes today's columns.
            var batch = Fixtures.fullBatch()
            batch.contacts = []
            _ = try await pool.write { [batch] db in
                try SQLiteBatchWriter(db: db, now: Fixtures.date(), bulkLoadThreshold: 50_000).apply(batch)
            }
            #expect(try await pool.read { db in try db.tableExists("alerts") } == false)
            try pool.close()
        }
        let store = try SQLiteStore(path: path)
        let migrations = try await store.writer.read { db in
            try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier")
        }
        #expect(migrations == ["v1-initial-schema", "v2-alert-book", "v3-server", "v4-models"])
        #expect(try await store.deals(tenant: "acme") == [Fixtures.deal()])
        #expect(try await store.activities(tenant: "acme", from: .distantPast, to: .distantFuture).count == 1)
        let saved = try await store.save(AlertFixtures.fullChangeSet())
        #expect(saved.map(\.number) == [1])
        #expect(try await store.alert(number: 1, tenant: "acme")?.id == AlertFixtures.fullAlert().id)
        #expect(try await store.counts()["alerts"] == 1)
    }

    @Test func theAlertQueriesUseTheirIndexes() async throws {
        try await withSQLiteStore { store, _ in
            let plans: [(sql: String, index: String)] = [
                ("SELECT * FROM alerts WHERE tenant = 'a' AND state IN ('open', 'pending')", "alerts_state"),
                (
                    "SELECT * FROM alerts WHERE tenant = 'a' AND fingerprint = 'f' ORDER BY raised_at DESC",
                    "alerts_fingerprint"
                ),
                ("SELECT rule, state, COUNT(*) FROM alerts WHERE tenant = 'a' GROUP BY rule, state", "alerts_rule"),
                ("SELECT * FROM alerts WHERE tenant = 'a' AND owner = 'r'", "alerts_owner"),
                ("SELECT * FROM alert_audit WHERE alert = 'x' ORDER BY at, id", "alert_audit_alert"),
                (
                    "SELECT recipient, COUNT(*) FROM alert_notifications WHERE tenant = 'a' AND recipient = 'r' "
                        + "AND created_at >= 0", "alert_notifications_recipient"
                ),
                (
                    "SELECT * FROM alert_notifications WHERE tenant = 'a' AND status = 'queued' ORDER BY created_at",
                    "alert_notifications_status"
                ),
                ("SELECT * FROM silences WHERE tenant = 'a' AND ends_at > 5", "silences_ends_at"),
            ]
            for (sql, index) in plans {
                let plan = try await store.writer.read { db in
                    try String.fetchAll(db, sql: "EXPLAIN QUERY PLAN \(sql)", adapter: SuffixRowAdapter(fromIndex: 3))
                }
                #expect(plan.contains { $0.contains(index) }, "\(sql): \(plan)")
            }
        }
    }

    @Test func anUnreadableJSONColumnIsReportedWithItsTableAndColumn() async throws {
        try await withSQLiteStore { store, _ in
            _ = try await store.save(AlertChangeSet(alerts: [AlertFixtures.alert("a")]))
            try await store.writer.write { db in try db.execute(sql: "UPDATE alerts SET facts = '{not json'") }
            let error = await #expect(throws: StoreError.self) { try await store.activeAlerts(tenant: "acme") }
            #expect(error?.code == "corrupt_value")
            #expect(error?.message.contains("alerts.facts") == true)
        }
    }

    @Test func fractionsOfASecondAreDroppedFromStoredDates() async throws {
        try await withSQLiteStore { store, _ in
            var alert = AlertFixtures.alert("a")
            alert.updatedAt = AlertFixtures.date().addingTimeInterval(0.75)
            _ = try await store.save(AlertChangeSet(alerts: [alert]))
            #expect(try await store.alert(id: alert.id)?.updatedAt == AlertFixtures.date())
        }
    }
}
