import ArgumentParser
import Foundation
import PulseCore
import PulseStore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `pulse bench metrics`: Pulse's metric engine and the pandas reference timed side by side on one export.
struct BenchMetricsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "metrics",
        abstract: "Time Pulse's full metric recompute against the pandas reference on the same data.",
        discussion: """
            Runs ../shared/bench/pandas_metrics.py --export into a temporary folder, loads the CSV files into \
            Pulse's model, times the frame build and the metric recompute (min and median of --repeat runs), \
            runs the reference on the same export, and checks that both print the same checksums. Then it writes \
            the data into a temporary SQLite store and times reading it back with the recompute (--skip-sqlite). \
            Needs python3 with pandas (pip install pandas). Build with -c release for meaningful figures.
            """
    )

    @Option(help: "Deals to generate.") var deals = 100_000
    @Option(help: "Activities to generate.") var activities = 1_000_000
    @Option(name: .customLong("repeat"), help: "Timed runs of each step (min and median are reported).")
    var repeatCount = 5
    @Option(help: "Keep the export in this folder instead of a temporary one.") var keep: String?
    @Option(help: "Reuse an export written earlier (by --keep or pandas_metrics.py --export) instead of generating.")
    var fromExport: String?
    @Option(help: "Path of pandas_metrics.py (default: ../shared/bench/pandas_metrics.py, searched upwards).")
    var reference: String?
    @Option(help: "Python interpreter with pandas.") var python = "python3"
    @Flag(
        name: .customLong("skip-sqlite"), help: "Do not write the data to a temporary SQLite store and time the read.")
    var skipSQLite = false

    func validate() throws {
        guard deals >= 1 else { throw ValidationError("--deals must be at least 1 (got \(deals)).") }
        guard activities >= 0 else { throw ValidationError("--activities must be 0 or more (got \(activities)).") }
        guard repeatCount >= 1 else { throw ValidationError("--repeat must be at least 1 (got \(repeatCount)).") }
    }

    func run() async throws {
        let script = try locateScript()
        try checkPython()
        let folder: URL
        var temporary: URL?
        if let fromExport {
            folder = URL(fileURLWithPath: fromExport)
            for name in ["deals.csv", "activities.csv", "meta.json", "expected/checksums.txt"]
            where !FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path) {
                throw BenchError(
                    "--from-export \(fromExport): \(name) is missing; write the folder with --keep DIR or "
                        + "pandas_metrics.py --export DIR")
            }
        } else if let keep {
            folder = URL(fileURLWithPath: keep)
        } else {
            let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("pulse-bench-\(UUID().uuidString)")
            temporary = tmp
            folder = tmp.appendingPathComponent("export")
        }
        defer { if let temporary { try? FileManager.default.removeItem(at: temporary) } }

        if fromExport == nil {
            print("pulse bench metrics: \(deals) deals, \(activities) activities, \(repeatCount) runs per step")
        } else {
            print("pulse bench metrics: existing export, \(repeatCount) runs per step")
        }
        print("reference: \(script.path)")
        print("export:    \(folder.path)\n")

        let exportStart = ContinuousClock.now
        if fromExport == nil {
            _ = try runPython([
                script.path, "--deals", "\(deals)", "--activities", "\(activities)", "--export", folder.path,
            ])
        }
        let exportSeconds = (ContinuousClock.now - exportStart).seconds

        // The reference first, while this process is small (a child inherits the parent's peak RSS on Linux).
        let pandasOutput = try runPython([script.path, "--from-export", folder.path, "--repeat", "\(repeatCount)"])
        let pandas = PandasTimings(output: pandasOutput)

        let memory = try Self.inMemoryRound(folder: folder, runs: repeatCount)
        let rssInMemory = Self.peakRSSMiB()

        // The same data through SQLite: write once (setup), then time read + frame build + compute.
        var sqlite: SQLiteTimings?
        if !skipSQLite {
            sqlite = try await Self.sqliteRound(folder: folder, now: memory.now, runs: min(repeatCount, 3))
        }
        let loadSeconds = memory.load
        let buildRuns = memory.build
        let computeRuns = memory.compute
        let allRuns = memory.all
        let steps = memory.steps

        // Checksums.
        let expected = String(decoding: try Self.read(folder, "expected/checksums.txt"), as: UTF8.self)
            .split(separator: "\n").map(String.init)
        let actual = memory.lines
        var mismatches: [(String, String)] = []
        for i in 0..<max(expected.count, actual.count) {
            let want = i < expected.count ? expected[i] : "(missing)"
            let got = i < actual.count ? actual[i] : "(missing)"
            if !Checksum.linesMatch(got, want) { mismatches.append((got, want)) }
        }

        func row(_ name: String, _ runs: [Double]) {
            print(pad(name, 46) + pad(ms(runs.min() ?? 0), 12, right: true) + pad(ms(median(runs)), 12, right: true))
        }
        print(
            pad("step (data in memory unless noted)", 46) + pad("min", 12, right: true) + pad("median", 12, right: true)
        )
        if fromExport == nil {
            print(pad("pandas --export (generate, compute, write CSV)", 46) + pad(ms(exportSeconds), 12, right: true))
        }
        print(pad("Pulse load CSV → [Deal], [ActivityFact]", 46) + pad(ms(loadSeconds), 12, right: true))
        row("Pulse frame build (data step)", buildRuns)
        row("Pulse full recompute, reference metric set", computeRuns)
        row("Pulse all metrics (+conversion, revenue, …)", allRuns)
        for (name, runs) in steps { row("  \(name)", runs) }
        if let load = pandas.load {
            print(pad("pandas load export (data step)", 46) + pad(ms(load), 12, right: true))
        }
        if let total = pandas.totalCompute, let pandasMedian = total.last {
            print(
                pad("pandas total compute (reference)", 46) + pad(ms(total.first ?? 0), 12, right: true)
                    + pad(ms(pandasMedian), 12, right: true))
            let speedup = pandasMedian / max(median(computeRuns), 1e-9)
            print(String(format: "\nspeed-up, median pandas ÷ median Pulse: %.1f×", speedup))
        } else {
            print("\npandas timings: could not read the 'total compute' line; its output was:\n\(pandasOutput)")
        }
        if let rss = pandas.peakRSS { print("pandas peak RSS: \(rss)") }
        print("Pulse peak RSS (getrusage): \(String(format: "%.1f", rssInMemory)) MiB through the in-memory runs")
        if let sqlite {
            print(
                pad("SQLite write (setup; deals + ~100k-row batches)", 46) + pad(ms(sqlite.write), 12, right: true))
            row("SQLite read deals, then activity facts", sqlite.read)
            row("  store.deals (with stage history)", sqlite.readDeals)
            row("  store.activityFacts", sqlite.readFacts)
            row("SQLite read both concurrently", sqlite.readConcurrent)
            row("  frame build from the read", sqlite.build)
            row("SQLite concurrent read + frame + recompute", sqlite.total)
            print("SQLite checksums: \(sqlite.match ? "MATCH" : "MISMATCH")")
            let scope =
                sqlite.peakReset
                ? "during the SQLite read + compute runs (mark reset after the write setup)"
                : "including the SQLite round"
            print("Pulse peak RSS (getrusage): \(String(format: "%.1f", Self.peakRSSMiB())) MiB \(scope)")
        } else {
            print("SQLite round: skipped (--skip-sqlite)")
        }
        if mismatches.isEmpty {
            print("checksums: MATCH (\(expected.count) lines equal the reference's)")
        } else {
            print("checksums: MISMATCH (\(mismatches.count) of \(expected.count) lines)")
            for (got, want) in mismatches.prefix(10) { print("  pulse:  \(got)\n  pandas: \(want)") }
            throw ExitCode(1)
        }
    }

    /// Timings and checksum lines of the in-memory runs.
    struct InMemoryTimings {
        var now: Date
        var load: Double
        var build: [Double]
        var compute: [Double]
        var all: [Double]
        var steps: [(String, [Double])]
        var lines: [String]
    }

    /// Loads the export into the model, then times frame builds and full recomputes; the data is released
    /// when it returns.
    static func inMemoryRound(folder: URL, runs: Int) throws -> InMemoryTimings {
        // Data step 1: CSV → model structs.
        var loaded: (deals: [Deal], facts: [ActivityFact], now: Date)?
        let load = try time {
            let d = try PandasExport.deals(read(folder, "deals.csv"))
            let a = try PandasExport.activities(read(folder, "activities.csv"))
            let now = try PandasExport.now(metaJSON: read(folder, "meta.json"))
            loaded = (d, a, now)
        }
        guard let (deals, facts, now) = loaded else { throw BenchError("the export could not be loaded") }
        // Data step 2: model → frame.
        var frame: MetricsFrame?
        var build: [Double] = []
        for _ in 0..<runs {
            frame = nil
            build.append(try time { frame = MetricsFrame(deals: deals, activities: facts) })
        }
        guard let frame else { throw BenchError("no frame was built") }
        // Compute: the reference metric set, and every Pulse metric.
        var result: ReferenceMetrics?
        var compute: [Double] = []
        for _ in 0..<runs { compute.append(try time { result = ReferenceMetrics(frame: frame, now: now) }) }
        let steps = stepTimings(frame: frame, now: now, runs: runs)
        var all: [Double] = []
        var sink = 0
        for _ in 0..<runs {
            all.append(try time { sink &+= PulseMetricsSnapshot(frame: frame, now: now).fingerprint })
        }
        if sink == Int.min { print("") }  // keeps the all-metrics runs observable
        return InMemoryTimings(
            now: now, load: load, build: build, compute: compute, all: all, steps: steps,
            lines: result?.checksumLines() ?? [])
    }

    /// Timings of the SQLite round.
    struct SQLiteTimings {
        /// True when the peak-RSS mark was reset before the reads (Linux), so the peak is theirs alone.
        var peakReset: Bool
        var write: Double
        var read: [Double]
        var readDeals: [Double]
        var readFacts: [Double]
        var readConcurrent: [Double]
        var build: [Double]
        var total: [Double]
        var match: Bool
    }

    /// Writes the export into a temporary `SQLiteStore` (deals, then activities in batches of 100,000), then
    /// times reading it back with frame build and metric computation.
    static func sqliteRound(folder: URL, now: Date, runs: Int) async throws -> SQLiteTimings {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pulse-bench-db-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try SQLiteStore(path: dir.appendingPathComponent("pulse.sqlite").path)
        var write = 0.0
        do {
            var batch = IngestBatch()
            batch.deals = try PandasExport.deals(read(folder, "deals.csv"))
            var start = ContinuousClock.now
            _ = try await store.apply(batch)
            write += (ContinuousClock.now - start).seconds
            // Parse and write the activities a slice of lines at a time, so the setup stays small in memory.
            let bytes = try read(folder, "activities.csv")
            let headerEnd = (bytes.firstIndex(of: 10) ?? bytes.count - 1) + 1
            let header = Array(bytes[..<headerEnd])
            var from = headerEnd
            while from < bytes.count {
                var to = min(bytes.count, from + 4_500_000)
                while to < bytes.count && bytes[to - 1] != 10 { to += 1 }
                var chunk = IngestBatch()
                chunk.activities = try PandasExport.activityRecords(header + bytes[from..<to])
                start = ContinuousClock.now
                _ = try await store.apply(chunk)
                write += (ContinuousClock.now - start).seconds
                from = to
            }
        }
        let peakReset = resetPeakRSS()
        var readRuns: [Double] = []
        var dealRuns: [Double] = []
        var factRuns: [Double] = []
        var parallelRuns: [Double] = []
        var buildRuns: [Double] = []
        var totalRuns: [Double] = []
        var lines: [String] = []
        for _ in 0..<runs {
            // Sequential reads, each timed.
            let start = ContinuousClock.now
            let storedDeals = try await store.deals(tenant: Tenant.defaultID)
            let dealsRead = ContinuousClock.now
            let facts = try await store.activityFacts(tenant: Tenant.defaultID)
            let factsRead = ContinuousClock.now
            dealRuns.append((dealsRead - start).seconds)
            factRuns.append((factsRead - dealsRead).seconds)
            readRuns.append((factsRead - start).seconds)
            _ = (storedDeals.count, facts.count)
        }
        for _ in 0..<runs {
            // The end-to-end path: both reads at once (WAL allows concurrent readers), frame, recompute.
            let start = ContinuousClock.now
            async let dealsRead = store.deals(tenant: Tenant.defaultID)
            async let factsRead = store.activityFacts(tenant: Tenant.defaultID)
            let (storedDeals, facts) = try await (dealsRead, factsRead)
            let read = ContinuousClock.now
            parallelRuns.append((read - start).seconds)
            let frame = MetricsFrame(deals: storedDeals, activities: facts)
            buildRuns.append((ContinuousClock.now - read).seconds)
            let metrics = ReferenceMetrics(frame: frame, now: now)
            totalRuns.append((ContinuousClock.now - start).seconds)
            lines = metrics.checksumLines()
        }
        let expectedLines = String(decoding: try read(folder, "expected/checksums.txt"), as: UTF8.self)
            .split(separator: "\n").map(String.init)
        let match =
            lines.count == expectedLines.count && zip(lines, expectedLines).allSatisfy { Checksum.linesMatch($0, $1) }
        return SQLiteTimings(
            peakReset: peakReset, write: write, read: readRuns, readDeals: dealRuns, readFacts: factRuns,
            readConcurrent: parallelRuns,
            build: buildRuns, total: totalRuns,
            match: match)
    }

    /// Min-and-median timings of each step of the reference set, run separately.
    static func stepTimings(frame: MetricsFrame, now: Date, runs: Int) -> [(String, [Double])] {
        let history = TimeWindow.allTime
        var sink = 0
        let steps: [(String, () -> Int)] = [
            ("1 win rate", { frame.winRate(in: history).byIndustryQuarter.count }),
            ("2 sales cycle / LDVR", { frame.salesCycle(in: history).averageWonDays == nil ? 0 : 1 }),
            ("3 pipeline velocity", { frame.pipelineVelocity(in: history).byRep.count }),
            ("4 stage momentum", { frame.stageMomentum(now: now).deals.count }),
            ("5 deal quality", { frame.dealQuality(in: history, configuration: .reference).deals.count }),
            (
                "6 calls / heatmap",
                {
                    let calls = frame.callsPerWeek(now: now, weeks: ReferenceMetrics.callWeeks)
                    return calls.heatmap.total + calls.reps.count
                }
            ),
            ("7 BDR index", { frame.bdrIndex(in: .lastDays(ReferenceMetrics.bdrWindowDays, before: now)).count }),
        ]
        var result: [(String, [Double])] = []
        for (name, step) in steps {
            var times: [Double] = []
            for _ in 0..<runs {
                let start = ContinuousClock.now
                sink &+= step()
                times.append((ContinuousClock.now - start).seconds)
            }
            result.append((name, times))
        }
        if sink == Int.min { print("") }
        return result
    }

    private func locateScript() throws -> URL {
        if let reference {
            let url = URL(fileURLWithPath: reference)
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw BenchError("--reference \(reference): no such file; pass the path of pandas_metrics.py.")
            }
            return url
        }
        var dir = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        for _ in 0..<6 {
            let candidate = dir.appendingPathComponent("../shared/bench/pandas_metrics.py").standardizedFileURL
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        throw BenchError(
            "pandas_metrics.py not found at ../shared/bench/ from here or a parent folder; pass --reference PATH.")
    }

    private func checkPython() throws {
        do {
            _ = try runPython(["-c", "import pandas"])
        } catch {
            throw BenchError(
                "\(python) with pandas is needed to run the reference: install Python 3 and then `pip install pandas`, "
                    + "or pass --python PATH (\(error))")
        }
    }

    /// Runs the interpreter with `arguments` and returns its standard output; fails on a non-zero exit.
    private func runPython(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.standardError
        do {
            try process.run()
        } catch {
            throw BenchError("could not start \(python): \(error.localizedDescription)")
        }
        let output = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw BenchError(
                "\(python) \(arguments.joined(separator: " ")) exited with status \(process.terminationStatus) (its messages are above)"
            )
        }
        return String(decoding: output, as: UTF8.self)
    }

    static func read(_ folder: URL, _ name: String) throws -> [UInt8] {
        let url = folder.appendingPathComponent(name)
        do {
            return [UInt8](try Data(contentsOf: url))
        } catch {
            throw BenchError("cannot read \(url.path): \(error.localizedDescription)")
        }
    }

    private static func time(_ body: () throws -> Void) throws -> Double {
        let start = ContinuousClock.now
        try body()
        return (ContinuousClock.now - start).seconds
    }

    /// Resets the kernel's peak-RSS mark to the current RSS (Linux `/proc/self/clear_refs`), as
    /// pandas_metrics.py --compute-peak does; false where that is not possible.
    static func resetPeakRSS() -> Bool {
        guard let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return false }
        defer { try? handle.close() }
        do {
            try handle.write(contentsOf: Data("5".utf8))
            return true
        } catch {
            return false
        }
    }

    static func peakRSSMiB() -> Double {
        var usage = rusage()
        #if os(Linux)
            getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        #else
            getrusage(RUSAGE_SELF, &usage)
        #endif
        return Double(usage.ru_maxrss) / 1024
    }
}

private func median(_ values: [Double]) -> Double {
    let s = values.sorted()
    guard !s.isEmpty else { return 0 }
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

private func ms(_ seconds: Double) -> String { String(format: "%.2f ms", seconds * 1000) }

private func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
    let gap = String(repeating: " ", count: max(0, width - text.count))
    return right ? gap + text : text + gap
}
