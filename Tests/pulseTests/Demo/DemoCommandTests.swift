import ArgumentParser
import Foundation
import PulseCore
import PulseStore
import Testing

@testable import pulse

private let june30 = Date(timeIntervalSince1970: 1_751_241_600)  // 2025-06-30T00:00:00Z
private let small = DemoParameters(seed: 7, now: june30, leads: 20, accounts: 20)

/// A fresh temporary folder, removed after `body`.
private func withTemporaryFolder<T>(_ body: (URL) async throws -> T) async throws -> T {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pulse-demo-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    return try await body(folder)
}

@Test func theDemoIngestsIntoARealSQLiteFileAndSummarisesEverySection() async throws {
    try await withTemporaryFolder { folder in
        let path = folder.appendingPathComponent("demo.sqlite").path
        let outcome = try await DemoRunner(parameters: small, databasePath: path).run()
        let expected = Array(DemoGenerator(parameters: small).events)
        #expect(outcome.kept && outcome.databasePath == path)
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(outcome.totals.events == expected.count)
        #expect(outcome.totals.quarantined == 0)
        #expect(outcome.totals.loaded > 0)

        let store = try SQLiteStore(path: path)
        let stored = try await store.deals(tenant: small.tenant)
        let generatedDeals = expected.compactMap { if case .deal(let d) = $0.payload { d } else { nil } }
        #expect(stored.count == generatedDeals.count)
        #expect(Set(stored.map(\.id)) == Set(generatedDeals.map(\.id)))

        let summary = outcome.summary
        #expect(summary.kpis.count == 5)
        #expect(summary.kpis.map(\.label).contains { $0.contains("Win rate") })
        #expect(summary.conversions.count == 4)
        let mainLeads = generatedDeals.filter { $0.pipeline == "bdr" && $0.parent == nil }
        let open = summary.pipeline.openByStage.map(\.1).reduce(0, +)
        #expect(open == mainLeads.filter { !$0.isClosed }.count)
        #expect(!summary.lowestMomentum.isEmpty)
        #expect(summary.lowestMomentum.map(\.smi) == summary.lowestMomentum.map(\.smi).sorted())
        #expect(summary.lowestMomentum.allSatisfy { $0.smi > 0 && $0.smi <= 1 })
        let closedStages = Set(["Won", "Lost", "SOLD", "LIST_OUT_NOT_SOLD", "FREE_QA_OFFERED"]).map {
            StageCatalogue.b2b.stage($0)?.name ?? StageCatalogue.bdr.stage($0)!.name
        }
        #expect(summary.lowestMomentum.allSatisfy { !closedStages.contains($0.stage) })
        let openNames = Set(generatedDeals.filter { !$0.isClosed }.compactMap(\.name))
        #expect(summary.lowestMomentum.allSatisfy { openNames.contains($0.deal) })
        #expect(!summary.leaderboard.isEmpty)
        for row in summary.leaderboard {
            #expect(row.index == row.calls + 3 * row.agreements + 2 * row.lists + 5 * row.sales)
        }
        #expect(summary.leaderboard.map(\.index) == summary.leaderboard.map(\.index).sorted(by: >))
        #expect(!summary.lowestHealth.isEmpty)
        #expect(summary.lowestHealth.allSatisfy { (0...100).contains($0.score) })
        #expect(summary.lowestHealth.map(\.score) == summary.lowestHealth.map(\.score).sorted())

        let text = DemoSummaryRenderer(colour: false).render(summary)
        for section in [
            "Pulse demo — seed 7, now 2025-06-30", "KPIs", "Pipeline health", "Top deals by lowest SMI",
            "BDR leaderboard", "Customers with the lowest health", "quarantined 0", "Database: \(path)",
        ] {
            #expect(text.contains(section), "summary lacks \(section)")
        }
    }
}

@Test func runningTheDemoTwiceIntoOneDatabaseAddsNothing() async throws {
    try await withTemporaryFolder { folder in
        let path = folder.appendingPathComponent("demo.sqlite").path
        let first = try await DemoRunner(parameters: small, databasePath: path).run()
        let counts = try await SQLiteStore(path: path).counts()
        let second = try await DemoRunner(parameters: small, databasePath: path).run()
        #expect(second.totals.loaded == 0)
        #expect(second.totals.quarantined == 0)
        #expect(try await SQLiteStore(path: path).counts() == counts)
        #expect(second.summary.kpis == first.summary.kpis)
        #expect(second.summary.leaderboard == first.summary.leaderboard)
    }
}

