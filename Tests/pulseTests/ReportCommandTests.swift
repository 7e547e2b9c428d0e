import ArgumentParser
import Foundation
import PulseCore
import PulseStore
import Testing

@testable import pulse

/// `pulse report NAME` against a real SQLite file.
@Suite struct ReportCommandTests {
    static let at = "2026-11-25T12:00:00Z"

    private func database() async throws -> (path: String, cleanUp: () -> Void) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pulse-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("pulse.sqlite").path
        let now = ISODate.parse(Self.at)!
        var batch = IngestBatch()
        batch.reps = [Rep(id: "ana", name: "Ana Diaz", role: .bdr)]
        batch.activities = [
            Activity(id: "c1", kind: .callConducted, rep: "ana", occurredAt: now.addingTimeInterval(-86_400)),
            Activity(
                id: "m1", kind: .meeting, rep: "ana", occurredAt: now.addingTimeInterval(3 * 3600), subject: "Kick-off"),
        ]
        _ = try await SQLiteStore(path: path).apply(batch)
        return (path, { try? FileManager.default.removeItem(at: folder) })
    }

    @Test func listNamesEveryReport() async throws {
        let out = try await ReportCommand.parse(["list"]).output()
        for kind in ScheduledReportKind.allCases { #expect(out.contains(kind.rawValue)) }
    }

    @Test func morningBriefPrintsForTheWholeTenant() async throws {
        let db = try await database()
        defer { db.cleanUp() }
        let out = try await ReportCommand.parse(["morning-brief", "--db", db.path, "--at", Self.at]).output()
        #expect(out.hasPrefix("Good morning everyone — your brief for 2026-11-25"))
        #expect(out.contains("- 15:00 meeting: Kick-off (Ana Diaz)"))
        #expect(out.contains("Calls yesterday: 1."))
        let slack = try await ReportCommand.parse([
            "morning-brief", "--db", db.path, "--at", Self.at, "--format", "slack",
        ])
        .output()
        #expect(slack.contains("*Meetings today*"))
    }

    @Test func anUnknownReportIsRefusedWithTheValidNames() {
        #expect {
            try ReportCommand.parse(["monthly-pdf"])
        } throws: { error in
            let message = ReportCommand.message(for: error)
            return message.contains("Unknown report 'monthly-pdf'") && message.contains("weekly-scorecard")
        }
    }

    @Test func sendingNeedsAUserAndFormatsAreChecked() {
        #expect(throws: (any Error).self) { try ReportCommand.parse(["daily-win", "--send"]) }
        #expect {
            try ReportCommand.parse(["daily-win", "--format", "pdf"])
        } throws: { error in
            ReportCommand.message(for: error).contains("--format 'pdf'")
        }
    }

    @Test func sendWritesTheReportToTheOutboxOncePerMoment() async throws {
        let db = try await database()
        defer { db.cleanUp() }
        let store = try SQLiteStore(path: db.path)
        try await store.saveUser(
            User(
                id: "u-ana", name: "Ana Diaz", email: "ana@example.com", role: .rep, rep: "ana",
                createdAt: ISODate.parse(Self.at)!))
        let args = ["morning-brief", "--db", db.path, "--at", Self.at, "--user", "u-ana", "--send"]
        let out = try await ReportCommand.parse(args).output()
        #expect(out.contains("Queued 2 outbox rows (slack, email) for Ana Diaz"))
        #expect(try await ReportCommand.parse(args).output().contains("Queued 0 outbox rows"))
        let rows = try await store.outbox(tenant: Tenant.defaultID, status: .pending, limit: 10)
        #expect(
            Set(rows.map(\.id)) == [
                "report|morning-brief|u-ana|manual-2026-11-25T12:00:00Z|slack",
                "report|morning-brief|u-ana|manual-2026-11-25T12:00:00Z|email",
            ])
        #expect(rows.first?.message?.text.contains("Kick-off") == true)
        do {
            _ = try await ReportCommand.parse(["daily-win", "--db", db.path, "--user", "nobody"]).output()
            Issue.record("an unknown user must be refused")
        } catch {
            #expect("\(error)".contains("No user 'nobody'"))
        }
    }

    @Test func theScorecardNeedsAUser() {
        #expect {
            try ReportCommand.parse(["weekly-scorecard"])
        } throws: { error in
            ReportCommand.message(for: error).contains("--user")
        }
    }
}
