import Foundation
import Logging
import PulseCore
import PulseDelivery
import PulseStore
import ServiceLifecycle
import Testing

/// The outbox end to end: real SQLite file, real HTTP and SMTP receivers on 127.0.0.1.
@Suite struct OutboxDispatcherTests {
    let t0 = DeliveryFixtures.t0

    @Test func aQueuedNotificationBecomesOneRowPerChannelAndIsDeliveredExactlyOnce() async throws {
        try await DispatchWorld.with { world in
            let store = try world.openStore()
            try await DispatchWorld.seed(store)
            let alert = try await DispatchWorld.raise(store, [DeliveryFixtures.alert()])[0]
            let deliverer = world.deliverer(store)
            let first = try await deliverer.runOnce(now: t0)
            #expect(first.handedOver == 1 && first.enqueued == 3 && first.delivered == 3)
            #expect(world.requests("/slack").count == 1)
            #expect(world.requests("/pagerduty").count == 1)
            #expect(world.smtp.messages.map(\.to) == [["sarah@example.com"]])
            let second = try await deliverer.runOnce(now: t0 + 60)
            #expect(second.isEmpty)
            #expect(world.http.requests.count == 2 && world.smtp.messages.count == 1)
            #expect(try await store.notifications(tenant: alert.tenant, status: .queued, limit: 10).isEmpty)
            #expect(try await store.notifications(tenant: alert.tenant, status: .sent, limit: 10).count == 1)
            let rows = try await store.outbox(tenant: alert.tenant, status: .delivered, limit: 10)
            #expect(Set(rows.map(\.channel)) == [.slack, .pagerduty, .email])
            let button = world.requests("/slack")[0].json
            #expect(String(describing: button).contains("https://pulse.example.com/alerts/\(alert.number)"))
        }
    }

