import Foundation
import Testing

/// `pulse segments` run as the real binary on a SQLite file: the RavenStack data set ingested with `pulse ingest`
/// (River @ Rivalytics, synthetic), an empty database, and bad options.
@Suite struct SegmentsCommandTests {
    /// A fresh folder for a database, and a closure that deletes it.
    static func database() throws -> (path: String, cleanUp: () -> Void) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "pulse-segments-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return (folder.appendingPathComponent("pulse.sqlite").path, { try? FileManager.default.removeItem(at: folder) })
    }

    /// Decoded `pulse segments --json`.
    struct Document: Decodable {
        struct Trial: Decodable {
            var k: Int
            var silhouette: Double
        }
        struct Segment: Decodable {
            var number: Int
            var name: String
            var size: Int
            var typical: [String: Double]
            var centroid: [String: Double]
        }
        var accounts: Int
        var churnedLeftOut: Int
        var features: [String]
        var k: Int
        var silhouette: Double?
        var trials: [Trial]
        var segments: [Segment]
        var unavailable: String?
    }

    @Test func theRavenStackAccountsFormAtLeastTwoSegmentsWithAPositiveSilhouette() throws {
        let db = try Self.database()
        defer { db.cleanUp() }
        let files = try IngestFixture.csvFiles(of: "ravenstack-saas-synthetic").map(\.path)
        #expect(files.count == 5)
        let ingest = try PulseRun.run(["ingest", "--db", db.path] + files)
        #expect(ingest.status == 0, "\(ingest.stderr)")

        let json = try PulseRun.run(["segments", "--db", db.path, "--at", "2025-01-01", "--json"])
        #expect(json.status == 0, "\(json.stderr)")
        let doc = try JSONDecoder().decode(Document.self, from: Data(json.stdout.utf8))
        #expect(doc.accounts == 390)
        #expect(doc.churnedLeftOut == 110)
        #expect(doc.unavailable == nil)
        #expect(doc.k >= 2)
        #expect(try #require(doc.silhouette) > 0)
        #expect(doc.trials.map(\.k).first == 2)
        #expect(doc.trials.contains { $0.k == doc.k && $0.silhouette == doc.silhouette })
        #expect(doc.trials.allSatisfy { $0.silhouette <= doc.silhouette! })
        #expect(doc.segments.map(\.size).reduce(0, +) == 390)
        #expect(doc.segments.map(\.number) == Array(1...doc.k))
        #expect(Set(doc.segments.map(\.name)).count == doc.k)
        #expect(doc.features.contains("events_per_seat_30d") && doc.features.contains("tickets_90d"))
        for segment in doc.segments {
            #expect(!segment.name.isEmpty)
            #expect(segment.typical["events_per_seat_30d"] != nil)
            #expect(Set(segment.centroid.keys) == Set(doc.features))
        }

        // The same database, time and seed give the same segmentation.
        let again = try PulseRun.run(["segments", "--db", db.path, "--at", "2025-01-01", "--json"])
        #expect(again.stdout == json.stdout)

        let text = try PulseRun.run(["segments", "--db", db.path, "--at", "2025-01-01"])
        #expect(text.status == 0)
        #expect(text.stdout.contains("390 active accounts (110 churned left out)"))
        #expect(text.stdout.contains("k = \(doc.k) (best silhouette"))
        #expect(text.stdout.contains("← chosen"))
        for segment in doc.segments { #expect(text.stdout.contains(segment.name)) }
    }

    @Test func anEmptyDatabaseSaysThereAreTooFewAccounts() throws {
        let db = try Self.database()
        defer { db.cleanUp() }
        let text = try PulseRun.run(["segments", "--db", db.path, "--at", "2025-01-01"])
        #expect(text.status == 0)
        #expect(text.stdout.contains("No segmentation: 0 active accounts (segmentation needs at least 10"))
        let json = try PulseRun.run(["segments", "--db", db.path, "--at", "2025-01-01", "--json"])
        let doc = try JSONDecoder().decode(Document.self, from: Data(json.stdout.utf8))
        #expect(doc.k == 0 && doc.segments.isEmpty && doc.unavailable != nil)
    }

    @Test func aBadTimeIsRefusedWithTheReason() throws {
        let db = try Self.database()
        defer { db.cleanUp() }
        let run = try PulseRun.run(["segments", "--db", db.path, "--at", "yesterday"])
        #expect(run.status != 0)
        #expect(run.stderr.contains("--at must be a date"))
    }

    @Test func aSegmentRuleMayGroupByEngagementSegment() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "pulse-seg-rules-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let rule = """
            rules:
              - id: segment-tickets
                title: Many tickets in an engagement segment
                scope: segment
                segment_by: [engagement_segment]
                severity: medium
                when: {measure: tickets_opened, window: 30d, op: ">=", value: 10}
            """
        try Data(rule.utf8).write(to: folder.appendingPathComponent("segment.yaml"))
        let check = try PulseRun.run(["rules", "check", folder.path, "--no-builtin"])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        try Data(rule.replacingOccurrences(of: "[engagement_segment]", with: "[engagement_segmnt]").utf8)
            .write(to: folder.appendingPathComponent("segment.yaml"))
        let bad = try PulseRun.run(["rules", "check", folder.path, "--no-builtin"])
        #expect(bad.status != 0)
        #expect((bad.stdout + bad.stderr).contains("engagement_segment"))
    }
}
