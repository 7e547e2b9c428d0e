import ArgumentParser
import Foundation
import PulseCore
import PulseStore
import Testing

@testable import pulse

/// `pulse evaluate`, `pulse alerts …`, `pulse silence …` and `pulse rules stats` against a real SQLite file and the
/// built-in rule pack.
@Suite struct AlertCommandsTests {
    static let at = "2026-11-25T09:00:00Z"

    private func database() throws -> (path: String, cleanUp: () -> Void) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pulse-alerts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return (folder.appendingPathComponent("pulse.sqlite").path, { try? FileManager.default.removeItem(at: folder) })
    }

    /// A B2B deal silent for 20 days (fires stalled-deal) with its owner, manager and executive.
    private func seed(_ path: String) async throws {
        let now = ISODate.parse(Self.at)!
        func day(_ n: Double) -> Date { now.addingTimeInterval(n * 86_400) }
        var batch = IngestBatch()
        batch.reps = [
            Rep(id: "exec", name: "Erin Exec", role: .executive),
            Rep(id: "mgr", name: "Max Manager", role: .manager, manager: "exec"),
            Rep(id: "rep_12", name: "Sarah Johnson", role: .rep, manager: "mgr"),
        ]
        batch.accounts = [Account(id: "acme", name: "Acme Corp", owner: "rep_12")]
        batch.deals = [
            Deal(
                id: "D04523", name: "Acme Corp", account: "acme", owner: "rep_12", stage: "Qualified",
                stageHistory: [StageChange(stage: "Qualified", enteredAt: day(-10))], amountCents: 1_000_000,
                createdAt: day(-30), expectedCloseDate: day(30), updatedAt: day(-10))
        ]
        batch.activities = [Activity(id: "a1", kind: .emailOut, deal: "D04523", rep: "rep_12", occurredAt: day(-20))]
        _ = try await SQLiteStore(path: path).apply(batch)
    }

    private func stalled(_ path: String) async throws -> Alert {
        let alerts = try await SQLiteStore(path: path).alerts(AlertFilter(rule: "stalled-deal", includeResolved: true))
        return try #require(alerts.first)
    }

    @Test func evaluateRaisesTheStalledDealOnceAndActionsAreRecorded() async throws {
        let db = try database()
        defer { db.cleanUp() }
        try await seed(db.path)
        try await EvaluateCommand.parse(["--db", db.path, "--at", Self.at]).run()
        try await EvaluateCommand.parse(["--db", db.path, "--at", "2026-11-25T10:00:00Z"]).run()
        let store = try SQLiteStore(path: db.path)
        #expect(try await store.alerts(AlertFilter(rule: "stalled-deal")).count == 1)
        let alert = try await stalled(db.path)
        #expect(alert.content.title.contains("Acme Corp"))
        #expect(!alert.content.actions.isEmpty)

        try await AlertsCommand.Acknowledge.parse(["\(alert.number)", "--db", db.path, "--by", "ana", "--at", Self.at])
            .run()
        #expect(try await stalled(db.path).acknowledgedBy == "ana")
        do {
            try await AlertsCommand.Acknowledge.parse(["\(alert.number)", "--db", db.path, "--by", "bo"]).run()
            Issue.record("acknowledging twice must fail")
        } catch {
            #expect("\(error)".contains("already acknowledged"))
        }
        do {
            try await AlertsCommand.Resolve.parse(["4242", "--db", db.path]).run()
            Issue.record("resolving a missing alert must fail")
        } catch {
            #expect("\(error)".contains("4242"))
        }
        try await AlertsCommand.Feedback.parse(["#\(alert.number)", "helpful", "--db", db.path, "--by", "ana"]).run()
        try await AlertsCommand.Assign.parse(["\(alert.number)", "--to", "mgr", "--db", db.path, "--by", "ana"]).run()
        #expect(try await stalled(db.path).assignee == "mgr")
        try await AlertsCommand.Resolve.parse(["\(alert.number)", "--note", "called", "--db", db.path, "--by", "ana"])
            .run()
        let resolved = try await stalled(db.path)
        #expect(resolved.state == .resolved)
        #expect(resolved.resolutionNote == "called")
        let trail = try await store.audit(alert: resolved.id).map(\.action)
        for action in [AlertAction.raised, .acknowledged, .feedback, .assigned, .resolved] {
            #expect(trail.contains(action), "audit trail lacks \(action)")
        }
        try await RulesStatsCommand.parse(["--db", db.path]).run()
        try await AlertsCommand.List.parse(["--db", db.path, "--all", "--severity", "P2"]).run()
        try await AlertsCommand.Show.parse(["\(alert.number)", "--db", db.path]).run()
    }

    @Test func aSilenceAddedFromTheCommandLineMutesAndExpires() async throws {
        let db = try database()
        defer { db.cleanUp() }
        try await seed(db.path)
        try await SilenceCommand.Add.parse([
            "--db", db.path, "--match", "rule=stalled-deal", "--for", "2d", "--reason", "rep on leave", "--at", Self.at,
        ]).run()
        try await EvaluateCommand.parse(["--db", db.path, "--at", Self.at]).run()
        #expect(try await stalled(db.path).suppression == .silenced("s1"))
        try await SilenceCommand.Expire.parse(["s1", "--db", db.path, "--at", "2026-11-25T11:00:00Z"]).run()
        #expect(try await stalled(db.path).suppression == nil)
        let silences = try await SQLiteStore(path: db.path).silences(
            tenant: Tenant.defaultID, includeExpired: true, now: ISODate.parse("2026-11-26T00:00:00Z")!)
        #expect(silences.map(\.reason) == ["rep on leave"])
    }

    @Test(arguments: [
        ["1", "--db", "/tmp/x.sqlite"],  // neither --for nor --until
        ["1", "--for", "soon", "--db", "/tmp/x.sqlite"],
        ["1", "--for", "2h", "--until", "2026-12-01", "--db", "/tmp/x.sqlite"],
    ])
    func snoozeNeedsExactlyOneValidEnd(_ arguments: [String]) {
        #expect(throws: (any Error).self) { try AlertsCommand.Snooze.parse(arguments) }
    }

    @Test func silenceMatchersAndReasonsAreValidated() {
        #expect(throws: (any Error).self) {
            try SilenceCommand.Add.parse(["--match", "no operator", "--for", "2h", "--reason", "x"])
        }
        #expect(throws: (any Error).self) {
            try SilenceCommand.Add.parse(["--match", "rule=~[", "--for", "2h", "--reason", "x"])
        }
        #expect(throws: (any Error).self) {
            try SilenceCommand.Add.parse(["--match", "rule=a", "--for", "2h", "--reason", " "])
        }
        #expect(throws: (any Error).self) { try AlertsCommand.List.parse(["--severity", "apocalyptic"]) }
        #expect(throws: (any Error).self) { try AlertsCommand.Feedback.parse(["1", "great"]) }
        #expect(throws: (any Error).self) { try EvaluateCommand.parse(["--at", "tomorrow-ish"]) }
    }

    @Test func ingestReEvaluatesTheRulesForWhatItChanged() async throws {
        let db = try database()
        defer { db.cleanUp() }
        try await seed(db.path)
        try await EvaluateCommand.parse(["--db", db.path, "--at", Self.at]).run()
        #expect(try await stalled(db.path).state == .open)
        let file = URL(fileURLWithPath: db.path).deletingLastPathComponent().appendingPathComponent("call.ndjson")
        let line = """
            {"id":"e-call-1","type":"activity.logged","occurredAt":"2026-11-25T10:00:00Z","tenant":"default","payload":{"id":"a2","kind":"call_conducted","deal":"D04523","rep":"rep_12","occurredAt":"2026-11-25T10:00:00Z","tenant":"default"}}
            """
        try (line + "\n").write(to: file, atomically: true, encoding: .utf8)
        try await IngestCommand.parse([file.path, "--db", db.path, "--at", "2026-11-25T10:05:00Z"]).run()
        #expect(try await stalled(db.path).state == .resolved)
    }
}
