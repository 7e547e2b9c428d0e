import Foundation
import PulseCore
import PulseEngine
import PulseStore

/// Runs the demo end to end: generate → NDJSON chunks → `IngestRunner` (the `pulse ingest` path) → SQLite →
/// metrics engine → `DemoSummary`.
struct DemoRunner {
    var parameters: DemoParameters
    /// Where the database goes; nil makes a temporary one that is deleted at the end.
    var databasePath: String?
    /// Rows per summary table.
    var top: Int = 5
    /// Events per NDJSON chunk; each chunk is one ingest batch (one transaction), which bounds memory.
    var chunkEvents = 100_000
    /// Prints generation/ingest progress on stderr.
    var showProgress = false
    /// Whether to run the built-in rule pack after the summary and list what it raised.
    var raisesAlerts = true
    /// Whether to train the churn and win models on the demo data before the alert run (so `churn-risk-high` and
    /// the win probability have a model); a demo too small for a model runs without one.
    var trainsModels = true

    /// What a run produced.
    struct Outcome {
        var summary: DemoSummary
        var databasePath: String
        var kept: Bool
        var totals: IngestTotals
    }

    /// Sums of the ingest reports of all chunks.
    struct IngestTotals: Sendable, Equatable {
        var events = 0
        var chunks = 0
        var loaded = 0
        var corrected = 0
        var quarantined = 0
        var duplicates = 0
        var generateAndIngestSeconds = 0.0
        var metricsSeconds = 0.0
    }

    func run() async throws -> Outcome {
        let fileManager = FileManager.default
        let work = fileManager.temporaryDirectory.appendingPathComponent("pulse-demo-\(UUID().uuidString)")
        do {
            try fileManager.createDirectory(at: work, withIntermediateDirectories: true)
        } catch {
            throw DemoError.cannotWrite(work.path, reason: "the temporary folder cannot be created")
        }
        defer { try? fileManager.removeItem(at: work) }
        let path = databasePath ?? work.appendingPathComponent("pulse.sqlite").path
        var outcome = try await ingestAndSummarise(work: work, databasePath: path)
        if databasePath == nil { outcome.kept = false }
        return outcome
    }

