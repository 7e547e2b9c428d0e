import ArgumentParser
import Foundation
import PulseCore

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
            runs the reference on the same export, and checks that both print the same checksums. \
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

        // Data step 1: CSV → model structs.
        var loaded: (deals: [Deal], facts: [ActivityFact], now: Date)?
        let loadSeconds = try Self.time {
            let d = try PandasExport.deals(Self.read(folder, "deals.csv"))
            let a = try PandasExport.activities(Self.read(folder, "activities.csv"))
            let now = try PandasExport.now(metaJSON: Self.read(folder, "meta.json"))
            loaded = (d, a, now)
        }
        guard let (dealRows, facts, now) = loaded else { return }

        // Data step 2: model → frame.
        var frame: MetricsFrame?
        var buildRuns: [Double] = []
        for _ in 0..<repeatCount {
            frame = nil
            buildRuns.append(try Self.time { frame = MetricsFrame(deals: dealRows, activities: facts) })
        }
        guard let frame else { return }

        // Compute: the reference metric set, and every Pulse metric.
        var result: ReferenceMetrics?
        var computeRuns: [Double] = []
        for _ in 0..<repeatCount {
            computeRuns.append(try Self.time { result = ReferenceMetrics(frame: frame, now: now) })
        }
        let steps = Self.stepTimings(frame: frame, now: now, runs: repeatCount)
        var allRuns: [Double] = []
        var sink = 0
        for _ in 0..<repeatCount {
            allRuns.append(
                try Self.time {
                    let all = PulseMetricsSnapshot(frame: frame, now: now)
                    sink &+= all.fingerprint
                })
        }

        // The reference on the same export.
        let pandasOutput = try runPython([script.path, "--from-export", folder.path, "--repeat", "\(repeatCount)"])
        let pandas = PandasTimings(output: pandasOutput)

        // Checksums.
        let expected = String(decoding: try Self.read(folder, "expected/checksums.txt"), as: UTF8.self)
            .split(separator: "\n").map(String.init)
        let actual = result?.checksumLines() ?? []
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
        print("Pulse peak RSS (getrusage): \(String(format: "%.1f", Self.peakRSSMiB())) MiB")
        print("SQLite read + compute: skipped (no SQLiteStore on this branch yet)")
        if mismatches.isEmpty {
            print("checksums: MATCH (\(expected.count) lines equal the reference's)")
        } else {
            print("checksums: MISMATCH (\(mismatches.count) of \(expected.count) lines)")
            for (got, want) in mismatches.prefix(10) { print("  pulse:  \(got)\n  pandas: \(want)") }
            throw ExitCode(1)
        }
        if sink == Int.min { print("") }  // keeps the all-metrics runs observable
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
                throw ValidationError("--reference \(reference): no such file.")
            }
            return url
        }
        var dir = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        for _ in 0..<6 {
            let candidate = dir.appendingPathComponent("../shared/bench/pandas_metrics.py").standardizedFileURL
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        throw ValidationError(
            "pandas_metrics.py not found at ../shared/bench/ from here or a parent folder; pass --reference PATH.")
    }

    private func checkPython() throws {
        do {
            _ = try runPython(["-c", "import pandas"])
        } catch {
            throw ValidationError(
                "\(python) with pandas is needed for the reference (install with: pip install pandas). \(error)")
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

    private static func read(_ folder: URL, _ name: String) throws -> [UInt8] {
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

/// A benchmark failure with a sentence saying what went wrong.
struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// The timing lines of pandas_metrics.py's output.
struct PandasTimings {
    var load: Double?
    /// [min, median] with --repeat > 1, else [run 1].
    var totalCompute: [Double]?
    var peakRSS: String?

    init(output: String) {
        for line in output.split(separator: "\n") {
            let words = line.split(separator: " ")
            if line.hasPrefix("  load ") || line.hasPrefix("  generate ") {
                load = words.last.flatMap { Double($0) }
            } else if line.hasPrefix("  total compute") {
                let numbers = words.dropFirst(2).compactMap { Double($0) }
                totalCompute = numbers.count == 3 ? [numbers[1], numbers[2]] : numbers
            } else if line.hasPrefix("peak RSS") {
                peakRSS = String(line.dropFirst("peak RSS (getrusage): ".count))
            }
        }
    }
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double {
        let c = components
        return Double(c.seconds) + Double(c.attoseconds) / 1e18
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
