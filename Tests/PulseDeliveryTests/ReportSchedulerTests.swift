import Foundation
import PulseCore
import PulseStore
import Testing

@testable import PulseDelivery

/// `ReportScheduler` on a real SQLite file: due reports become outbox rows once per period, and the hourly digest
/// hands over the digest-held notifications it carried.
@Suite struct ReportSchedulerTests {
    static func d(_ text: String) -> Date { ReportTestData.d(text) }

    func withStore(_ body: (SQLiteStore) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pulse-sched-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: folder.appendingPathComponent("pulse.sqlite").path)
        var batch = IngestBatch()
        batch.reps = ReportTestData.reps
        batch.deals = ReportTestData.deals
        batch.activities = ReportTestData.activities
        _ = try await store.apply(batch)
        let held = AlertNotification(
            alert: ReportTestData.alerts[0].id, tenant: Tenant.defaultID, fingerprint: "fp1", recipient: "ana",
            severity: .critical, reason: .new, escalationLevel: 0, status: .digest,
            createdAt: Self.d("2026-11-24T09:00:00Z"))
        try await store.save(AlertChangeSet(alerts: ReportTestData.alerts, notifications: [held]))
        try await store.saveUser(ReportTestData.manager)
        try await store.saveUser(ReportTestData.rep)
        try await body(store)
    }

    func scheduler(_ store: SQLiteStore, ticks: [Date] = []) throws -> ReportScheduler<AsyncStream<Date>> {
        ReportScheduler(
            store: store, tenant: Tenant.defaultID, renderer: try ReportRenderer(),
            ticks: AsyncStream { continuation in
                for tick in ticks { continuation.yield(tick) }
                continuation.finish()
            }, publicURL: "https://pulse.example.com")
    }

    @Test func dueReportsAreEnqueuedOncePerPeriodOnSlackAndEmail() async throws {
        try await withStore { store in
            let scheduler = try scheduler(store)
            // 08:00 UTC: the manager's hourly digest, consolidated alerts and daily win; nothing for the rep; the
            // consolidated alerts also to the team channel (the tenant's Slack webhook).
            #expect(try await scheduler.runOnce(at: Self.d("2026-11-25T08:00:00Z")) == 7)
            #expect(try await scheduler.runOnce(at: Self.d("2026-11-25T08:10:00Z")) == 0)
            let rows = try await store.outbox(tenant: Tenant.defaultID, status: nil, limit: 100)
            #expect(
                Set(rows.map(\.id)) == [
                    "report|hourly-digest|u-max|2026-11-25T08|slack", "report|hourly-digest|u-max|2026-11-25T08|email",
                    "report|consolidated-alerts|u-max|2026-11-25T08|slack",
                    "report|consolidated-alerts|u-max|2026-11-25T08|email",
                    "report|daily-win|u-max|2026-11-25|slack", "report|daily-win|u-max|2026-11-25|email",
                    "report|consolidated-alerts|team|2026-11-25T08|slack",
                ])
            #expect(rows.allSatisfy { $0.kind == .report && $0.status == .pending })
            #expect(rows.filter { $0.recipient != "u-max" }.map(\.recipient) == ["team"])
            let digest = try #require(rows.first { $0.id == "report|hourly-digest|u-max|2026-11-25T08|email" })
            #expect(digest.message?.subject == "Pulse hourly digest — 2026-11-25 08:00: 1 held, 2 open")
            #expect(digest.message?.text.contains("Acme <Corp> & Co") == true)
            #expect(digest.message?.link == "https://pulse.example.com/api/reporting/alerts")
            #expect(rows.first { $0.action == "daily-win" }?.message?.link == nil)
            #expect(try await store.notifications(tenant: Tenant.defaultID, status: .digest, limit: 10).isEmpty)
            #expect(try await store.notifications(tenant: Tenant.defaultID, status: .sent, limit: 10).count == 1)
        }
    }

    @Test func runEnqueuesAtEveryTickUntilTheTicksEnd() async throws {
        try await withStore { store in
            let ticks = [Self.d("2026-11-25T07:30:00Z"), Self.d("2026-11-25T07:31:00Z")]
            try await scheduler(store, ticks: ticks).run()
            let rows = try await store.outbox(tenant: Tenant.defaultID, status: nil, limit: 100)
            let briefs = rows.filter { $0.action == "morning-brief" }
            #expect(briefs.count == 4)
            #expect(Set(briefs.map(\.recipient)) == ["u-max", "u-ana"])
        }
    }

    @Test func aUserWithoutAnEmailAddressGetsReportsOnSlackOnly() async throws {
        try await withStore { store in
            var rep = ReportTestData.rep
            rep.email = nil
            try await store.saveUser(rep)
            #expect(try await scheduler(store).runOnce(at: Self.d("2026-11-25T07:30:00Z")) == 3)
            let rows = try await store.outbox(tenant: Tenant.defaultID, status: nil, limit: 100)
            #expect(rows.filter { $0.recipient == "u-ana" }.map(\.channel) == [.slack])
        }
    }

    @Test func anEmptyHourlyReportIsNotSent() async throws {
        try await withStore { store in
            for alert in ReportTestData.alerts {
                var resolved = alert
                resolved.state = .resolved
                resolved.resolvedAt = Self.d("2026-11-25T06:00:00Z")
                try await store.save(AlertChangeSet(alerts: [resolved]))
            }
            try await store.setNotificationStatus(.sent, ids: ["fp1-1|ana|new|0"], tenant: Tenant.defaultID)
            // 09:00 UTC: hourly digest and consolidated alerts are both empty now.
            #expect(try await scheduler(store).runOnce(at: Self.d("2026-11-25T09:00:00Z")) == 0)
        }
    }
}
