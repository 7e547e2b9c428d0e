import ArgumentParser
import Foundation
import PulseCore

/// `pulse bench churn`: Pulse's boosted trees and logistic regression on the IBM Telco churn data over the
/// reference's five fixed splits, optionally beside `churn_baseline.py` (scikit-learn, LightGBM) in the same run.
struct BenchChurn: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "churn",
        abstract: "Churn-model AUC, train time and predict speed on the Telco splits, beside the Python reference.",
        discussion: """
            For seeds 42, 1, 2, 3 and 4 the test set is exactly the customer ids in --splits/test_ids_seed<N>.txt \
            and the rest is the training set. Pulse's gradient-boosted trees (fixed settings, early stopping on an \
            inner stratified 15% of the training part — the test set is never looked at) and logistic regression \
            are trained on it and scored by ROC AUC on the test set. Train time is wall-clock per fit (median of \
            the five); predict speed scores the test rows repeatedly for at least half a second. --reference runs \
            python3 ../shared/bench/churn_baseline.py afterwards and prints its lines too (needs pandas, \
            scikit-learn, lightgbm). Build with -c release for meaningful times.
            """
    )

    static let seeds = [42, 1, 2, 3, 4]

    @Option(help: "The Telco CSV.") var data = "../shared/data/ibm-telco-customer-churn/Telco-Customer-Churn.csv"
    @Option(help: "Folder with test_ids_seed<N>.txt.") var splits = "../shared/bench/telco-splits"
    @Flag(help: "Also run the Python reference (churn_baseline.py) and print its lines.") var reference = false
    @Option(help: "Path of churn_baseline.py.") var script = "../shared/bench/churn_baseline.py"
    @Option(help: "Python interpreter with pandas, scikit-learn and lightgbm.") var python = "python3"
    @Flag(help: "Print a Markdown table (for docs/benchmarks.md) instead of plain lines.") var markdown = false

    /// The boosted-tree settings used for every split (chosen once for Telco-sized tables; see docs).
    static var boosting: GradientBoostingParameters {
        var p = GradientBoostingParameters()
        p.trees = 400
        p.learningRate = 0.03
        p.maxDepth = 3
        p.maxLeaves = 8
        p.minSamplesLeaf = 40
        p.l2 = 5
        p.subsample = 0.8
        p.bins = 64
        p.earlyStoppingRounds = 40
        p.seed = 42
        return p
    }

    struct Result {
        var name: String
        var aucs: [Double] = []
        var trainSeconds: [Double] = []
        var rowsPerSecond: [Double] = []
        var trees: [Int] = []
    }

    func run() async throws {
        let csv: String
        do { csv = try String(contentsOfFile: data, encoding: .utf8) } catch {
            throw BenchError("--data \(data): cannot read the Telco CSV (\(error.localizedDescription))")
        }
        let dataset = try TelcoChurnDataset.load(csv: csv)
        var gbdt = Result(name: "pulse_gbdt")
        var logistic = Result(name: "pulse_logreg")
        for seed in Self.seeds {
            let path = URL(fileURLWithPath: splits).appendingPathComponent("test_ids_seed\(seed).txt").path
            let text: String
            do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
                throw BenchError(
                    "--splits \(splits): cannot read test_ids_seed\(seed).txt (\(error.localizedDescription))")
            }
            let ids = Set(text.split(whereSeparator: \.isNewline).map(String.init))
            let (train, test) = dataset.split(testIDs: ids)
            guard test.count == ids.count else {
                throw BenchError("\(path): \(ids.count - test.count) of its \(ids.count) ids are not in \(data)")
            }

            var clock = ContinuousClock.now
            let (inner, early) = train.stratifiedSplit(testFraction: 0.15, seed: 7)
            let trees = try GradientBoostedTrees.train(inner, validation: early, parameters: Self.boosting)
            gbdt.trainSeconds.append(Self.seconds(since: clock))
            gbdt.aucs.append(BinaryMetrics.rocAUC(test.rows.map(trees.rawScore), test.labels))
            gbdt.rowsPerSecond.append(Self.rowsPerSecond(test.rows, trees.rawScore))
            gbdt.trees.append(trees.treeCount)

            clock = ContinuousClock.now
            let linear = try LogisticRegression.train(train)
            logistic.trainSeconds.append(Self.seconds(since: clock))
            logistic.aucs.append(BinaryMetrics.rocAUC(test.rows.map(linear.rawScore), test.labels))
            logistic.rowsPerSecond.append(Self.rowsPerSecond(test.rows, linear.rawScore))
        }
        let referenceLines = reference ? runReference() : []
        if markdown {
            printMarkdown([gbdt, logistic], referenceLines: referenceLines, rows: dataset.count)
        } else {
            for result in [gbdt, logistic] {
                let perSeed = zip(Self.seeds, result.aucs).map { String(format: "%d=%.4f", $0, $1) }
                print(
                    String(
                        format: "%-16@ AUC %@ mean5=%.4f train_s(median)=%.3f predict_rows/s=%@",
                        result.name as NSString, perSeed.joined(separator: " ") as NSString, Self.mean(result.aucs),
                        Self.median(result.trainSeconds), Self.grouped(Self.median(result.rowsPerSecond)) as NSString)
                        + (result.trees.isEmpty ? "" : " trees=\(result.trees.map(String.init).joined(separator: ","))")
                )
            }
            for line in referenceLines { print(line) }
        }
    }

    private func printMarkdown(_ results: [Result], referenceLines: [String], rows: Int) {
        print("| model | AUC seed 42 | mean AUC (5 splits) | train s (median) | predict rows/s |")
        print("|---|---|---|---|---|")
        for result in results {
            print(
                String(
                    format: "| %@ | %.4f | %.4f | %.3f | %@ |", result.name as NSString, result.aucs[0],
                    Self.mean(result.aucs), Self.median(result.trainSeconds),
                    Self.grouped(Self.median(result.rowsPerSecond)) as NSString))
        }
        for line in referenceLines {
            let parts = line.split(separator: " ", omittingEmptySubsequences: true)
            func field(_ key: String) -> String {
                parts.first { $0.hasPrefix(key + "=") }.map { String($0.dropFirst(key.count + 1)) } ?? "?"
            }
            guard let name = parts.first, line.contains("AUC") else {
                print("| \(line) | | | | |")
                continue
            }
            print("| \(name) (Python) | \(field("seed42")) | \(field("mean5")) | \(field("train_s(median)")) | – |")
        }
    }

    /// Runs churn_baseline.py and returns its output lines; a missing interpreter or package is reported as a line.
    private func runReference() -> [String] {
        guard FileManager.default.fileExists(atPath: script) else {
            return ["reference not run: \(script) not found (pass --script PATH)"]
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, script]
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        do { try process.run() } catch {
            return ["reference not run: could not start \(python) (\(error.localizedDescription))"]
        }
        let output = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let last = errors.split(whereSeparator: \.isNewline).last.map(String.init) ?? "no message"
            return [
                "reference not run: \(python) \(script) exited with status \(process.terminationStatus): \(last) "
                    + "(pip install pandas scikit-learn lightgbm)"
            ]
        }
        return output.split(whereSeparator: \.isNewline).map(String.init)
    }

    /// Scores `rows` repeatedly for at least half a second; rows per second.
    static func rowsPerSecond(_ rows: [[Double]], _ score: ([Double]) -> Double) -> Double {
        var scored = 0
        var sink = 0.0
        let start = ContinuousClock.now
        var elapsed = 0.0
        repeat {
            for row in rows { sink += score(row) }
            scored += rows.count
            elapsed = seconds(since: start)
        } while elapsed < 0.5
        if sink.isNaN { return 0 }
        return Double(scored) / elapsed
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let d = ContinuousClock.now - start
        return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    static func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(max(1, values.count)) }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted.count % 2 == 1
            ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    static func grouped(_ value: Double) -> String {
        let digits = String(Int(value.rounded()))
        var out = ""
        for (i, c) in digits.reversed().enumerated() {
            if i > 0, i % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return String(out.reversed())
    }
}
