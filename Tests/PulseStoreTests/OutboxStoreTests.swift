import Foundation
import PulseCore
import PulseStore
import Testing

/// The behaviour every `OutboxStore` backend must show: idempotent enqueue, due order, outcomes, cursors.
@Suite struct OutboxStoreTests {
    typealias F = ServerFixtures

    @Test(arguments: StoreKind.enabled)
    func enqueueingTheSameRowTwiceWritesItOnceAndHandsTheNotificationOver(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let alert = AlertFixtures.alert("a")
            let toRep = AlertFixtures.notification(alert, to: "rep-1")
            let toManager = AlertFixtures.notification(alert, to: "mgr-1")
            try await store.save(AlertChangeSet(alerts: [alert], notifications: [toRep, toManager]))

            let slack = F.item("\(toRep.id)|slack", notification: toRep.id)
            let email = F.item("\(toRep.id)|email", channel: .email, notification: toRep.id)
            #expect(try await store.enqueue([slack, email], handingOver: [toRep.id], tenant: "acme") == 2)
            var again = slack
            again.action = "changed"
            #expect(try await store.enqueue([again], handingOver: [toRep.id], tenant: "acme") == 0)

            let rows = try await store.outbox(tenant: "acme", status: nil, limit: 10)
            #expect(Set(rows) == [slack, email], "the first write of a row wins")
            let statuses = try await store.notifications(tenant: "acme", status: nil, limit: 10)
            #expect(statuses.first { $0.id == toRep.id }?.status == .sent)
            #expect(statuses.first { $0.id == toManager.id }?.status == .queued)
            #expect(
                try await store.notifications(tenant: "acme", status: .queued, limit: 10).map(\.id) == [toManager.id])
        }
    }

    @Test(arguments: StoreKind.enabled)
    func aRowWithAMessageReadsBackEqual(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            var item = F.item("report|weekly|ana|2026-W48|email", severity: .low, channel: .email, message: F.message())
            item.alert = "fp-a-1748854800"
            item.fingerprint = "fp-a"
            item.lastError = "earlier"
            try await store.enqueue([item], handingOver: [], tenant: "acme")
            #expect(try await store.outbox(tenant: "acme", status: .pending, limit: 5) == [item])
        }
    }

    @Test(arguments: StoreKind.enabled)
    func rowsForAnotherTenantAreRefusedAndNothingIsWritten(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let error = await #expect(throws: StoreError.self) {
                try await store.enqueue([F.item("a"), F.item("b", tenant: "other")], handingOver: [], tenant: "acme")
            }
            #expect(error?.message.contains("b") == true)
            let rows = try await store.outbox(tenant: "acme", status: nil, limit: 5)
            #expect(rows.isEmpty)
        }
    }

    @Test(arguments: StoreKind.enabled)
    func dueRowsComeMostSevereFirstThenOldestAndOnlyWhenDue(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let now = F.date(hours: 1)
            try await store.enqueue(
                [
                    F.item("low-old", severity: .low, created: F.date(minutes: 1)),
                    F.item("high-new", severity: .high, created: F.date(minutes: 30)),
                    F.item("high-old-b", severity: .high, created: F.date(minutes: 5)),
                    F.item("high-old-a", severity: .high, created: F.date(minutes: 5)),
                    F.item("critical", severity: .critical, created: F.date(minutes: 50)),
                    F.item("later", severity: .critical, due: F.date(hours: 2)),
                    F.item("due-exactly", severity: .medium, due: now),
                ], handingOver: [], tenant: "acme")
            try await store.enqueue(
                [F.item("other-tenant", tenant: "other", severity: .medium)], handingOver: [], tenant: "other")

            let due = try await store.dueOutbox(now: now, limit: 10)
            #expect(
                due.map(\.id) == [
                    "critical", "high-old-a", "high-old-b", "high-new", "due-exactly", "other-tenant", "low-old",
                ])
            #expect(try await store.dueOutbox(now: now, limit: 2).map(\.id) == ["critical", "high-old-a"])
            // Same severity: the older row first, whatever its due time.
            #expect(
                try await store.dueOutbox(now: F.date(hours: 2), limit: 10).prefix(2).map(\.id) == [
                    "later", "critical",
                ])
            #expect(try await store.dueOutbox(now: F.date(hours: 2), limit: 10).count == 8)
        }
    }

    @Test(arguments: StoreKind.enabled)
    func eachOutcomeIsRecordedAsTheProtocolSays(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            try await store.enqueue(
                ["ok", "flaky", "broken", "quiet"].map { F.item($0) }, handingOver: [], tenant: "acme")
            let at = F.date(hours: 1)
            try await store.record(DeliveryOutcome(id: "ok", at: at, result: .delivered))
            try await store.record(
                DeliveryOutcome(id: "flaky", at: at, result: .retry(at: F.date(hours: 2)), error: "HTTP 503"))
            try await store.record(DeliveryOutcome(id: "broken", at: at, result: .dead, error: "SMTP 550"))
            try await store.record(DeliveryOutcome(id: "quiet", at: at, result: .deferred(until: F.date(hours: 8))))
            try await store.record(DeliveryOutcome(id: "unknown", at: at, result: .delivered))

            let rows = Dictionary(
                uniqueKeysWithValues: try await store.outbox(tenant: "acme", status: nil, limit: 10).map { ($0.id, $0) }
            )
            let ok = try #require(rows["ok"])
            #expect(ok.status == .delivered && ok.deliveredAt == at && ok.attempts == 1 && ok.lastError == nil)
            let flaky = try #require(rows["flaky"])
            #expect(flaky.status == .pending && flaky.attempts == 1 && flaky.nextAttemptAt == F.date(hours: 2))
            #expect(flaky.lastError == "HTTP 503" && flaky.deliveredAt == nil)
            let broken = try #require(rows["broken"])
            #expect(broken.status == .dead && broken.attempts == 1 && broken.lastError == "SMTP 550")
            let quiet = try #require(rows["quiet"])
            #expect(quiet.status == .pending && quiet.attempts == 0 && quiet.nextAttemptAt == F.date(hours: 8))
            #expect(quiet.lastError == nil)

            // A delivered or dead row takes no further outcome.
            try await store.record(DeliveryOutcome(id: "ok", at: at, result: .retry(at: at), error: "late"))
            try await store.record(DeliveryOutcome(id: "broken", at: at, result: .delivered))
            #expect(try await store.outbox(tenant: "acme", status: .delivered, limit: 10).map(\.id) == ["ok"])
            #expect(try await store.outbox(tenant: "acme", status: .dead, limit: 10).map(\.id) == ["broken"])

            try await store.record(
                DeliveryOutcome(id: "flaky", at: F.date(hours: 2), result: .retry(at: F.date(hours: 4)), error: "x"))
            let twice = try await store.outbox(tenant: "acme", status: nil, limit: 10).first { $0.id == "flaky" }
            #expect(twice?.attempts == 2)
        }
    }

    @Test(arguments: StoreKind.enabled)
    func retryingDeadRowsMakesThemPendingAgainWithAttemptsReset(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            try await store.enqueue(["dead-1", "dead-2", "alive"].map { F.item($0) }, handingOver: [], tenant: "acme")
            try await store.enqueue([F.item("dead-other", tenant: "other")], handingOver: [], tenant: "other")
            for id in ["dead-1", "dead-2", "dead-other"] {
                try await store.record(DeliveryOutcome(id: id, at: F.date(), result: .dead, error: "gone"))
            }
            let retried = try await store.retryDead(
                ids: ["dead-1", "alive", "dead-other", "nope", "dead-1"], tenant: "acme", at: F.date(hours: 3))
            #expect(retried == 1)
            let row = try await store.outbox(tenant: "acme", status: nil, limit: 10).first { $0.id == "dead-1" }
            #expect(row?.status == .pending && row?.attempts == 0 && row?.nextAttemptAt == F.date(hours: 3))
            #expect(try await store.outbox(tenant: "acme", status: .dead, limit: 10).map(\.id) == ["dead-2"])
            #expect(try await store.outbox(tenant: "other", status: .dead, limit: 10).map(\.id) == ["dead-other"])
            #expect(try await store.dueOutbox(now: F.date(hours: 2), limit: 10).map(\.id) == ["alive"])
            #expect(
                try await store.dueOutbox(now: F.date(hours: 3), limit: 10).map(\.id).sorted() == ["alive", "dead-1"])
        }
    }

    @Test(arguments: StoreKind.enabled)
    func countsAreGivenForEveryStatusPerTenantAndListingsAreNewestFirst(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            #expect(try await store.outboxCounts(tenant: "acme") == [.pending: 0, .delivered: 0, .dead: 0])
            try await store.enqueue(
                (0..<4).map { F.item("r\($0)", created: F.date(minutes: $0)) }, handingOver: [], tenant: "acme")
            try await store.enqueue([F.item("x", tenant: "other")], handingOver: [], tenant: "other")
            try await store.record(DeliveryOutcome(id: "r0", at: F.date(), result: .delivered))
            try await store.record(DeliveryOutcome(id: "r1", at: F.date(), result: .dead))
            #expect(try await store.outboxCounts(tenant: "acme") == [.pending: 2, .delivered: 1, .dead: 1])
            #expect(try await store.outboxCounts(tenant: "other") == [.pending: 1, .delivered: 0, .dead: 0])
            #expect(try await store.outbox(tenant: "acme", status: nil, limit: 3).map(\.id) == ["r3", "r2", "r1"])
            #expect(try await store.outbox(tenant: "acme", status: .pending, limit: 9).map(\.id) == ["r3", "r2"])
        }
    }

    @Test(arguments: StoreKind.enabled)
    func cursorsStartAtZeroAndKeepTheLastValueAcrossReopening(_ kind: StoreKind) async throws {
        try await withDatabase(kind) { open in
            do {
                let store = try open()
                #expect(try await store.cursor("dispatcher") == 0)
                try await store.setCursor("dispatcher", to: 41)
                try await store.setCursor("dispatcher", to: 42)
                try await store.setCursor("reports", to: 7)
                try await store.enqueue([F.item("kept", message: F.message())], handingOver: [], tenant: "acme")
                try await store.record(DeliveryOutcome(id: "kept", at: F.date(), result: .retry(at: F.date(hours: 1))))
            }
            let store = try open()
            #expect(try await store.cursor("dispatcher") == 42)
            #expect(try await store.cursor("reports") == 7)
            #expect(try await store.cursor("never-set") == 0)
            let kept = try await store.outbox(tenant: "acme", status: .pending, limit: 1)
            #expect(kept.first?.message == F.message() && kept.first?.attempts == 1)
        }
    }
}
