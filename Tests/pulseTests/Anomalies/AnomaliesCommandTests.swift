import Foundation
import Testing

/// `pulse anomalies` with the real binary on a small demo database.
@Suite(.serialized) struct AnomaliesCommandTests {
    static let at = "2026-11-25"

    /// A demo database (30 leads, 20 accounts, no alerts) in a fresh temporary folder.
    static func demoDatabase() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pulse-anomalies-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let db = folder.appendingPathComponent("demo.sqlite").path
        let demo = try PulseRun.run([
            "demo", "--db", db, "--now", at, "--leads", "30", "--accounts", "20", "--no-alerts",
        ])
        #expect(demo.status == 0, "\(demo.stderr)")
        return db
    }

    @Test func itPrintsTheSeriesSummaryAndDetectionsAndExplainsUnknownNames() throws {
        let db = try Self.demoDatabase()
        let base = ["anomalies", "--db", db, "--at", Self.at]

        let unknownMetric = try PulseRun.run(base + ["--metric", "engagment", "--entity", "tenant:default"])
        #expect(unknownMetric.status != 0)
        #expect(unknownMetric.stderr.contains("unknown series 'engagment'; did you mean 'engagement'?"))
        #expect(unknownMetric.stderr.contains("series: engagement, logins, call_volume"))

        let unknownAccount = try PulseRun.run(base + ["--metric", "engagement", "--entity", "account:nobody"])
        #expect(unknownAccount.status != 0)
        let listed = try #require(unknownAccount.stderr.range(of: "some that exist: account:"))
        let account = String(
            unknownAccount.stderr[listed.upperBound...].prefix { $0 != "," && $0 != "\n" && $0 != " " })
        #expect(!account.isEmpty)

        let text = try PulseRun.run(base + ["--metric", "engagement", "--entity", "account:\(account)"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(
            text.stdout.hasPrefix("Series engagement for account:\(account): daily value, 90 points from 2026-08-27"))
        #expect(text.stdout.contains("Summary: 0 missing"))
        #expect(text.stdout.contains("No anomalies") || text.stdout.contains("DATE"))

        let json = try PulseRun.run(
            base + ["--metric", "win_rate", "--entity", "tenant:default", "--sensitivity", "high", "--json"])
        #expect(json.status == 0, "\(json.stderr)")
        let report = try #require(
            try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(report["series"] as? String == "win_rate")
        #expect(report["bucket"] as? String == "week" && report["kind"] as? String == "rate")
        let points = try #require(report["points"] as? [[String: Any]])
        #expect(points.count == 12)
        let trials = points.compactMap { $0["trials"] as? Int }.reduce(0, +)
        let summary = try #require(report["summary"] as? [String: Any])
        #expect(summary["trials"] as? Int == trials && trials > 0)
        #expect(report["detections"] is [Any])
        // The recent week against the rest: either a rate comparison or the reason there is none.
        let problems = try #require(report["problems"] as? [[String: Any]])
        #expect(report["rate"] != nil || problems.contains { $0["code"] as? String == "sample_too_small" })
    }

    @Test func badOptionsAreRefusedBeforeAnythingIsRead() throws {
        let run = try PulseRun.run([
            "anomalies", "--db", "/nonexistent/x.sqlite", "--metric", "logins", "--entity", "nowhere",
        ])
        #expect(run.status != 0)
        #expect(run.stderr.contains("--entity 'nowhere' is not scope:id"))
        let sensitivity = try PulseRun.run([
            "anomalies", "--metric", "logins", "--entity", "tenant:default", "--sensitivity", "extreme",
        ])
        #expect(sensitivity.stderr.contains("--sensitivity 'extreme' is not one of low, medium, high."))
    }
}
