import ArgumentParser
import Foundation
import PulseCore
import PulseStore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `pulse bench ingest`: writes N deterministic NDJSON events to a temporary file and times `IngestRunner`
/// loading them into a fresh SQLite file (figures go to docs/benchmarks.md).
struct BenchIngest: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Time NDJSON ingest of N generated events into a fresh SQLite database.",
        discussion: """
            The events are a deterministic synthetic mix written by the bench itself: about 10% deal.upserted, \
            60% activity.logged and 30% engagement.recorded, plus the reps and accounts they refer to. \
            Build with `swift run -c release pulse bench ingest` for meaningful figures.
            """
    )

    @Option(help: "Number of events to generate.")
    var events: Int = 1_000_000

    @Option(help: "Ingest this NDJSON file instead of generating one.")
    var input: String?

    @Option(help: "Folder for the generated file and the database (default: a new temporary folder, removed after).")
    var workDir: String?

    func validate() throws {
        guard events > 0 else { throw ValidationError("--events must be positive, e.g. --events 1000000.") }
    }

    func run() async throws {
        let folder = URL(
            fileURLWithPath: workDir
                ?? (FileManager.default.temporaryDirectory.path + "/pulse-bench-ingest-\(UUID().uuidString)"))
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { if workDir == nil { try? FileManager.default.removeItem(at: folder) } }

        let file: URL
        if let input {
            file = URL(fileURLWithPath: input)
        } else {
            file = folder.appendingPathComponent("events.ndjson")
            let started = Date()
            let bytes = try BenchEventWriter(count: events).write(to: file)
            print(
                "generated \(grouped(events)) events (\(grouped(bytes / 1_048_576)) MiB) in "
                    + String(format: "%.1f s", Date().timeIntervalSince(started))
                    + "; peak RSS so far \(grouped(Self.peakRSSMegabytes())) MB")
        }
        let database = folder.appendingPathComponent("bench.sqlite").path
        try? FileManager.default.removeItem(atPath: database)
        let store = try SQLiteStore(path: database)
        let started = Date()
        let report = try await IngestRunner(store: store).run(files: [file])
        let seconds = Date().timeIntervalSince(started)
        let rows = report.files.reduce(0) { $0 + $1.rows }
        print(report.rendered)
        print(
            "ingest: \(grouped(rows)) events in " + String(format: "%.2f s", seconds) + " = "
                + grouped(Int(Double(rows) / seconds)) + " events/s; peak RSS \(grouped(Self.peakRSSMegabytes())) MB")
        let read = report.timings["read", default: 0]
        let apply = report.timings["apply", default: 0]
        print(
            "phases: read+parse+row gates " + String(format: "%.2f s", read) + " ("
                + grouped(Int(Double(rows) / max(read, 1e-9))) + " events/s), batch gates + store questions "
                + String(format: "%.2f s", report.timings["gates", default: 0]) + ", store.apply "
                + String(format: "%.2f s", apply) + " (" + grouped(Int(Double(rows) / max(apply, 1e-9))) + " events/s)")
    }

    /// The process's peak resident set size in megabytes (getrusage).
    static func peakRSSMegabytes() -> Int {
        var usage = rusage()
        #if os(Linux)
            getrusage(RUSAGE_SELF.rawValue, &usage)
        #else
            getrusage(RUSAGE_SELF, &usage)
        #endif
        #if os(Linux)
            return Int(usage.ru_maxrss) / 1024
        #else
            return Int(usage.ru_maxrss) / 1_048_576
        #endif
    }
}

/// Writes a deterministic synthetic event stream (reps, accounts, deals, activities, engagement) as NDJSON.
struct BenchEventWriter {
    let count: Int

    /// Writes the file and returns its size in bytes.
    func write(to url: URL) throws -> Int {
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        let encoder = EventEncoder()
        var random = BenchRandom(seed: 42)
        let start = ISODate.parse("2025-01-01T00:00:00Z")!
        let reps = max(1, min(200, count / 5_000))
        let accounts = max(1, count / 200)
        let deals = max(1, count / 10)
        var buffer = ""
        var written = 0
        var produced = 0
        func emit(_ payload: PulseEvent.Payload, at time: Date) throws {
            produced += 1
            let event = PulseEvent(id: "bench-\(produced)", occurredAt: time, payload: payload)
            buffer += try encoder.line(for: event)
            buffer += "\n"
            if buffer.utf8.count > 1 << 20 {
                let data = Data(buffer.utf8)
                written += data.count
                handle.write(data)
                buffer = ""
            }
        }
        for index in 0..<reps where produced < count {
            try emit(.rep(Rep(id: .init("rep-\(index)"), name: "Rep \(index)", role: .rep)), at: start)
        }
        for index in 0..<accounts where produced < count {
            try emit(
                .account(
                    Account(
                        id: .init("acct-\(index)"), name: "Account \(index)", industry: random.pick(Self.industries))),
                at: start)
        }
        var dealIndex = 0
        var activityIndex = 0
        var usageIndex = 0
        while produced < count {
            let roll = random.next() % 100
            let time = start.addingTimeInterval(Double(random.next() % (180 * 86_400)))
            if roll < 10 && dealIndex < deals {
                let stage = random.pick(["Prospecting", "Qualified", "Proposal", "Negotiation", "Won", "Lost"])
                let closed = stage == "Won" || stage == "Lost"
                let closedAt = time.addingTimeInterval(Double(random.next() % (60 * 86_400)))
                try emit(
                    .deal(
                        Deal(
                            id: .init("deal-\(dealIndex)"), account: .init("acct-\(random.next() % UInt64(accounts))"),
                            owner: .init("rep-\(random.next() % UInt64(reps))"), stage: stage,
                            stageHistory: [StageChange(stage: stage, enteredAt: closed ? closedAt : time)],
                            amountCents: Int64(random.next() % 5_000_000), createdAt: time,
                            closedAt: closed ? closedAt : nil,
                            outcome: stage == "Won" ? .won : stage == "Lost" ? .lost : nil,
                            updatedAt: time)), at: time)
                dealIndex += 1
            } else if roll < 70 {
                try emit(
                    .activity(
                        Activity(
                            id: .init("act-\(activityIndex)"), kind: random.pick(ActivityKind.allCases),
                            deal: .init("deal-\(random.next() % UInt64(deals))"),
                            rep: .init("rep-\(random.next() % UInt64(reps))"), occurredAt: time,
                            subject: "Follow-up \(activityIndex)", durationSeconds: Int(random.next() % 3_600))),
                    at: time)
                activityIndex += 1
            } else {
                try emit(
                    .engagement(
                        EngagementEvent(
                            id: .init("use-\(usageIndex)"), account: .init("acct-\(random.next() % UInt64(accounts))"),
                            kind: .featureUsed, occurredAt: time, feature: "feature_\(random.next() % 40)",
                            sessionSeconds: Int(random.next() % 7_200), count: Int(random.next() % 20) + 1)), at: time)
                usageIndex += 1
            }
        }
        let data = Data(buffer.utf8)
        written += data.count
        handle.write(data)
        return written
    }

    static let industries = ["EdTech", "FinTech", "HealthTech", "DevTools", "Retail", "Manufacturing"]
}

/// SplitMix64: small, fast, deterministic.
struct BenchRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func pick<T>(_ values: [T]) -> T { values[Int(next() % UInt64(values.count))] }
}