    @Test func failuresAreRetriedWithBackoffAndBecomeADeadLetterAfterMaxAttempts() async throws {
        try await DispatchWorld.with { world in
            let store = try world.openStore()
            try await DispatchWorld.seed(store, users: [DispatchWorld.sarahUser([.webhook])])
            try await DispatchWorld.raise(store, [DeliveryFixtures.alert(severity: .high)])
            world.http.setDown(true)
            let deliverer = world.deliverer(store)
            let first = try await deliverer.runOnce(now: t0)
            #expect(first.retried == 1)
            let pending = try #require(
                try await store.outbox(tenant: Tenant.defaultID, status: .pending, limit: 5).first)
            #expect(pending.attempts == 1)
            #expect(pending.lastError == "HTTP 503 from 127.0.0.1: no")
            // base 10 s: the first delay lies in [5, 10] s.
            #expect(pending.nextAttemptAt >= t0 + 5 && pending.nextAttemptAt <= t0 + 10)
            #expect(try await deliverer.runOnce(now: t0 + 4).isEmpty)  // not due yet
            let second = try await deliverer.runOnce(now: t0 + 10)
            #expect(second.retried == 1)
            let again = try #require(try await store.outbox(tenant: Tenant.defaultID, status: .pending, limit: 5).first)
            #expect(again.attempts == 2)
            #expect(again.nextAttemptAt >= t0 + 10 + 10 && again.nextAttemptAt <= t0 + 10 + 20)
            let third = try await deliverer.runOnce(now: t0 + 100)
            #expect(third.dead == 1)
            let dead = try await store.outbox(tenant: Tenant.defaultID, status: .dead, limit: 5)
            #expect(dead.count == 1 && dead[0].attempts == 3)
            #expect(dead[0].lastError == "HTTP 503 from 127.0.0.1: no")
            #expect(try await deliverer.runOnce(now: t0 + 10_000).isEmpty)
            #expect(world.requests("/webhook").count == 3)
        }
    }

    @Test func slackFailingFallsBackToEmailOnce() async throws {
        try await DispatchWorld.with { world in
            let store = try world.openStore()
            try await DispatchWorld.seed(store)
            // Medium: standard preferences send it to Slack only.
            try await DispatchWorld.raise(store, [DeliveryFixtures.alert(severity: .medium)])
            world.http.setDown(true)
            let outbox = OutboxSettings(
                maxAttempts: 5, baseDelaySeconds: 1, maxDelaySeconds: 1, fallbackAfterAttempts: 2)
            let deliverer = world.deliverer(store, outbox: outbox)
            #expect(try await deliverer.runOnce(now: t0).fallbacks == 0)
            let second = try await deliverer.runOnce(now: t0 + 60)
            #expect(second.fallbacks == 1)
            #expect(world.smtp.messages.isEmpty)  // written in this pass, due from now on
            let third = try await deliverer.runOnce(now: t0 + 120)
            #expect(third.fallbacks == 0 && third.delivered == 1)
            #expect(world.smtp.messages.count == 1)
            _ = try await deliverer.runOnce(now: t0 + 180)
            #expect(world.smtp.messages.count == 1)
            let rows = try await store.outbox(tenant: Tenant.defaultID, status: nil, limit: 10)
            #expect(rows.map(\.id).sorted().last?.hasSuffix("|slack|fallback-email") == true)
            #expect(rows.filter { $0.channel == .email }.count == 1)
        }
    }

    @Test func slackFailingDoesNotFallBackWhenEmailWasAlreadyAChannel() async throws {
        try await DispatchWorld.with { world in
            let store = try world.openStore()
            try await DispatchWorld.seed(store)
            try await DispatchWorld.raise(store, [DeliveryFixtures.alert(severity: .high)])  // Slack and e-mail
            world.http.setDown(true)
            let deliverer = world.deliverer(store)
            for minute in 0..<3 { _ = try await deliverer.runOnce(now: t0 + Double(minute) * 600) }
            #expect(world.smtp.messages.count == 1)
            let rows = try await store.outbox(tenant: Tenant.defaultID, status: nil, limit: 10)
            #expect(!rows.contains { $0.id.hasSuffix("fallback-email") })
        }
    }

    @Test func quietHoursHoldNonCriticalMessagesUntilMorningWhileCriticalOnesPass() async throws {
        try await DispatchWorld.with { world in
            let store = try world.openStore()
            let quiet = QuietHours(startMinute: 22 * 60, endMinute: 7 * 60)
            try await DispatchWorld.seed(store, users: [DispatchWorld.sarahUser([.webhook], quietHours: quiet)])
            try await DispatchWorld.raise(
                store,
                [
                    DeliveryFixtures.alert(severity: .high, id: "fpH-1", fingerprint: "fpH"),
                    DeliveryFixtures.alert(severity: .critical, id: "fpC-1", fingerprint: "fpC"),
                ])
            let deliverer = world.deliverer(store)
            let night = try Date("2026-11-18T22:30:00Z", strategy: .iso8601)  // 23:30 in Berlin
            let first = try await deliverer.runOnce(now: night)
            #expect(first.delivered == 1 && first.deferred == 1)
            #expect(world.requests("/webhook").map { $0.json["severity"] as? String } == ["critical"])
            let held = try #require(try await store.outbox(tenant: Tenant.defaultID, status: .pending, limit: 5).first)
            let morning = try Date("2026-11-19T06:00:00Z", strategy: .iso8601)  // 07:00 in Berlin
            #expect(held.nextAttemptAt == morning)
            #expect(held.attempts == 0)
            #expect(try await deliverer.runOnce(now: morning - 60).isEmpty)
            #expect(try await deliverer.runOnce(now: morning).delivered == 1)
            #expect(world.requests("/webhook").map { $0.json["severity"] as? String } == ["critical", "high"])
        }
    }

    @Test func whenAReceiverComesBackEverythingIsDeliveredMostSevereFirst() async throws {
        try await DispatchWorld.with { world in
            let store = try world.openStore()
            try await DispatchWorld.seed(store, users: [DispatchWorld.sarahUser([.webhook])])
            let severities: [Severity] = [.low, .medium, .high, .critical, .low, .high]
            try await DispatchWorld.raise(
                store,
                severities.enumerated().map {
                    DeliveryFixtures.alert(severity: $0.element, id: "fp\($0.offset)-1", fingerprint: "fp\($0.offset)")
                })
            world.http.setDown(true)
            let deliverer = world.deliverer(store)
            #expect(try await deliverer.runOnce(now: t0).retried == 6)
            world.http.setDown(false)
            let back = try await deliverer.runOnce(now: t0 + 3600)
            #expect(back.delivered == 6)
            let delivered = world.requests("/webhook").suffix(6).map { $0.json["severity"] as? String }
            #expect(delivered == ["critical", "high", "high", "medium", "low", "low"])
        }
    }

    @Test func aRestartedDispatcherOnTheSameFileNeverDeliversTwice() async throws {
        try await DispatchWorld.with { world in
            do {
                let store = try world.openStore()
                try await DispatchWorld.seed(store)
                try await DispatchWorld.raise(
                    store,
                    [
                        DeliveryFixtures.alert(severity: .critical, id: "fpA-1", fingerprint: "fpA"),
                        DeliveryFixtures.alert(severity: .medium, id: "fpB-1", fingerprint: "fpB"),
                    ])
                world.http.script([200, 200, 503])  // slack A, pagerduty A; slack B fails
                let summary = try await world.deliverer(store).runOnce(now: t0)
                #expect(summary.delivered == 3 && summary.retried == 1)
            }
            let reopened = try world.openStore()
            let after = try await world.deliverer(reopened).runOnce(now: t0 + 3600)
            #expect(after.handedOver == 0 && after.delivered == 1)
            #expect(try await world.deliverer(reopened).runOnce(now: t0 + 7200).isEmpty)
            #expect(world.requests("/slack").count == 3)  // A once, B failed once and then delivered
            #expect(world.requests("/pagerduty").count == 1)
            #expect(world.smtp.messages.count == 1)
            #expect(
                try await reopened.outboxCounts(tenant: Tenant.defaultID) == [.pending: 0, .delivered: 4, .dead: 0])
        }
    }

    @Test func pagerDutyIncidentsFollowTheAlertThroughAcknowledgeAndResolve() async throws {
        try await DispatchWorld.with { world in
            let store = try world.openStore()
            try await DispatchWorld.seed(store, users: [DispatchWorld.sarahUser([.pagerduty])])
            var alert = try await DispatchWorld.raise(store, [DeliveryFixtures.alert()])[0]
            let other = try await DispatchWorld.raise(
                store, [DeliveryFixtures.alert(severity: .medium, id: "fpX-1", fingerprint: "fpX", owner: "rep_13")])[0]
            let deliverer = world.deliverer(store)
            _ = try await deliverer.runOnce(now: t0)
            alert.state = .acknowledged
            alert.acknowledgedAt = t0 + 60
            alert.acknowledgedBy = "sarah"
            var untouched = other
            untouched.state = .acknowledged
            try await store.save(AlertChangeSet(alerts: [alert, untouched]))
            let acknowledged = try await deliverer.runOnce(now: t0 + 120)
            #expect(acknowledged.followUps == 1 && acknowledged.delivered == 1)
            alert.state = .resolved
            alert.resolvedAt = t0 + 300
            alert.resolvedBy = "pulse"
            try await store.save(AlertChangeSet(alerts: [alert]))
            #expect(try await deliverer.runOnce(now: t0 + 360).followUps == 1)
            #expect(try await deliverer.runOnce(now: t0 + 420).isEmpty)
            let events = world.requests("/pagerduty").map(\.json)
            #expect(events.map { $0["event_action"] as? String } == ["trigger", "acknowledge", "resolve"])
            #expect(events.allSatisfy { $0["dedup_key"] as? String == "fp1" })
            let ids = try await store.outbox(tenant: Tenant.defaultID, status: nil, limit: 10).map(\.id)
            #expect(ids.contains("fp1-1795000000|pagerduty|acknowledge"))
            #expect(ids.contains("fp1-1795000000|pagerduty|resolve"))
        }
    }

    @Test func aMissingRecipientAddressIsSkippedAndTheNotificationStillHandedOver() async throws {
        try await DispatchWorld.with { world in
            let store = try world.openStore()
            try await DispatchWorld.seed(store)
            // rep_13 has no e-mail: a high alert goes to Slack only.
            try await DispatchWorld.raise(store, [DeliveryFixtures.alert(severity: .high, owner: "rep_13")])
            let summary = try await world.deliverer(store).runOnce(now: t0)
            #expect(summary.handedOver == 1 && summary.enqueued == 1 && summary.delivered == 1)
            #expect(world.smtp.messages.isEmpty)
        }
    }

    @Test func aPreRenderedReportRowGoesToTheUserWithItsOwnMessage() async throws {
        try await DispatchWorld.with { world in
            let store = try world.openStore()
            try await DispatchWorld.seed(store, users: [DispatchWorld.sarahUser([.webhook])])
            let report = OutboxItem(
                id: "report|morning-brief|u-sarah|2026-11-18|webhook", tenant: Tenant.defaultID, kind: .report,
                channel: .webhook, recipient: "u-sarah", severity: .low, action: "morning-brief",
                message: DeliveryMessage(subject: "Morning brief", text: "3 priorities today", severity: .low),
                nextAttemptAt: t0, createdAt: t0)
            try await store.enqueue([report], handingOver: [], tenant: Tenant.defaultID)
            #expect(try await world.deliverer(store).runOnce(now: t0).delivered == 1)
            let body = try #require(world.requests("/webhook").first).json
            #expect(body["kind"] as? String == "report")
            #expect(body["action"] as? String == "morning-brief")
            #expect(body["recipient"] as? String == "u-sarah")
            #expect(body["subject"] as? String == "Morning brief")
            #expect(body["text"] as? String == "3 priorities today")
            #expect(body["alert"] == nil)
        }
    }

    @Test func aRowForAnAlertThatNoLongerExistsBecomesADeadLetterSayingSo() async throws {
        try await DispatchWorld.with { world in
            let store = try world.openStore()
            try await DispatchWorld.seed(store)
            let ghost = DeliveryFixtures.item(DeliveryFixtures.alert(id: "gone-1"), channel: .slack)
            try await store.enqueue([ghost], handingOver: [], tenant: Tenant.defaultID)
            #expect(try await world.deliverer(store).runOnce(now: t0).dead == 1)
            let dead = try await store.outbox(tenant: Tenant.defaultID, status: .dead, limit: 5)
            #expect(dead.map(\.lastError) == ["the alert gone-1 of \(ghost.id) no longer exists"])
            #expect(world.http.requests.isEmpty)
        }
    }

    @Test func gracefulShutdownFinishesTheRowInHandThenReturns() async throws {
        try await DispatchWorld.with { world in
            let store = try world.openStore()
            try await DispatchWorld.seed(store, users: [DispatchWorld.sarahUser([.webhook])])
            try await DispatchWorld.raise(store, [DeliveryFixtures.alert()])
            world.http.hold(true)
            let (ticks, tick) = AsyncStream<Date>.makeStream()
            let dispatcher = OutboxDispatcher(deliverer: world.deliverer(store), ticks: ticks)
            let group = ServiceGroup(services: [dispatcher], logger: Logger(label: "test.outbox"))
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                tick.yield(t0)
                var arrivals = world.http.arrivals.makeAsyncIterator()
                _ = await arrivals.next()  // the webhook request is in flight, its answer held
                await group.triggerGracefulShutdown()
                world.http.release()
                try await tasks.waitForAll()
            }
            let rows = try await store.outbox(tenant: Tenant.defaultID, status: nil, limit: 5)
            #expect(rows.map(\.status) == [.delivered])
        }
    }
}