@Test func theDefaultDemoShowsAMixOfTrafficLightsAndCountsListsOnceAndSalesPerSoldPartner() async throws {
    let now = Date(timeIntervalSince1970: 1_795_564_800)  // 2026-11-25T00:00:00Z
    let parameters = DemoParameters(now: now)
    let outcome = try await DemoRunner(parameters: parameters, databasePath: nil).run()
    let lights = Set(outcome.summary.kpis.map(\.light))
    #expect(lights == [.green, .amber, .red], "\(outcome.summary.kpis)")

    // Lists out and sales from the generated data: a list is a main lead's, a sale a sold partner's.
    let deals = Array(DemoGenerator(parameters: parameters).events).compactMap {
        if case .deal(let deal) = $0.payload { deal } else { nil }
    }
    let month = TimeWindow.lastDays(30, before: now)
    let lists = deals.filter {
        $0.parent == nil && month.contains(TimeWindow.seconds($0.partnerListSentDate ?? .distantPast))
    }
    let sold = deals.filter {
        $0.parent != nil && $0.outcome == .won && month.contains(TimeWindow.seconds($0.closedAt!))
    }
    let listsKpi = outcome.summary.kpis.first { $0.label.hasPrefix("Lists out") }
    #expect(listsKpi?.value == String(lists.count))
    let board = outcome.summary.leaderboard
    #expect(board.map(\.lists).reduce(0, +) == lists.count)
    #expect(board.map(\.sales).reduce(0, +) == sold.count)
    let stalled = outcome.summary.pipeline.facts.first { $0.0.hasPrefix("Stalled") }?.1 ?? ""
    #expect(stalled.contains("open BDR leads") && stalled.contains("open B2B opportunities"))
}

@Test func withoutDbTheTemporaryDatabaseIsRemoved() async throws {
    let outcome = try await DemoRunner(
        parameters: DemoParameters(seed: 1, now: june30, leads: 5, accounts: 3), databasePath: nil
    ).run()
    #expect(!outcome.kept)
    #expect(!FileManager.default.fileExists(atPath: outcome.databasePath))
    #expect(DemoSummaryRenderer(colour: false).render(outcome.summary).contains("Database: temporary"))
}

@Test func smallChunksGiveTheSameDataAsOneBatch() async throws {
    try await withTemporaryFolder { folder in
        var chunked = DemoRunner(parameters: small, databasePath: folder.appendingPathComponent("a.sqlite").path)
        chunked.chunkEvents = 500
        let a = try await chunked.run()
        let b = try await DemoRunner(parameters: small, databasePath: folder.appendingPathComponent("b.sqlite").path)
            .run()
        #expect(a.totals.chunks > 1 && b.totals.chunks == 1)
        #expect(a.totals.quarantined == 0)
        #expect(a.summary.kpis == b.summary.kpis)
        #expect(a.summary.lowestHealth == b.summary.lowestHealth)
        let countsA = try await SQLiteStore(path: folder.appendingPathComponent("a.sqlite").path).counts()
        let countsB = try await SQLiteStore(path: folder.appendingPathComponent("b.sqlite").path).counts()
        // Everything but the batch log (one row per chunk) is the same.
        #expect(countsA["ingest_batches"] == a.totals.chunks)
        var tablesA = countsA.byTable
        var tablesB = countsB.byTable
        tablesA["ingest_batches"] = nil
        tablesB["ingest_batches"] = nil
        #expect(tablesA == tablesB)
    }
}

@Test func theExportIsParseableNDJSONAndCSVThatIngestsWithoutQuarantine() async throws {
    try await withTemporaryFolder { folder in
        let out = folder.appendingPathComponent("export")
        let encoder = EventEncoder()
        let files = try DemoExporter(directory: out, encode: { try encoder.line(for: $0) })
            .export(DemoGenerator(parameters: small).events)
        let events = Array(DemoGenerator(parameters: small).events)
        let names = Set(files.map(\.url.lastPathComponent))
        #expect(names.isSuperset(of: ["events.ndjson", "deals.csv", "activities.csv", "accounts.csv", "reps.csv"]))
        #expect(
            !FileManager.default.fileExists(atPath: out.appendingPathComponent(".pulse-demo-export-\(getpid())").path))

        let ndjson = try String(contentsOf: out.appendingPathComponent("events.ndjson"), encoding: .utf8)
        let lines = ndjson.split(separator: "\n")
        #expect(lines.count == events.count)
        for line in lines {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object?["id"] is String && object?["type"] is String && object?["payload"] is [String: Any])
        }
        let deals = try String(contentsOf: out.appendingPathComponent("deals.csv"), encoding: .utf8)
        #expect(deals.hasPrefix("id,pipeline,name,owner_id,parent_id"))
        let dealCount = events.filter { $0.type == .dealUpserted }.count
        #expect(files.first { $0.url.lastPathComponent == "deals.csv" }?.rows == dealCount)

        let store = try SQLiteStore(path: folder.appendingPathComponent("ingested.sqlite").path)
        let report = try await IngestRunner(store: store).run(files: [out.appendingPathComponent("events.ndjson")])
        #expect(report.quarantined == 0)
        #expect(report.corrected == 0)
        #expect(try await store.deals(tenant: small.tenant).count == dealCount)
        #expect(try await store.quarantine(source: nil, limit: 10).isEmpty)

        let message = DemoRunner.exportReport(files, parameters: small, elapsed: .seconds(1))
        #expect(message.contains(out.appendingPathComponent("events.ndjson").path))
        #expect(message.contains("pulse ingest"))
    }
}

