import Foundation
import GRDB
import PulseCore
import Testing

@testable import PulseStore

/// Behaviour specific to the embedded SQLite store: file, WAL, migrations, errors.
@Suite struct SQLiteStoreTests {
    @Test func theDatabaseRunsInWALMode() async throws {
        try await withSQLiteStore { store, _ in
            let mode = try await store.writer.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
            #expect(mode == "wal")
        }
    }

    @Test func openingTheSameFileTwiceRunsMigrationsOnceAndKeepsData() async throws {
        try await withSQLiteStore { store, folder in
            _ = try await store.apply(Fixtures.fullBatch())
            let reopened = try SQLiteStore(path: folder.path("pulse.sqlite"))
            let migrations = try await reopened.writer.read { db in
                try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
            }
            #expect(migrations == ["v1-initial-schema", "v2-alert-book", "v3-server", "v4-models"])
            #expect(try await reopened.deals(tenant: "acme") == [Fixtures.deal()])
        }
    }

    @Test func aDatabaseFromANewerPulseIsRefusedWithoutChangingIt() async throws {
        try await withSQLiteStore { store, folder in
            try await store.writer.write { db in
                try db.execute(
                    sql: "INSERT INTO grdb_migrations (identifier) VALUES (?)", arguments: ["v99-from-the-future"])
            }
            let error = #expect(throws: StoreError.self) { try SQLiteStore(path: folder.path("pulse.sqlite")) }
            #expect(error?.code == "db_newer_schema")
            #expect(error?.message.contains("v99-from-the-future") == true)
        }
    }

