import Foundation
import PulseCore
import Testing

/// `pulse backtest` run as the real binary on a small demo database, with `--json` parsed back.
@Suite(.serialized) struct BacktestCommandTests {
    static func temporaryDatabase() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("pulse-backtest-\(UUID().uuidString).sqlite").path
    }

    @Test func theJSONReportOfADemoBacktestParsesBackWithEveryRuleScored() throws {
        let db = Self.temporaryDatabase()
        defer { try? FileManager.default.removeItem(atPath: db) }
        let demo = try PulseRun.run([
            "demo", "--db", db, "--leads", "20", "--accounts", "30", "--now", "2025-06-30", "--no-alerts",
        ])
        #expect(demo.status == 0, "\(demo.stderr)")
        let run = try PulseRun.run(["backtest", "--db", db, "--from", "2025-04-01", "--to", "2025-06-29", "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let report = try decoder.decode(BacktestReport.self, from: Data(run.stdout.utf8))
        #expect(report.daysReplayed == 90 && report.horizonDays == 90 && report.stepDays == 1)
        #expect(report.rules.count >= 40, "the built-in pack")
        #expect(report.total.episodes == report.rules.reduce(0) { $0 + $1.episodes })
        #expect(report.total.episodes > 0)
        let episodes = report.rules.map(\.episodes)
        #expect(episodes == episodes.sorted(by: >))
        #expect(report.rules.filter { $0.scope == .rep || $0.scope == .tenant }.allSatisfy { $0.precision == nil })
        #expect(report.rules.contains { $0.isScored && $0.precision != nil })
        #expect(run.stderr.contains("replayed 90/90 days"))
    }

    @Test func theTableListsEveryRuleAndATotalLine() throws {
        let db = Self.temporaryDatabase()
        defer { try? FileManager.default.removeItem(atPath: db) }
        _ = try PulseRun.run([
            "demo", "--db", db, "--leads", "5", "--accounts", "10", "--now", "2025-06-30", "--no-alerts",
        ])
        let run = try PulseRun.run([
            "backtest", "--db", db, "--from", "2025-06-01", "--to", "2025-06-20", "--step", "7d",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines[0].hasPrefix("Backtest 2025-06-01 … 2025-06-20: 3 days replayed (step 7d, horizon 90d)"))
        #expect(lines.contains { $0.hasPrefix("rule ") && $0.contains("alerts/owner/wk") })
        #expect(lines.contains { $0.hasPrefix("TOTAL ") })
        #expect(lines.contains { $0.contains("n/a") }, "rep and tenant rules have no precision")
    }

    @Test func badDatesAReversedRangeAndAnEmptyStoreAreClearErrors() throws {
        let db = Self.temporaryDatabase()
        defer { try? FileManager.default.removeItem(atPath: db) }
        let badDate = try PulseRun.run(["backtest", "--db", db, "--from", "2025-13-01", "--to", "2025-06-01"])
        #expect(badDate.status != 0 && badDate.stderr.contains("--from must be a date"))
        let reversed = try PulseRun.run(["backtest", "--db", db, "--from", "2025-06-02", "--to", "2025-06-01"])
        #expect(reversed.status != 0 && reversed.stderr.contains("--from 2025-06-02 is after --to 2025-06-01"))
        let empty = try PulseRun.run(["backtest", "--db", db, "--from", "2025-06-01", "--to", "2025-06-02"])
        #expect(empty.status != 0 && empty.stderr.contains("nothing to replay"))
        let step = try PulseRun.run([
            "backtest", "--db", db, "--from", "2025-06-01", "--to", "2025-06-02", "--step", "x",
        ])
        #expect(step.status != 0 && step.stderr.contains("--step must be a number of days"))
    }
}
