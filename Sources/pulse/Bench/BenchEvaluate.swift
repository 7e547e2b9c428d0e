import ArgumentParser
import Foundation
import PulseCore
import PulseEngine
import PulseStore

/// `pulse bench evaluate`: ingest + incremental evaluation of a stream of events with the full built-in rule
/// pack over 10,000 accounts and 100,000 deals; events/s and event → persisted-alert latency percentiles.
struct BenchEvaluate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Time ingest + rule evaluation of N events with the full rule pack (figures for docs/benchmarks.md).",
        discussion: """
            Loads a starting state (--accounts accounts with 3 contacts each, --deals deals, 150 reps) into a fresh \
            SQLite file, then streams --events events (45% engagement, 35% activities with text, 8% stage moves, \
            5% tickets, 7% new deals) through AlertEngine.ingest in micro-batches of --batch: each batch is written \
            to the store, folded into the in-memory data, the deal/account/rep rules of the entities it touched are \
            re-evaluated, and the alert book's changes are saved. An event's latency runs from the start of its \
            batch (when it is picked up) to the commit of that batch's alert changes. Build with \
            `swift run -c release pulse bench evaluate`.
            """
    )

    @Option(help: "Events to stream.") var events: Int = 1_000_000
    @Option(help: "Customer accounts in the starting state.") var accounts: Int = 10_000
    @Option(help: "Deals in the starting state.") var deals: Int = 100_000
    @Option(help: "Events per micro-batch.") var batch: Int = 250
    @Option(help: "Folder for the database (default: a new temporary folder, removed after).") var workDir: String?

    func validate() throws {
        guard events > 0, accounts > 0, deals >= 10, batch > 0 else {
            throw ValidationError("--events, --accounts and --batch must be positive and --deals at least 10.")
        }
    }

    func run() async throws {
        let folder = URL(
            fileURLWithPath: workDir
                ?? (FileManager.default.temporaryDirectory.path + "/pulse-bench-evaluate-\(UUID().uuidString)"))
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { if workDir == nil { try? FileManager.default.removeItem(at: folder) } }
        let path = folder.appendingPathComponent("bench.sqlite").path
        try? FileManager.default.removeItem(atPath: path)
        let store = try SQLiteStore(path: path)
        let start = ISODate.parse("2026-06-01T00:00:00Z")!
        let data = BenchEvaluateData(accounts: accounts, deals: deals, events: events, start: start)

        var clock = ContinuousClock.now
        _ = try await store.apply(data.initialState())
        print("starting state: \(grouped(accounts)) accounts, \(grouped(deals)) deals loaded in \(Self.since(clock)) s")

        let loaded = RuleLoader.load(directory: nil)
        let engine = AlertEngine(store: store, rules: loaded.rules)
        clock = ContinuousClock.now
        let first = try await engine.evaluate(at: start)
        print(
            "full evaluation of \(loaded.rules.count) rules at the start: \(grouped(first.evaluated)) rule × entity "
                + "pairs, \(grouped(first.firing)) firing, \(grouped(first.opened.count)) alerts raised in "
                + "\(Self.since(clock)) s")

        var latencies: [Double] = []  // milliseconds per batch, weighted by its events below
        var weights: [Int] = []
        var raised = 0
        var resolved = 0
        var evaluated = 0
        var evaluationSeconds = 0.0
        let batches = (events + batch - 1) / batch
        let streamStarted = ContinuousClock.now
        for index in 0..<batches {
            let (micro, now) = data.batch(index, size: batch)
            let began = ContinuousClock.now
            let (_, outcome) = try await engine.ingest(micro, at: now)
            let elapsed = ContinuousClock.now - began
            latencies.append(Self.milliseconds(elapsed))
            weights.append(micro.events.count)
            raised += outcome.opened.count
            resolved += outcome.resolved.count
            evaluated += outcome.evaluated
            evaluationSeconds += Self.milliseconds(outcome.duration) / 1000
        }
        let seconds = Self.milliseconds(ContinuousClock.now - streamStarted) / 1000
        let (p50, p99, maximum) = Self.percentiles(latencies, weights: weights)
        print(
            "streamed \(grouped(events)) events in \(batches) batches of \(batch): "
                + String(format: "%.1f s → %@ events/s", seconds, grouped(Int(Double(events) / seconds))))
        print(
            String(
                format: "event → persisted alert latency: p50 %.2f ms, p99 %.2f ms, max %.2f ms", p50, p99, maximum))
        print(
            "evaluation (rules + alert book + alert save) took \(String(format: "%.1f", evaluationSeconds)) s of it; "
                + "\(grouped(evaluated)) rule × entity evaluations; \(grouped(raised)) alerts raised, "
                + "\(grouped(resolved)) resolved")
        clock = ContinuousClock.now
        let last = try await engine.evaluate(at: data.start.addingTimeInterval(data.span))
        print(
            "full evaluation at the end (every scope, incl. team/segment/tenant and the time-based step): "
                + "\(grouped(last.evaluated)) pairs in \(Self.since(clock)) s")
        print("peak RSS \(grouped(BenchIngest.peakRSSMegabytes())) MB")
    }

    /// Weighted percentiles: each batch's latency counts once per event in it.
    static func percentiles(_ values: [Double], weights: [Int]) -> (Double, Double, Double) {
        let pairs = zip(values, weights).sorted { $0.0 < $1.0 }
        let total = weights.reduce(0, +)
        func at(_ q: Double) -> Double {
            let target = Int((Double(total) * q).rounded(.up))
            var seen = 0
            for (value, weight) in pairs {
                seen += weight
                if seen >= target { return value }
            }
            return pairs.last?.0 ?? 0
        }
        return (at(0.5), at(0.99), pairs.last?.0 ?? 0)
    }

    static func milliseconds(_ d: Duration) -> Double {
        Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
    }

    static func since(_ start: ContinuousClock.Instant) -> String {
        String(format: "%.2f", milliseconds(ContinuousClock.now - start) / 1000)
    }
}
