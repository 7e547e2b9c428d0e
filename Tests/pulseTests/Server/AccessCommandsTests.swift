import ArgumentParser
import Foundation
import PulseCore
import PulseServer
import PulseStore
import Testing

@testable import pulse

/// `pulse users …`, `pulse tokens …` and `pulse outbox …` against a real SQLite file.
@Suite struct AccessCommandsTests {
    private func database() throws -> (path: String, cleanUp: () -> Void) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pulse-access-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return (folder.appendingPathComponent("pulse.sqlite").path, { try? FileManager.default.removeItem(at: folder) })
    }

    @Test func usersAreAddedWithRolesPreferencesAndQuietHoursAndTheChangeIsAudited() async throws {
        let db = try database()
        defer { db.cleanUp() }
        try await UsersCommand.Add.parse([
            "sam", "--name", "Sam Rivera", "--role", "rep", "--rep", "rep-1", "--email", "sam@example.com",
            "--time-zone", "Europe/Berlin", "--notify", "high=email", "--notify", "low=", "--quiet-hours",
            "22:00-07:30", "--db", db.path, "--by", "ana",
        ]).run()
        let store = try SQLiteStore(path: db.path)
        let sam = try #require(try await store.user("sam", tenant: Tenant.defaultID))
        #expect(sam.role == .rep && sam.rep == "rep-1" && sam.timeZone == "Europe/Berlin")
        #expect(sam.preferences.high == [.email])
        #expect(sam.preferences.low.isEmpty)
        #expect(sam.preferences.critical == DeliveryPreferences.standard.critical)
        #expect(sam.preferences.quietHours == QuietHours(startMinute: 22 * 60, endMinute: 7 * 60 + 30))
        let audit = try await store.auditLog(
            tenant: Tenant.defaultID, from: .distantPast, to: .distantFuture, after: 0, limit: 10)
        #expect(audit.map(\.action) == ["user.create"])
        #expect(audit.first?.actor == "cli:ana")
    }

    @Test(arguments: [
        (["x", "--name", "X", "--role", "boss"], "--role must be one of"),
        (["x", "--name", "X", "--role", "rep"], "a rep needs --rep"),
        (["x", "--name", "X", "--role", "admin", "--time-zone", "Mars/Olympus"], "is not an IANA time zone"),
        (["x", "--name", "X", "--role", "admin", "--notify", "urgent=slack"], "--notify takes severity=channels"),
        (["x", "--name", "X", "--role", "admin", "--notify", "high=fax"], "unknown channel 'fax'"),
        (["x", "--name", "X", "--role", "admin", "--quiet-hours", "25:00-07:00"], "--quiet-hours takes HH:MM-HH:MM"),
    ])
    func badUserOptionsAreRefusedWithASentence(arguments: [String], expected: String) {
        #expect {
            _ = try UsersCommand.Add.parse(arguments)
        } throws: { error in
            UsersCommand.Add.message(for: error).contains(expected)
        }
    }

    @Test func aCreatedTokenAuthenticatesByItsHashOnlyAndRevokingItStopsIt() async throws {
        let db = try database()
        defer { db.cleanUp() }
        try await UsersCommand.Add.parse(["ana", "--name", "Ana", "--role", "admin", "--db", db.path]).run()
        try await TokensCommand.Create.parse(["--user", "ana", "--name", "ci", "--expires-in", "30", "--db", db.path])
            .run()
        let store = try SQLiteStore(path: db.path)
        let token = try #require(try await store.tokens(tenant: Tenant.defaultID, user: "ana").first)
        #expect(token.name == "ci")
        #expect(token.hash.count == 64 && token.prefix.hasPrefix("pulse_"))
        #expect(abs((token.expiresAt?.timeIntervalSince(token.createdAt) ?? 0) - 30 * 86_400) < 1)
        try await TokensCommand.Revoke.parse([token.id.rawValue, "--db", db.path]).run()
        #expect(try await store.token(hash: token.hash)?.revokedAt != nil)
        await #expect(throws: ValidationError.self) {
            try await TokensCommand.Revoke.parse([token.id.rawValue, "--db", db.path]).run()
        }
        await #expect(throws: ValidationError.self) {
            try await TokensCommand.Create.parse(["--user", "nobody", "--db", db.path]).run()
        }
        let actions = try await store.auditLog(
            tenant: Tenant.defaultID, from: .distantPast, to: .distantFuture, after: 0, limit: 10
        ).map(\.action)
        #expect(actions == ["user.create", "token.create", "token.revoke"])
    }

    @Test func deadLettersAreListedAndQueuedAgain() async throws {
        let db = try database()
        defer { db.cleanUp() }
        let store = try SQLiteStore(path: db.path)
        let now = Date()
        try await store.enqueue(
            [
                OutboxItem(
                    id: "report|daily-win|ana|2026-11-25|slack", tenant: Tenant.defaultID, kind: .report,
                    channel: .slack, recipient: "ana", severity: .low, action: "daily-win",
                    message: DeliveryMessage(subject: "Daily win", text: "47 invoices"), nextAttemptAt: now,
                    createdAt: now)
            ], handingOver: [], tenant: Tenant.defaultID)
        try await store.record(DeliveryOutcome(id: "report|daily-win|ana|2026-11-25|slack", at: now, result: .dead))
        #expect(try await store.outboxCounts(tenant: Tenant.defaultID)[.dead] == 1)
        try await OutboxCommand.List.parse(["--status", "dead", "--db", db.path]).run()
        try await OutboxCommand.Retry.parse(["--all-dead", "--db", db.path]).run()
        let counts = try await store.outboxCounts(tenant: Tenant.defaultID)
        #expect(counts[.dead] == 0 && counts[.pending] == 1)
        #expect(throws: (any Error).self) { _ = try OutboxCommand.Retry.parse(["--db", db.path]) }
    }

    @Test func initWritesACommentedFileThatLoadsAndRefusesToOverwrite() throws {
        let db = try database()
        defer { db.cleanUp() }
        let path = URL(fileURLWithPath: db.path).deletingLastPathComponent().appendingPathComponent("pulse.yaml").path
        try InitCommand.parse([path]).run()
        #expect(try ConfigurationLoader.load(file: path, environment: [:]) == PulseConfiguration())
        #expect(throws: ValidationError.self) { try InitCommand.parse([path]).run() }
        try InitCommand.parse([path, "--force"]).run()
    }
}