@Test func theExportRefusesAFolderThatCannotBeCreated() async throws {
    try await withTemporaryFolder { folder in
        let file = folder.appendingPathComponent("not-a-folder")
        try Data("x".utf8).write(to: file)
        #expect(throws: DemoError.self) {
            _ = try DemoExporter(directory: file.appendingPathComponent("out"), encode: { $0.id })
                .export(DemoGenerator(parameters: small).events)
        }
    }
}

@Test func demoOptionsAreValidatedWithClearMessages() throws {
    #expect(throws: (any Error).self) { try DemoCommand.parse(["--now", "30/06/2025"]) }
    #expect(throws: (any Error).self) { try DemoCommand.parse(["--leads", "0"]) }
    #expect(throws: (any Error).self) { try DemoCommand.parse(["--accounts", "-1"]) }
    #expect(throws: (any Error).self) { try DemoCommand.parse(["--db", "/tmp/x.sqlite", "--export", "/tmp/x"]) }
    let message = DemoCommand.message(for: ValidationError("x"))
    #expect(!message.isEmpty)
    do {
        _ = try DemoCommand.parse(["--now", "2025-02-30"])
        Issue.record("an impossible date was accepted")
    } catch {
        #expect(DemoCommand.message(for: error).contains("YYYY-MM-DD"))
    }
    let command = try DemoCommand.parse(["--seed", "9", "--leads", "20", "--accounts", "5", "--now", "2025-06-30"])
    let parameters = command.parameters()
    #expect(parameters == DemoParameters(seed: 9, now: june30, leads: 20, accounts: 5))
    let today = try DemoCommand.parse([]).parameters(today: june30.addingTimeInterval(13 * 3600))
    #expect(today.now == june30 && today.leads == 150 && today.accounts == 200 && today.seed == 42)
}

@Test func theExportOptionWritesFilesThroughTheCommand() async throws {
    try await withTemporaryFolder { folder in
        let out = folder.appendingPathComponent("data").path
        var command = try DemoCommand.parse(["--leads", "3", "--accounts", "2", "--now", "2025-06-30", "--export", out])
        try await command.run()
        for file in [
            "events.ndjson", "deals.csv", "stage_history.csv", "activities.csv", "accounts.csv", "tickets.csv",
        ] {
            #expect(FileManager.default.fileExists(atPath: out + "/" + file), "missing \(file)")
        }
        command = try DemoCommand.parse(["--leads", "3", "--accounts", "2", "--now", "2025-06-30", "--export", out])
        try await command.run()  // overwriting an earlier export is fine
        let lines = try String(contentsOfFile: out + "/events.ndjson", encoding: .utf8).split(separator: "\n").count
        #expect(
            lines
                == Array(DemoGenerator(parameters: DemoParameters(seed: 42, now: june30, leads: 3, accounts: 2)).events)
                .count)
    }
}

@Test func anUnwritableDatabasePathFailsWithAStoreErrorNamingIt() async throws {
    try await withTemporaryFolder { folder in
        let file = folder.appendingPathComponent("plain-file")
        try Data("x".utf8).write(to: file)
        let path = file.appendingPathComponent("demo.sqlite").path
        do {
            _ = try await DemoRunner(parameters: small, databasePath: path).run()
            Issue.record("a database under a plain file was accepted")
        } catch let error as StoreError {
            #expect(error.description.contains(file.path))
        }
    }
}

@Test func theRootCommandListsDemo() {
    #expect(PulseCommand.configuration.subcommands.contains { $0 == DemoCommand.self })
}
