import Foundation
import PulseCore
import PulseEngine
import PulseStore
import Testing

@Suite struct AlertEngineTests {
    @Test func evaluatingTwiceRaisesOneAlertPerConditionAndNotifiesOnce() async throws {
        let (fixture, store, engine) = try await EngineFixture.seeded()
        defer { fixture.remove() }

        let first = try await engine.evaluate(at: EngineFixture.now)
        #expect(first.opened.map(\.rule).sorted() == ["big-silent", "stalled"])
        #expect(first.opened.allSatisfy { $0.entity == EntityRef(.deal, "D04523") })
        let second = try await engine.evaluate(at: EngineFixture.now.addingTimeInterval(600))
        #expect(second.opened.isEmpty)
        #expect(second.queuedNotifications == 0)
        let active = try await store.activeAlerts(tenant: Tenant.defaultID)
        #expect(active.count == 2)
    }

    @Test func theAlertBookSurvivesARestartWithoutRaisingAgain() async throws {
        let fixture = try EngineFixture()
        defer { fixture.remove() }
        do {
            let store = try fixture.openStore()
            _ = try await store.apply(EngineFixture.seedBatch())
            _ = try await AlertEngine(store: store, rules: EngineFixture.rules()).evaluate(at: EngineFixture.now)
        }
        let reopened = try fixture.openStore()
        let engine = AlertEngine(store: reopened, rules: EngineFixture.rules())
        let again = try await engine.evaluate(at: EngineFixture.now.addingTimeInterval(3600))
        #expect(again.opened.isEmpty)
        let notifications = try await reopened.notifications(tenant: Tenant.defaultID, status: nil, limit: 100)
        #expect(Set(notifications.map(\.id)).count == notifications.count)
    }

    @Test func inhibitionHoldsBackTheStalledAlertWhileTheCriticalOneIsOpen() async throws {
        let (fixture, store, engine) = try await EngineFixture.seeded()
        defer { fixture.remove() }
        _ = try await engine.evaluate(at: EngineFixture.now)
        let stalled = try #require(try await store.alerts(AlertFilter(rule: "stalled")).first)
        guard case .inhibited? = stalled.suppression else {
            Issue.record("expected the stalled alert to be inhibited, got \(String(describing: stalled.suppression))")
            return
        }
        let notes = try await store.notifications(tenant: Tenant.defaultID, status: nil, limit: 100)
        #expect(notes.allSatisfy { $0.alert != stalled.id })
    }

    @Test func anIngestedActivityResolvesTheAlertsOfThatDealOnly() async throws {
        let (fixture, store, engine) = try await EngineFixture.seeded()
        defer { fixture.remove() }
        _ = try await engine.evaluate(at: EngineFixture.now)

        var batch = IngestBatch()
        let at = EngineFixture.now.addingTimeInterval(3600)
        batch.activities = [Activity(id: "a3", kind: .callConducted, deal: "D04523", rep: "rep_12", occurredAt: at)]
        batch.events = [
            EventRecord(id: "e3", type: "activity", occurredAt: at, tenant: Tenant.defaultID, source: "test", line: 1)
        ]
        let (summary, outcome) = try await engine.ingest(batch, at: at)
        #expect(summary.inserted["activities"] == 1)
        #expect(outcome.resolved.map(\.rule).sorted() == ["big-silent", "stalled"])
        #expect(outcome.evaluated > 0)
        #expect(try await store.activeAlerts(tenant: Tenant.defaultID).isEmpty)
    }

    @Test func actionsAreRecordedAndBadActionsGetAClearMessage() async throws {
        let (fixture, store, engine) = try await EngineFixture.seeded()
        defer { fixture.remove() }
        _ = try await engine.evaluate(at: EngineFixture.now)
        let critical = try #require(try await store.alerts(AlertFilter(rule: "big-silent")).first)

        let acked = try await engine.acknowledge("#\(critical.number)", by: "ana", at: EngineFixture.now)
        #expect(acked.state == .acknowledged)
        #expect(acked.acknowledgedBy == "ana")
        await #expect(throws: (any Error).self) {
            try await engine.acknowledge("\(critical.number)", by: "ana", at: EngineFixture.now)
        }
        do {
            _ = try await engine.acknowledge("9999", by: "ana", at: EngineFixture.now)
            Issue.record("acknowledging a missing alert must fail")
        } catch let error as EngineError {
            #expect(error.code == "alert_not_found")
            #expect(error.message.contains("9999"))
        }
        let trail = try await store.audit(alert: critical.id)
        #expect(trail.contains { $0.action == .acknowledged && $0.actor == "ana" })
    }

    @Test func aSilenceMutesMatchingAlertsUntilItIsExpired() async throws {
        let (fixture, store, engine) = try await EngineFixture.seeded()
        defer { fixture.remove() }
        let silence = try await engine.addSilence(
            matchers: [LabelMatcher(name: "rule", op: .equal, value: "big-silent")], from: EngineFixture.now,
            until: EngineFixture.day(2), by: "ana", reason: "board week", at: EngineFixture.now)
        _ = try await engine.evaluate(at: EngineFixture.now)
        let muted = try #require(try await store.alerts(AlertFilter(rule: "big-silent")).first)
        #expect(muted.suppression == .silenced(silence.id))
        #expect(
            try await store.notifications(tenant: Tenant.defaultID, status: nil, limit: 100)
                .allSatisfy { $0.alert != muted.id })

        _ = try await engine.expireSilence(silence.id, by: "ana", at: EngineFixture.now.addingTimeInterval(60))
        let released = try #require(try await store.alert(id: muted.id))
        #expect(released.suppression == nil)
        #expect(
            try await store.notifications(tenant: Tenant.defaultID, status: nil, limit: 100)
                .contains { $0.alert == muted.id })
        await #expect(throws: EngineError.self) {
            try await engine.expireSilence("s99", by: "ana", at: EngineFixture.now)
        }
    }

    @Test func evaluationIsDeterministicForAGivenNow() async throws {
        var runs: [[Alert]] = []
        for _ in 0..<2 {
            let fixture = try EngineFixture()
            defer { fixture.remove() }
            let store = try fixture.openStore()
            _ = try await store.apply(EngineFixture.seedBatch())
            _ = try await AlertEngine(store: store, rules: EngineFixture.rules()).evaluate(at: EngineFixture.now)
            runs.append(try await store.alerts(AlertFilter(includeResolved: true)))
        }
        #expect(runs[0] == runs[1])
        #expect(!runs[0].isEmpty)
    }
}