    private func ingestAndSummarise(work: URL, databasePath path: String) async throws -> Outcome {
        let store = try SQLiteStore(path: path)
        var totals = try await ingest(into: store, work: work)
        let started = ContinuousClock.now
        if showProgress { FileHandle.standardError.write(Data("Reading back and computing metrics…".utf8)) }
        defer { if showProgress { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) } }
        var summary = try await DemoSummaryBuilder(parameters: parameters, top: top).build(from: store)
        totals.metricsSeconds = Self.seconds(ContinuousClock.now - started)
        summary.header = header(totals: totals, databasePath: path)
        if raisesAlerts {
            if trainsModels {
                if showProgress { FileHandle.standardError.write(Data("\r\u{1B}[KTraining the models…".utf8)) }
                try await trainModels(store: store)
            }
            if showProgress { FileHandle.standardError.write(Data("\r\u{1B}[KEvaluating the alert rules…".utf8)) }
            summary.alerts = try await raiseAlerts(store: store)
        }
        return Outcome(summary: summary, databasePath: path, kept: databasePath != nil, totals: totals)
    }

    /// Trains and saves the churn and win models as `pulse model train` does; a data set training refuses (too few
    /// accounts or deals for both outcomes) leaves that model out.
    private func trainModels(store: SQLiteStore) async throws {
        for kind in ModelKind.allCases {
            do {
                _ = try await ModelTrainCommand.train(
                    kind, store: store, tenant: parameters.tenant, horizonDays: 30, options: ModelTrainingOptions(),
                    now: parameters.now)
            } catch is TrainingError {
                continue
            }
        }
    }

    /// Runs the built-in rule pack over the demo data at the demo's `now` and lists what it raised.
    private func raiseAlerts(store: SQLiteStore) async throws -> DemoSummary.AlertSection {
        let engine = AlertEngine(store: store, rules: RuleLoader.load(directory: nil).rules, tenant: parameters.tenant)
        let outcome = try await engine.evaluate(at: parameters.now)
        // Critical first; within a severity the most money at stake first.
        let alerts = outcome.opened.sorted {
            ($0.severity.rank, -($0.impactCents ?? 0), $0.rule, $0.entity)
                < ($1.severity.rank, -($1.impactCents ?? 0), $1.rule, $1.entity)
        }
        return DemoSummary.AlertSection(
            counts: AlertRendering.counts(alerts), rules: Set(alerts.map(\.rule)).count,
            lines: alerts.map {
                DemoSummary.AlertLine(
                    number: $0.number, severity: $0.severity.rawValue, emoji: $0.severity.emoji, rule: $0.rule,
                    entity: $0.entityName, title: $0.content.title)
            })
    }

    /// Generates the events chunk by chunk, writes each chunk as NDJSON and ingests it.
    private func ingest(into store: any PulseStore, work: URL) async throws -> IngestTotals {
        let started = ContinuousClock.now
        let runner = IngestRunner(store: store, options: IngestOptions(tenant: parameters.tenant))
        let encoder = EventEncoder()
        var iterator = DemoGenerator(parameters: parameters).events.makeIterator()
        var totals = IngestTotals()
        var exhausted = false
        while !exhausted {
            let url = work.appendingPathComponent("events-\(totals.chunks + 1).ndjson")
            let writer = try DemoFileWriter(url: url)
            var count = 0
            while count < chunkEvents {
                guard let event = iterator.next() else {
                    exhausted = true
                    break
                }
                try writer.write(line: try encoder.line(for: event))
                count += 1
            }
            try writer.close()
            defer { try? FileManager.default.removeItem(at: url) }
            guard count > 0 else { break }
            let report = try await runner.run(files: [url])
            totals.events += count
            totals.chunks += 1
            totals.loaded += report.loaded
            totals.corrected += report.corrected
            totals.quarantined += report.quarantined
            totals.duplicates += report.duplicates
            if showProgress {
                FileHandle.standardError.write(
                    Data("\rGenerated and ingested \(DemoSummaryRenderer.grouped(totals.events)) events…".utf8))
            }
        }
        if showProgress { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        totals.generateAndIngestSeconds = Self.seconds(ContinuousClock.now - started)
        return totals
    }

    private func header(totals: IngestTotals, databasePath: String) -> [String] {
        let p = parameters
        var lines = [
            "Pulse demo — seed \(p.seed), now \(DemoOptions.dayText(p.now)), \(DemoSummaryRenderer.grouped(p.leads)) "
                + "leads, \(DemoSummaryRenderer.grouped(p.accounts)) accounts",
            "Generated and ingested \(DemoSummaryRenderer.grouped(totals.events)) events through the `pulse ingest` "
                + "path in \(DemoSummaryRenderer.decimals(totals.generateAndIngestSeconds, 1)) s: loaded "
                + "\(DemoSummaryRenderer.grouped(totals.loaded)), corrected \(totals.corrected), quarantined "
                + "\(totals.quarantined), duplicates \(totals.duplicates); metrics in "
                + "\(DemoSummaryRenderer.decimals(totals.metricsSeconds, 2)) s",
            databasePath == self.databasePath
                ? "Database: \(databasePath)"
                : "Database: temporary, deleted on exit (pass --db PATH to keep it)",
        ]
        if totals.quarantined > 0 {
            lines.append("Warning: \(totals.quarantined) generated rows were quarantined; run `pulse quarantine`.")
        }
        return lines
    }

    /// The message `pulse demo --export` prints.
    static func exportReport(_ files: [(url: URL, rows: Int)], parameters: DemoParameters, elapsed: Duration) -> String
    {
        var lines = [
            "Wrote the demo data (seed \(parameters.seed), now \(DemoOptions.dayText(parameters.now)), "
                + "\(DemoSummaryRenderer.grouped(parameters.leads)) leads, "
                + "\(DemoSummaryRenderer.grouped(parameters.accounts)) accounts) in "
                + "\(DemoSummaryRenderer.decimals(seconds(elapsed), 1)) s:"
        ]
        let width = files.map(\.url.path.count).max() ?? 0
        for file in files {
            lines.append(
                "  " + file.url.path + String(repeating: " ", count: width - file.url.path.count) + "  "
                    + DemoSummaryRenderer.grouped(file.rows)
                    + (file.url.pathExtension == "ndjson" ? " events" : " rows"))
        }
        if let events = files.first(where: { $0.url.pathExtension == "ndjson" }) {
            lines.append("Load it with: pulse ingest \(events.url.path)")
        }
        return lines.joined(separator: "\n")
    }

    static func seconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
