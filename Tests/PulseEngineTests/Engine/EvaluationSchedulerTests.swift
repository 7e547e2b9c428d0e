import Foundation
import PulseCore
import PulseEngine
import ServiceLifecycle
import Testing

@Suite struct EvaluationSchedulerTests {
    /// A finite sequence of evaluation times, standing in for the wall clock.
    struct Ticks: AsyncSequence, Sendable {
        let dates: [Date]
        struct AsyncIterator: AsyncIteratorProtocol {
            var rest: [Date]
            mutating func next() async -> Date? { rest.isEmpty ? nil : rest.removeFirst() }
        }
        func makeAsyncIterator() -> AsyncIterator { AsyncIterator(rest: dates) }
    }

    @Test func theSchedulerEscalatesAnUnacknowledgedCriticalAlertOnLaterTicks() async throws {
        let (fixture, store, engine) = try await EngineFixture.seeded()
        defer { fixture.remove() }
        let now = EngineFixture.now
        // Critical SLA is 4 h: level 1 (manager) after 4 h, level 2 (executive) 4 h later.
        let ticks = Ticks(dates: [
            now, now.addingTimeInterval(3600), now.addingTimeInterval(4.5 * 3600), now.addingTimeInterval(9 * 3600),
        ])
        try await EvaluationScheduler(engine: engine, ticks: ticks).run()

        let alert = try #require(try await store.alerts(AlertFilter(rule: "big-silent")).first)
        #expect(alert.escalationLevel == 2)
        let notes = try await store.notifications(tenant: Tenant.defaultID, status: nil, limit: 100)
            .filter { $0.alert == alert.id }
        // The manager is a recipient from the start (recipients: owner, manager), so level 1 adds nobody new.
        #expect(notes.contains { $0.recipient == "mgr" && $0.reason == .new })
        #expect(notes.contains { $0.recipient == "rep_12" && $0.reason == .new })
        #expect(notes.contains { $0.recipient == "exec" && $0.reason == .escalated })
    }
}
