import Foundation
import PulseCore
import PulseStore
import Testing

@testable import pulse

/// `pulse quarantine` and the shared `--db` option, run against real temporary SQLite files.
@Suite struct QuarantineCommandTests {
    /// A temporary database path; the folder is removed by the returned clean-up closure.
    private func temporaryDatabase() throws -> (path: String, cleanUp: () -> Void) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pulse-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return (folder.appendingPathComponent("pulse.sqlite").path, { try? FileManager.default.removeItem(at: folder) })
    }

    private func seed(_ path: String) async throws {
        let store = try SQLiteStore(path: path)
        var first = IngestBatch()
        first.quarantine = [
            QuarantineRecord(
                source: "data/deals.csv", line: 12, field: "close_date", gate: .dateLogic,
                reason: "close_date 2024-01-01 is before created 2024-02-01", raw: "12,..."),
            QuarantineRecord(
                source: "data/deals.csv", line: 3, field: "deal_stage", gate: .outcome,
                reason: "unknown outcome \"Maybe\"",
                raw: "3,..."),
        ]
        first.corrections = [
            Correction(
                source: "data/deals.csv", line: 7, recordID: "D-7", field: "sales_cycle_days", from: "40", to: "38",
                reason: "recomputed from dates")
        ]
        _ = try await store.apply(first)
        var second = IngestBatch()
        second.quarantine = [
            QuarantineRecord(source: "events.ndjson", line: 5, field: nil, gate: .parse, reason: "not JSON", raw: "{")
        ]
        _ = try await store.apply(second)
    }

    @Test func rowsAreListedAsAnAlignedTableNewestIngestFirst() async throws {
        let db = try temporaryDatabase()
        defer { db.cleanUp() }
        try await seed(db.path)
        let command = try QuarantineCommand.parse(["--db", db.path])
        let output = try await command.render(from: command.store.openStore())
        #expect(
            output == """
                SOURCE:LINE        FIELD       GATE        REASON
                events.ndjson:5    -           parse       not JSON
                data/deals.csv:3   deal_stage  outcome     unknown outcome "Maybe"
                data/deals.csv:12  close_date  date_logic  close_date 2024-01-01 is before created 2024-02-01

                """)
    }

    @Test func sourceAndLimitNarrowTheListing() async throws {
        let db = try temporaryDatabase()
        defer { db.cleanUp() }
        try await seed(db.path)
        let command = try QuarantineCommand.parse(["--db", db.path, "--source", "deals.csv", "--limit", "1"])
        let output = try await command.render(from: command.store.openStore())
        #expect(output.contains("data/deals.csv:3"))
        #expect(!output.contains("data/deals.csv:12"))
        #expect(!output.contains("events.ndjson"))
        #expect(output.contains("pass --limit to see more"))
    }

    @Test func jsonPrintsOneObjectPerLine() async throws {
        let db = try temporaryDatabase()
        defer { db.cleanUp() }
        try await seed(db.path)
        let command = try QuarantineCommand.parse(["--db", db.path, "--json"])
        let lines = try await command.render(from: command.store.openStore()).split(separator: "\n")
        #expect(lines.count == 3)
        let first = try JSONDecoder().decode(QuarantineRecord.self, from: Data(lines[0].utf8))
        #expect(first.source == "events.ndjson")
        #expect(first.gate == .parse)
        #expect(lines[1].hasPrefix("{\"field\":\"deal_stage\",\"gate\":\"outcome\""))
    }

    @Test func correctionsListsTheGatesAutomaticFixes() async throws {
        let db = try temporaryDatabase()
        defer { db.cleanUp() }
        try await seed(db.path)
        var command = try QuarantineCommand.parse(["--db", db.path, "--corrections"])
        var output = try await command.render(from: command.store.openStore())
        #expect(
            output == """
                SOURCE:LINE       RECORD  FIELD             CHANGE   REASON
                data/deals.csv:7  D-7     sales_cycle_days  40 → 38  recomputed from dates

                """)
        command = try QuarantineCommand.parse(["--db", db.path, "--corrections", "--source", "other.csv"])
        output = try await command.render(from: command.store.openStore())
        #expect(output == "No corrections recorded.\n")
    }

    @Test func anEmptyDatabaseSaysSo() async throws {
        let db = try temporaryDatabase()
        defer { db.cleanUp() }
        let command = try QuarantineCommand.parse(["--db", db.path])
        #expect(try await command.render(from: command.store.openStore()) == "No quarantined rows.\n")
    }

    @Test func aNonPositiveLimitIsRefused() {
        #expect(throws: (any Error).self) { try QuarantineCommand.parse(["--limit", "0"]) }
    }

    @Test func anUnwritableDatabasePathFailsWithAMessageNamingItAndTheFix() throws {
        let db = try temporaryDatabase()
        defer { db.cleanUp() }
        let file = URL(fileURLWithPath: db.path).deletingLastPathComponent().appendingPathComponent("file").path
        try Data("x".utf8).write(to: URL(fileURLWithPath: file))
        let command = try QuarantineCommand.parse(["--db", file + "/pulse.sqlite"])
        let error = #expect(throws: StoreError.self) { try command.store.openStore() }
        #expect(error?.description.contains(file + "/pulse.sqlite") == true)
        #expect(error?.description.contains("--db PATH") == true)
    }

    @Test(arguments: [
        (["PULSE_DB": "/srv/pulse.db", "PULSE_DATA_DIR": "/data"], "/srv/pulse.db"),
        (["PULSE_DATA_DIR": "/data", "XDG_DATA_HOME": "/xdg"], "/data/pulse.sqlite"),
        (["PULSE_DATA_DIR": "", "XDG_DATA_HOME": "/xdg/"], "/xdg/pulse/pulse.sqlite"),
        (["HOME": "/home/ana"], "/home/ana/.local/share/pulse/pulse.sqlite"),
        (["PULSE_DB": "~/p.sqlite", "HOME": "/home/ana"], "/home/ana/p.sqlite"),
    ])
    func theDefaultDatabasePathFollowsTheEnvironment(_ environment: [String: String], _ expected: String) throws {
        var environment = environment
        if environment["HOME"] == nil { environment["HOME"] = "/root" }
        let options = try StoreOptions.parse([])
        #expect(options.resolvedPath(environment: environment) == expected)
    }

    @Test func dbOverridesTheEnvironment() throws {
        let options = try StoreOptions.parse(["--db", "/tmp/x.sqlite"])
        #expect(options.resolvedPath(environment: ["PULSE_DB": "/srv/pulse.db"]) == "/tmp/x.sqlite")
    }
}
