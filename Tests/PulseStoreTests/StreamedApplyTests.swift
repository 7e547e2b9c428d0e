import Foundation
import GRDB
import PulseCore
import Testing

@testable import PulseStore

/// `apply(chunks:expectedRows:)`: one transaction over many chunks, committed on `finish`, rolled back on `fail`.
@Suite struct StreamedApplyTests {
    /// 40 accounts and 40 activities, split into chunks of 10 of each.
    static func chunks() -> [IngestChunk] {
        (0..<4).map { part in
            var batch = IngestBatch()
            for index in (part * 10)..<(part * 10 + 10) {
                batch.accounts.append(Account(id: .init("a-\(index)"), tenant: "acme", name: "A \(index)"))
                batch.activities.append(
                    Activity(
                        id: .init("act-\(index)"), tenant: "acme", kind: .callConducted,
                        occurredAt: Fixtures.date(days: index)))
            }
            return IngestChunk(records: batch)
        }
    }

    static func indexNames(_ store: SQLiteStore) async throws -> [String] {
        try await store.writer.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name")
        }
    }

    @Test(arguments: [10, 1_000_000])
    func chunksThatFinishAreCommittedAndCountedLikeOneBatch(expectedRows: Int) async throws {
        try await withSQLiteStore { store, folder in
            let indexes = try await Self.indexNames(store)
            let channel = ChunkChannel(capacity: 1)
            async let summary = store.apply(chunks: channel, expectedRows: expectedRows)
            for chunk in Self.chunks() { try await channel.send(chunk) }
            channel.finish()
            #expect(try await summary.inserted == ["accounts": 40, "activities": 40])
            #expect(try await store.counts()["accounts"] == 40)
            #expect(try await store.counts()["ingest_batches"] == 1)
            #expect(try await Self.indexNames(store) == indexes)

            let whole = try SQLiteStore(path: folder.path("whole.sqlite"))
            var batch = IngestBatch()
            for chunk in Self.chunks() {
                batch.accounts += chunk.records.accounts
                batch.activities += chunk.records.activities
            }
            _ = try await whole.apply(batch)
            #expect(try await whole.accounts(tenant: "acme") == store.accounts(tenant: "acme"))
            #expect(try await whole.activityFacts(tenant: "acme") == store.activityFacts(tenant: "acme"))
        }
    }

    @Test(arguments: [10, 1_000_000])
    func aRunThatFailsAfterWrittenChunksLeavesTheStoreAsItWas(expectedRows: Int) async throws {
        try await withSQLiteStore { store, _ in
            _ = try await store.apply(Fixtures.fullBatch())
            let counts = try await store.counts()
            let indexes = try await Self.indexNames(store)
            let channel = ChunkChannel(capacity: 1)
            async let summary = store.apply(chunks: channel, expectedRows: expectedRows)
            for chunk in Self.chunks() { try await channel.send(chunk) }
            channel.fail(StoreError(code: "test", message: "the run was aborted"))
            var thrown: (any Error)?
            do { _ = try await summary } catch { thrown = error }
            #expect((thrown as? StoreError)?.code == "test")
            #expect(try await store.counts() == counts)
            #expect(try await Self.indexNames(store) == indexes)
            #expect(try await store.accounts(tenant: "acme") == [Fixtures.account])
        }
    }

    @Test func aReplacementIsWrittenButNotCountedAgain() async throws {
        try await withSQLiteStore { store, _ in
            let channel = ChunkChannel()
            async let summary = store.apply(chunks: channel, expectedRows: 2)
            var first = IngestBatch()
            first.accounts = [Account(id: "a", tenant: "acme", name: "Old")]
            try await channel.send(IngestChunk(records: first))
            var second = IngestChunk()
            second.replacements.accounts = [Account(id: "a", tenant: "acme", name: "New")]
            try await channel.send(second)
            channel.finish()
            #expect(try await summary.inserted == ["accounts": 1])
            #expect(try await summary.totalUpdated == 0)
            #expect(try await store.accounts(tenant: "acme").map(\.name) == ["New"])
        }
    }
}
