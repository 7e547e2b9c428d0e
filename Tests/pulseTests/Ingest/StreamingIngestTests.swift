import Foundation
import PulseCore
import PulseStore
import Testing

@testable import pulse

/// The streamed write (chunks in one open transaction): same results as one chunk, all or nothing.
@Suite struct StreamingIngestTests {
    static let day = ISODate.parse("2025-06-01T10:00:00Z")!

    static func at(_ days: Double) -> Date { day.addingTimeInterval(days * 86_400) }

    static func line(_ id: String, _ payload: PulseEvent.Payload) throws -> String {
        try EventEncoder().line(for: PulseEvent(id: id, occurredAt: day, payload: payload))
    }

    /// Account events `prefix-1…` as filler, so that the interesting lines land in different chunks.
    static func filler(_ count: Int, prefix: String) throws -> [String] {
        try IngestFixture.accountLines(count, prefix: prefix)
    }

    /// Options that hand a chunk to the store every `rows` rows, reading the file 256 bytes at a time.
    static func chunked(_ rows: Int) -> IngestOptions {
        var options = IngestOptions()
        options.chunkRows = rows
        options.readChunkBytes = 256
        return options
    }

    /// Everything a store holds, as text (reads every kind, history, quarantine, corrections and counts).
    static func snapshot(_ store: SQLiteStore, events: Set<String> = []) async throws -> String {
        let tenants = try await store.tenants()
        var text = "\(tenants)\n\(try await store.counts().byTable.sorted { $0.key < $1.key })\n"
        for tenant in tenants.map(\.id) {
            text += "\(try await store.accounts(tenant: tenant))\n\(try await store.contacts(tenant: tenant))\n"
            text += "\(try await store.reps(tenant: tenant))\n\(try await store.products(tenant: tenant))\n"
            text += "\(try await store.deals(tenant: tenant).sorted { $0.id.rawValue < $1.id.rawValue })\n"
            text += "\(try await store.activities(tenant: tenant, from: .distantPast, to: .distantFuture))\n"
            text += "\(try await store.engagement(tenant: tenant, from: .distantPast, to: .distantFuture))\n"
            text += "\(try await store.tickets(tenant: tenant))\n\(try await store.targets(tenant: tenant))\n"
            text += "\(try await store.subscriptions(tenant: tenant))\n\(try await store.churnEvents(tenant: tenant))\n"
        }
        text += "\(try await store.quarantine(source: nil, limit: 100_000))\n"
        text += "\(try await store.corrections(limit: 100_000))\n"
        text += "\(try await store.existingEventIDs(events).sorted())\n"
        return text
    }

    /// The report's figures that must not depend on the chunk size.
    static func figures(_ report: IngestReport) -> [Int] {
        [report.loaded, report.corrected, report.quarantined, report.duplicates]
            + report.files.flatMap { [$0.rows, $0.loaded, $0.corrected, $0.quarantined, $0.duplicates] }
    }

    /// Ingests `lines` into fresh stores with one chunk and with chunks of 1, 3 and 50 rows (after ingesting the
    /// same file once in one chunk when `twice`); expects the same store content and figures from each, and
    /// returns the one-chunk run's report and store.
    static func sameWithAnyChunkSize(
        _ lines: [String], events: Set<String>, in fixture: IngestFixture, twice: Bool = false
    ) async throws -> (report: IngestReport, store: SQLiteStore) {
        let file = try fixture.write("run.ndjson", lines.joined(separator: "\n"))
        var results: [(String, [Int], IngestReport, SQLiteStore)] = []
        for (position, options) in [IngestOptions(), chunked(1), chunked(3), chunked(50)].enumerated() {
            let store = try fixture.store("chunks-\(position).sqlite")
            if twice { _ = try await IngestRunner(store: store).run(files: [file]) }
            let report = try await IngestRunner(store: store, options: options).run(files: [file])
            results.append((try await snapshot(store, events: events), figures(report), report, store))
        }
        for (position, result) in results.enumerated().dropFirst() {
            #expect(result.0 == results[0].0, "store content, run \(position)")
            #expect(result.1 == results[0].1, "loaded/corrected/quarantined/duplicates, run \(position)")
        }
        return (results[0].2, results[0].3)
    }

