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
            The events are the first N events of the demo generator (PulseCore/Demo, seed 42): reference data, \
            BDR leads and B2B opportunities with their activities, customer accounts with engagement, tickets \
            and churn (about 73% engagement, 13% activities, 8% deals). Build with `swift run -c release pulse bench ingest` for meaningful figures.
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
            "phases: read + parse + row gates, with the chunks written meanwhile " + String(format: "%.2f s", read)
                + " (" + grouped(Int(Double(rows) / max(read, 1e-9))) + " events/s), batch gates + store questions "
                + String(format: "%.2f s", report.timings["gates", default: 0])
                + ", last chunk (held deals, stage changes) + index rebuild + commit " + String(format: "%.2f s", apply)
        )
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

/// Writes the first `count` events of the demo generator (`PulseCore/Demo`, seed 42, now 2025-06-01) as NDJSON,
/// scaled so that leads and accounts give at least `count` events.
struct BenchEventWriter {
    let count: Int

    /// Writes the file and returns its size in bytes.
    func write(to url: URL) throws -> Int {
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        let encoder = EventEncoder()
        // About 150 events per lead + account pair (mostly engagement, then activities and deals).
        let scale = max(1, count / 140 + 1)
        let parameters = DemoParameters(
            seed: 42, now: ISODate.parse("2025-06-01T00:00:00Z")!, leads: scale, accounts: scale)
        var buffer = ""
        var written = 0
        var produced = 0
        for event in DemoGenerator(parameters: parameters).events {
            if produced == count { break }
            produced += 1
            buffer += try encoder.line(for: event)
            buffer += "\n"
            if buffer.utf8.count > 1 << 20 {
                let data = Data(buffer.utf8)
                written += data.count
                handle.write(data)
                buffer = ""
            }
        }
        let data = Data(buffer.utf8)
        written += data.count
        handle.write(data)
        guard produced == count else {
            throw ValidationError("the demo generator gave only \(produced) events; ask for fewer")
        }
        return written
    }
}