    @Test func missingParentFoldersAreCreated() async throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let path = folder.path("a/b/c/pulse.sqlite")
        _ = try SQLiteStore(path: path)
        #expect(FileManager.default.fileExists(atPath: path))
    }

    @Test func aPathUnderARegularFileFailsWithAnErrorNamingPathReasonAndFix() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let file = folder.path("plain.txt")
        try Data("not a folder".utf8).write(to: URL(fileURLWithPath: file))
        let path = file + "/data/pulse.sqlite"
        let error = #expect(throws: StoreError.self) { try SQLiteStore(path: path) }
        #expect(error?.code == "db_unwritable")
        #expect(error?.message.contains(path) == true)
        #expect(error?.message.contains("is a file, not a folder") == true)
        #expect(error?.message.contains("--db PATH") == true)
    }

    @Test func aPathInAnUnwritableLocationFailsWithAnError() throws {
        let path = "/proc/pulse-test/pulse.sqlite"
        let error = #expect(throws: StoreError.self) { try SQLiteStore(path: path) }
        #expect(error?.code == "db_unwritable")
        #expect(error?.message.contains(path) == true)
        #expect(error?.message.contains("--db PATH") == true)
    }

    @Test func aFolderGivenAsTheDatabasePathFailsWithAnError() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let error = #expect(throws: StoreError.self) { try SQLiteStore(path: folder.url.path) }
        #expect(error?.message.contains("is a directory") == true)
    }

    @Test func aFileThatIsNotADatabaseFailsWithAnError() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let path = folder.path("notes.sqlite")
        try Data(String(repeating: "this is not sqlite\n", count: 400).utf8).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: StoreError.self) { try SQLiteStore(path: path) }
        #expect(error?.code == "db_unwritable")
        #expect(error?.message.contains(path) == true)
        #expect(error?.message.contains("not a database") == true)
    }

    @Test func aBatchThatFailsHalfWayLeavesTheDatabaseUnchanged() async throws {
        try await withSQLiteStore { store, _ in
            _ = try await store.apply(Fixtures.fullBatch())
            // A trigger stands in for any constraint failure deep inside the batch.
            try await store.writer.write { db in
                try db.execute(
                    sql: """
                        CREATE TRIGGER fail_on_boom BEFORE INSERT ON activities WHEN NEW.id = 'boom'
                        BEGIN SELECT RAISE(ABORT, 'forced failure'); END
                        """)
            }
            let before = try await store.counts()
            var batch = IngestBatch()
            batch.accounts = [Account(id: "acc-2", tenant: "acme", name: "Second")]
            batch.deals = [Fixtures.deal(id: "deal-2")]
            batch.activities = (0..<500).map { Fixtures.activity(id: Activity.ID("a\($0)")) }
            batch.activities.append(Fixtures.activity(id: "boom"))
            batch.quarantine = [
                QuarantineRecord(source: "x.csv", line: 2, field: nil, gate: .parse, reason: "bad", raw: "")
            ]
            let error = await #expect(throws: StoreError.self) { try await store.apply(batch) }
            #expect(error?.code == "write_failed")
            #expect(error?.message.contains("forced failure") == true)
            #expect(error?.message.contains(store.path) == true)
            #expect(try await store.counts() == before)
        }
    }

    @Test func aBulkLoadIntoAnEmptyTableRebuildsItsIndexesAndFailsCleanly() async throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let store = try SQLiteStore(path: folder.path("bulk.sqlite"), bulkLoadThreshold: 10)
        func indexes() async throws -> [String] {
            try await store.writer.read { db in
                try String.fetchAll(
                    db,
                    sql:
                        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'activities' AND sql IS NOT NULL"
                )
            }
        }
        let before = try await indexes()
        #expect(before == ["activities_occurred_at"])
        try await store.writer.write { db in
            try db.execute(
                sql: """
                    CREATE TRIGGER fail_on_boom BEFORE INSERT ON activities WHEN NEW.id = 'boom'
                    BEGIN SELECT RAISE(ABORT, 'forced failure'); END
                    """)
        }
        var batch = IngestBatch()
        batch.activities = (0..<30).map { Fixtures.activity(id: Activity.ID("a\($0)"), at: Fixtures.date(seconds: $0)) }
        let failing = batch.activities + [Fixtures.activity(id: "boom")]
        var bad = batch
        bad.activities = failing
        await #expect(throws: StoreError.self) { try await store.apply(bad) }
        #expect(try await indexes() == before)
        #expect(try await store.counts()["activities"] == 0)

        let summary = try await store.apply(batch)
        #expect(summary.inserted["activities"] == 30)
        #expect(try await indexes() == before)
        let window = try await store.activities(
            tenant: "acme", from: Fixtures.date(seconds: 5), to: Fixtures.date(seconds: 8))
        #expect(window.map(\.id) == ["a5", "a6", "a7"])
        #expect(try await store.apply(batch).totalUnchanged == 30)
    }

    @Test func aBulkLoadOfDealsRebuildsTheirIndexesAndKeepsTheUniqueStageHistory() async throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let store = try SQLiteStore(path: folder.path("bulk-deals.sqlite"), bulkLoadThreshold: 10)
        func indexes() async throws -> [String] {
            try await store.writer.read { db in
                try String.fetchAll(
                    db,
                    sql: """
                        SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
                            AND tbl_name IN ('deals', 'deal_stage_history') ORDER BY name
                        """)
            }
        }
        let before = try await indexes()
        #expect(before.contains("deal_stage_history_entry"))
        #expect(before.contains("deals_closed_at"))
        var batch = IngestBatch()
        batch.deals = (0..<30).map { index in
            var deal = Fixtures.deal(id: Deal.ID("d\(index)"))
            // The same stage entry twice: the UNIQUE history index must still drop the repeat.
            deal.stageHistory += deal.stageHistory
            return deal
        }
        let summary = try await store.apply(batch)
        #expect(summary.inserted["deals"] == 30)
        #expect(try await indexes() == before)
        let stored = try await store.deals(tenant: batch.deals[0].tenant)
        #expect(stored.count == 30)
        let expectedEntries = Set(batch.deals[0].stageHistory.map { "\($0.stage)@\($0.enteredAt)" }).count
        #expect(stored.allSatisfy { $0.stageHistory.count == expectedEntries })
        #expect(try await store.apply(batch).totalUnchanged == 30)
    }

    @Test func datesAreStoredAsWholeUnixSecondsRoundedDown() async throws {
        try await withSQLiteStore { store, _ in
            var batch = IngestBatch()
            batch.activities = [
                Activity(id: "a", kind: .note, occurredAt: Date(timeIntervalSince1970: 1_700_000_000.999))
            ]
            _ = try await store.apply(batch)
            let stored = try await store.writer.read { db in
                let row = try Row.fetchOne(db, sql: "SELECT typeof(occurred_at), occurred_at FROM activities")
                return row.map { ($0[0] as String, $0[1] as Int64) }
            }
            #expect(stored?.0 == "integer")
            #expect(stored?.1 == 1_700_000_000)
            let facts = try await store.activityFacts(tenant: Tenant.defaultID)
            #expect(facts.map(\.occurredAt) == [Date(timeIntervalSince1970: 1_700_000_000)])
            #expect(try await store.apply(batch).totalUnchanged == 1)
        }
    }

    @Test func valuesWithQuotesAndSQLAreStoredLiterally() async throws {
        try await withSQLiteStore { store, _ in
            var batch = IngestBatch()
            let name = "Robert'); DROP TABLE accounts; --"
            batch.accounts = [Account(id: "x'y", name: name)]
            _ = try await store.apply(batch)
            #expect(try await store.accounts(tenant: Tenant.defaultID).map(\.name) == [name])
            #expect(try await store.existingDealIDs(["' OR 1=1 --"], tenant: Tenant.defaultID).isEmpty)
        }
    }

    @Test func aStoredValueThisVersionCannotReadFailsWithAnErrorNamingTheColumn() async throws {
        try await withSQLiteStore { store, _ in
            var batch = IngestBatch()
            batch.reps = [Rep(id: "r", name: "R")]
            _ = try await store.apply(batch)
            try await store.writer.write { db in try db.execute(sql: "UPDATE reps SET role = 'wizard'") }
            let error = await #expect(throws: StoreError.self) { try await store.reps(tenant: Tenant.defaultID) }
            #expect(error?.code == "corrupt_value")
            #expect(error?.message.contains("reps.role") == true)
        }
    }

    @Test(arguments: [
        (
            "SELECT id FROM activities WHERE tenant = ? AND occurred_at >= 0 AND occurred_at < 9",
            "activities_occurred_at"
        ),
        ("SELECT id FROM deals WHERE tenant = ? AND call_date >= 0", "deals_call_date"),
        ("SELECT id FROM deals WHERE tenant = ? AND partner_list_sent_date >= 0", "deals_partner_list_sent_date"),
        ("SELECT id FROM deals WHERE tenant = ? AND agreement_date >= 0", "deals_agreement_date"),
        ("SELECT id FROM deals WHERE tenant = ? AND closed_at >= 0", "deals_closed_at"),
        ("SELECT id FROM deals WHERE tenant = ? AND created_at >= 0", "deals_created_at"),
        ("SELECT id FROM engagement_events WHERE tenant = ? AND occurred_at >= 0", "engagement_events_occurred_at"),
        ("SELECT id FROM support_tickets WHERE tenant = ? AND opened_at >= 0", "support_tickets_opened_at"),
    ])
    func reportDateQueriesUseAnIndex(_ sql: String, _ index: String) async throws {
        try await withSQLiteStore { store, _ in
            let details = try await store.writer.read { db in
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: ["acme"]).map {
                    $0["detail"] as String
                }
            }
            #expect(details.contains { $0.contains("USING INDEX \(index)") || $0.contains("COVERING INDEX \(index)") })
        }
    }
}