    @Test func aBreakerThatTripsAfterSeveralChunksWereWrittenLeavesTheStoreExactlyUnchanged() async throws {
        let fixture = try IngestFixture()
        defer { fixture.cleanUp() }
        let store = try fixture.store()
        let first = try fixture.write("first.ndjson", try Self.filler(40, prefix: "old").joined(separator: "\n"))
        _ = try await IngestRunner(store: store).run(files: [first])
        let ids = Set((1...300).map { "new-evt-\($0)" } + (1...40).map { "old-evt-\($0)" })
        let before = try await Self.snapshot(store, events: ids)
        let countsBefore = try await store.counts()

        // 300 good rows (many chunks of 10 rows are written first), then 60 bad ones: 16.7% > 10%.
        var lines = try Self.filler(300, prefix: "new")
        lines += try Self.filler(40, prefix: "old").map { $0.replacingOccurrences(of: "Account", with: "Renamed") }
        lines += Array(repeating: "{\"id\": 1", count: 60)
        let second = try fixture.write("second.ndjson", lines.joined(separator: "\n"))
        let error = await IngestFixture.failure([second], store: store, options: Self.chunked(10))
        #expect((error as? IngestError)?.code == "circuit_breaker")
        #expect(try await store.counts() == countsBefore)
        #expect(try await Self.snapshot(store, events: ids) == before)
        #expect(try await store.accounts(tenant: Tenant.defaultID).count == 40)
    }

    @Test func duplicatesAcrossChunksResolveToTheNewest() async throws {
        let fixture = try IngestFixture()
        defer { fixture.cleanUp() }
        var lines = [
            try Self.line("e-a1", .account(Account(id: "dup-account", name: "First"))),
            try Self.line(
                "e-d1", .deal(Deal(id: "dup-deal", name: "Newer", stage: "Prospecting", updatedAt: Self.at(5)))),
        ]
        lines += try Self.filler(30, prefix: "fill")
        lines += [
            try Self.line("e-a2", .account(Account(id: "dup-account", name: "Second"))),
            // Older updatedAt: loses to the earlier line.
            try Self.line(
                "e-d2", .deal(Deal(id: "dup-deal", name: "Older", stage: "Prospecting", updatedAt: Self.at(1)))),
        ]
        let ids: Set<String> = ["e-a1", "e-a2", "e-d1", "e-d2"]
        let (report, store) = try await Self.sameWithAnyChunkSize(lines, events: ids, in: fixture)
        let accounts = try await store.accounts(tenant: Tenant.defaultID)
        #expect(accounts.first { $0.id == "dup-account" }?.name == "Second")
        #expect(try await store.deal("dup-deal", tenant: Tenant.defaultID)?.name == "Newer")
        #expect(report.duplicates == 2)
        #expect(report.loaded == 32)
        #expect(try await store.existingEventIDs(ids) == ["e-a2", "e-d1"])
    }

    @Test func aDealThatReappearsLaterReplacesTheEarlierStageHistory() async throws {
        let fixture = try IngestFixture()
        defer { fixture.cleanUp() }
        let early = Deal(
            id: "d-1", name: "Deal", stage: "Qualified",
            stageHistory: [
                .init(stage: "Prospecting", enteredAt: Self.at(0)), .init(stage: "Qualified", enteredAt: Self.at(2)),
            ],
            updatedAt: Self.at(2))
        let late = Deal(
            id: "d-1", name: "Deal", stage: "Proposal",
            stageHistory: [
                .init(stage: "Prospecting", enteredAt: Self.at(0)), .init(stage: "Proposal", enteredAt: Self.at(3)),
            ],
            updatedAt: Self.at(3))
        let lines =
            [try Self.line("e-1", .deal(early))] + (try Self.filler(20, prefix: "f")) + [
                try Self.line("e-2", .deal(late))
            ]
        let (report, store) = try await Self.sameWithAnyChunkSize(lines, events: ["e-1", "e-2"], in: fixture)
        let stored = try #require(try await store.deal("d-1", tenant: Tenant.defaultID))
        #expect(stored.stageHistory.map(\.stage) == ["Prospecting", "Proposal"])
        #expect(report.duplicates == 1)
    }

    @Test func theEnvelopeOfAnEventWhoseRecordLostToALaterDuplicateIsNotStored() async throws {
        let fixture = try IngestFixture()
        defer { fixture.cleanUp() }
        let lines =
            [try Self.line("lost", .account(Account(id: "a-1", name: "Old")))] + (try Self.filler(20, prefix: "f"))
            + [try Self.line("won", .account(Account(id: "a-1", name: "New")))]
        let (_, store) = try await Self.sameWithAnyChunkSize(lines, events: ["lost", "won"], in: fixture)
        #expect(try await store.existingEventIDs(["lost", "won"]) == ["won"])
        #expect(try await store.counts()["events"] == 21)
    }

    @Test func aStageChangeMayNameADealThatArrivesInALaterChunk() async throws {
        let fixture = try IngestFixture()
        defer { fixture.cleanUp() }
        let change = DealStageChange(deal: "d-later", stage: "Qualified", enteredAt: Self.at(4))
        let deal = Deal(
            id: "d-later", name: "Later", stage: "Prospecting",
            stageHistory: [.init(stage: "Prospecting", enteredAt: Self.at(1))], updatedAt: Self.at(1))
        let lines =
            [try Self.line("move", .stageChange(change))] + (try Self.filler(20, prefix: "f"))
            + [try Self.line("deal", .deal(deal))]
        let (report, store) = try await Self.sameWithAnyChunkSize(lines, events: ["move", "deal"], in: fixture)
        #expect(report.quarantined == 0)
        let stored = try #require(try await store.deal("d-later", tenant: Tenant.defaultID))
        #expect(stored.stage == "Qualified")
        #expect(stored.stageHistory.map(\.stage) == ["Prospecting", "Qualified"])
    }

    @Test func aUsageRowTakesItsAccountFromASubscriptionAnywhereInTheRun() async throws {
        let fixture = try IngestFixture()
        defer { fixture.cleanUp() }
        let usage = EngagementEvent(
            id: "u-1", account: "", kind: .featureUsed, occurredAt: Self.at(2), feature: "reports", subscription: "s-1")
        let usageLine = try Self.line("usage", .engagement(usage)).replacingOccurrences(
            of: "\"account\":\"\",", with: "")
        #expect(!usageLine.contains("\"account\""))
        let subscription = Subscription(id: "s-1", account: "acct-9", startDate: Self.at(0))
        let lines =
            [usageLine] + (try Self.filler(20, prefix: "f")) + [try Self.line("sub", .subscription(subscription))]
        let (report, store) = try await Self.sameWithAnyChunkSize(lines, events: ["usage", "sub"], in: fixture)
        #expect(report.quarantined == 0)
        let rows = try await store.engagement(tenant: Tenant.defaultID, from: .distantPast, to: .distantFuture)
        #expect(rows.map(\.account) == ["acct-9"])
    }

    @Test func anInRunReplacementIsNotCountedAsAnUpdate() async throws {
        let fixture = try IngestFixture()
        defer { fixture.cleanUp() }
        var lines = try Self.filler(10, prefix: "a")
        lines += try Self.filler(10, prefix: "a").enumerated().map { index, line in
            line.replacingOccurrences(of: "a-evt-\(index + 1)\"", with: "a-evt-again-\(index + 1)\"")
                .replacingOccurrences(of: "Account", with: "Renamed")
        }
        let (report, _) = try await Self.sameWithAnyChunkSize(lines, events: [], in: fixture)
        #expect(report.loaded == 10)
        #expect(report.duplicates == 10)
        #expect(report.applied?.updated["accounts", default: 0] == 0)
        #expect(report.applied?.inserted["accounts"] == 10)
    }

    @Test func reIngestingInChunksAddsNothingAndCountsTheSameAsOneChunk() async throws {
        let fixture = try IngestFixture()
        defer { fixture.cleanUp() }
        var lines = try Self.filler(30, prefix: "r")
        lines.insert(
            try Self.line("d", .deal(Deal(id: "d-r", name: "R", stage: "Prospecting", updatedAt: Self.at(1)))), at: 5)
        lines.insert(
            try Self.line("m", .stageChange(DealStageChange(deal: "d-r", stage: "Qualified", enteredAt: Self.at(3)))),
            at: 3)
        lines += ["{\"id\": 1"]
        let (report, store) = try await Self.sameWithAnyChunkSize(
            lines, events: ["d", "m"], in: fixture, twice: true)
        #expect(report.loaded == 0)
        #expect(report.duplicates == 32)
        #expect(try await store.counts()["accounts"] == 30)
    }

    @Test func intoAPopulatedStoreAnOlderInRunVersionNeverOverwritesANewerStoredOne() async throws {
        let fixture = try IngestFixture()
        defer { fixture.cleanUp() }
        let newer = try Self.line("e-new", .account(Account(id: "acct-x", name: "Newer")))
        let store = try fixture.store()
        _ = try await IngestRunner(store: store).run(files: [try fixture.write("first.ndjson", newer + "\n")])
        // The same record again: a new event with the older version first, the stored event with the newer one
        // later, in another chunk. As one batch, the later line wins and its event is already stored: no write.
        var lines = [try Self.line("e-old", .account(Account(id: "acct-x", name: "Older")))]
        lines += try Self.filler(10, prefix: "fill")
        lines.append(newer)
        let file = try fixture.write("second.ndjson", lines.joined(separator: "\n") + "\n")
        _ = try await IngestRunner(store: store, options: Self.chunked(3)).run(files: [file])
        let stored = try await store.accounts(tenant: Tenant.defaultID).first { $0.id == "acct-x" }
        #expect(stored?.name == "Newer")
        #expect(try await store.accounts(tenant: Tenant.defaultID).count == 11)
    }
}
