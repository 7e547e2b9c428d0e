import Foundation
import PulseCore
import PulseStore
import Testing

/// The behaviour every `AlertStore` backend must show, run once per enabled `StoreKind`.
@Suite struct AlertStoreTests {
    typealias F = AlertFixtures

    @Test(arguments: StoreKind.enabled)
    func aFullyPopulatedAlertAndEveryRecordAboutItReadBackEqual(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let changes = F.fullChangeSet()
            var expected = F.fullAlert()
            expected.number = 1
            let saved = try await store.save(changes)
            #expect(saved == [expected])
            #expect(try await store.alert(id: expected.id) == expected)
            #expect(try await store.alert(number: 1, tenant: "acme") == expected)
            #expect(try await store.latestAlert(fingerprint: "fp-full", tenant: "acme") == expected)
            #expect(try await store.activeAlerts(tenant: "acme") == [expected])
            #expect(try await store.audit(alert: expected.id) == changes.audit)
            #expect(try await store.notifications(tenant: "acme", status: nil, limit: 10) == changes.notifications)
            #expect(try await store.feedback(tenant: "acme") == changes.feedback)
            #expect(try await store.silences(tenant: "acme", includeExpired: true, now: F.date()) == changes.silences)

            var inhibited = F.fullAlert()
            inhibited.suppression = .inhibited("fp-other")
            #expect(try await store.save(AlertChangeSet(alerts: [inhibited])).map(\.number) == [1])
            #expect(try await store.alert(id: inhibited.id)?.suppression == .inhibited("fp-other"))
        }
    }

    @Test(arguments: StoreKind.enabled)
    func anAlertWithEveryOptionalFieldEmptyReadsBackEqual(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            var expected = F.minimalAlert()
            expected.number = 1
            _ = try await store.save(AlertChangeSet(alerts: [F.minimalAlert()]))
            #expect(try await store.alert(id: expected.id) == expected)
            #expect(try await store.alert(number: 1, tenant: Tenant.defaultID) == expected)
        }
    }

    @Test(arguments: StoreKind.enabled)
    func newAlertsGetTheNextNumbersAndAnUpdateKeepsItsNumber(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let a = F.alert("a")
            let b = F.alert("b")
            #expect(try await store.save(AlertChangeSet(alerts: [a, b])).map(\.number) == [1, 2])

            var acknowledged = a
            acknowledged.state = .acknowledged
            acknowledged.acknowledgedAt = F.date(hours: 1)
            acknowledged.acknowledgedBy = "dana"
            acknowledged.number = 0
            let saved = try await store.save(AlertChangeSet(alerts: [acknowledged, F.alert("c")]))
            #expect(saved.map(\.number) == [1, 3])
            var expected = acknowledged
            expected.number = 1
            #expect(try await store.alert(id: a.id) == expected)
            #expect(try await store.alert(number: 3, tenant: "acme")?.id == F.alert("c").id)
            #expect(try await store.alert(number: 3, tenant: "other") == nil)
            #expect(try await store.alert(number: 99, tenant: "acme") == nil)
            #expect(try await store.alert(id: "no-such-alert") == nil)
        }
    }

    @Test(arguments: StoreKind.enabled)
    func aChangeSetNamingAnUnknownAlertIsRefusedAndNothingOfItIsSaved(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let a = F.alert("a")
            var ghost = F.alert("ghost")
            ghost.id = "not-saved"
            for changes in [
                AlertChangeSet(alerts: [a, F.alert("b")], audit: [F.audit(ghost, .raised, at: F.date())]),
                AlertChangeSet(alerts: [a], notifications: [F.notification(ghost, to: "rep-1")]),
                AlertChangeSet(
                    alerts: [a],
                    feedback: [
                        AlertFeedback(
                            alert: ghost.id, tenant: "acme", rule: "r", verdict: .helpful, by: "dana", at: F.date())
                    ], silences: [F.silence("s", ends: F.date(days: 1))]),
            ] {
                let error = await #expect(throws: StoreError.self) { try await store.save(changes) }
                #expect(error?.code == "unknown_alert")
                #expect(error?.message.contains("not-saved") == true)
            }
            let counts = try await store.counts()
            #expect(counts.byTable.values.allSatisfy { $0 == 0 }, "nothing may be written: \(counts.byTable)")
            #expect(try await store.alerts(AlertFilter(tenant: "acme", includeResolved: true)).isEmpty)
            #expect(try await store.silences(tenant: "acme", includeExpired: true, now: F.date()).isEmpty)
            // No number was used up by the rolled-back saves.
            #expect(try await store.save(AlertChangeSet(alerts: [a])).map(\.number) == [1])
        }
    }

    @Test(arguments: StoreKind.enabled)
    func aSecondAlertOfTheWrongTenantRollsBackTheFirst(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let stored = F.alert("stored")
            _ = try await store.save(AlertChangeSet(alerts: [stored]))
            var moved = stored
            moved.tenant = "other"
            moved.state = .resolved
            let fresh = F.alert("fresh")
            let error = await #expect(throws: StoreError.self) {
                try await store.save(
                    AlertChangeSet(alerts: [fresh, moved], audit: [F.audit(fresh, .raised, at: F.date())]))
            }
            #expect(error?.code == "alert_tenant_mismatch")
            #expect(error?.message.contains("other") == true)
            #expect(try await store.alert(id: fresh.id) == nil)
            #expect(try await store.audit(alert: fresh.id).isEmpty)
            #expect(try await store.alert(id: stored.id)?.state == .open)

            var auditOfOtherTenant = F.audit(stored, .updated, at: F.date())
            auditOfOtherTenant.tenant = "other"
            await #expect(throws: StoreError.self) {
                try await store.save(AlertChangeSet(audit: [auditOfOtherTenant]))
            }
            #expect(try await store.audit(alert: stored.id).isEmpty)
        }
    }

    @Test(arguments: StoreKind.enabled)
    func aNotificationIsStoredOnceHoweverOftenItIsSaved(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let a = F.alert("a")
            let first = F.notification(a, to: "rep-1", status: .queued, at: F.date())
            let again = F.notification(a, to: "rep-1", status: .digest, at: F.date(hours: 1))
            #expect(first.id == again.id)
            let escalated = F.notification(a, to: "mgr-1", reason: .escalated, level: 1, at: F.date(hours: 2))
            _ = try await store.save(AlertChangeSet(alerts: [a], notifications: [first]))
            _ = try await store.save(AlertChangeSet(alerts: [a], notifications: [again, escalated, escalated]))
            #expect(try await store.notifications(tenant: "acme", status: nil, limit: 10) == [first, escalated])

            #expect(try await store.setNotificationStatus(.sent, ids: [first.id, "unknown"], tenant: "acme") == 1)
            #expect(try await store.setNotificationStatus(.sent, ids: [first.id], tenant: "other") == 0)
            var sent = first
            sent.status = .sent
            #expect(try await store.notifications(tenant: "acme", status: .sent, limit: 10) == [sent])
            #expect(try await store.notifications(tenant: "acme", status: .queued, limit: 10) == [escalated])
            #expect(try await store.notifications(tenant: "acme", status: nil, limit: 1) == [sent])
        }
    }

    @Test(arguments: StoreKind.enabled)
    func listingsAreMostSevereFirstThenNewestThenByNumber(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let highOld = F.alert("high-old", severity: .high, raisedAt: F.date(days: 1))
            let critical1 = F.alert("critical-1", severity: .critical, raisedAt: F.date())
            let low = F.alert("low", severity: .low, raisedAt: F.date(days: 9))
            let highNew = F.alert("high-new", severity: .high, raisedAt: F.date(days: 2))
            let critical2 = F.alert("critical-2", severity: .critical, raisedAt: F.date())
            _ = try await store.save(AlertChangeSet(alerts: [highOld, critical1, low, highNew, critical2]))
            let expected = [critical1, critical2, highNew, highOld, low].map(\.id)
            #expect(try await store.alerts(AlertFilter(tenant: "acme")).map(\.id) == expected)
            #expect(try await store.activeAlerts(tenant: "acme").map(\.id) == expected)
            #expect(
                try await store.alerts(AlertFilter(tenant: "acme", limit: 2)).map(\.id) == [critical1.id, critical2.id])
        }
    }

    @Test(arguments: StoreKind.enabled)
    func theFilterHonoursEveryField(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let open = F.alert("open", severity: .critical, state: .open)
            let pending = F.alert("pending", severity: .medium, state: .pending, owner: "rep-2")
            let acknowledged = F.alert("ack", rule: "churn-risk", severity: .high, state: .acknowledged)
            let snoozed = F.alert("snoozed", severity: .low, state: .snoozed, entity: EntityRef(.account, "acc-1"))
            let resolved = F.alert("resolved", severity: .critical, state: .resolved, owner: nil)
            let otherTenant = F.alert("other", tenant: "other", severity: .critical)
            _ = try await store.save(
                AlertChangeSet(alerts: [open, pending, acknowledged, snoozed, resolved, otherTenant]))
            func ids(_ filter: AlertFilter) async throws -> Set<Alert.ID> {
                Set(try await store.alerts(filter).map(\.id))
            }
            #expect(try await ids(AlertFilter(tenant: "acme")) == [open.id, pending.id, acknowledged.id, snoozed.id])
            #expect(
                try await ids(AlertFilter(tenant: "acme", includeResolved: true))
                    == [open.id, pending.id, acknowledged.id, snoozed.id, resolved.id])
            #expect(try await ids(AlertFilter(tenant: "acme", states: [.resolved])) == [resolved.id])
            #expect(
                try await ids(AlertFilter(tenant: "acme", states: [.pending, .snoozed])) == [pending.id, snoozed.id])
            #expect(try await ids(AlertFilter(tenant: "acme", severities: [.critical])) == [open.id])
            #expect(
                try await ids(AlertFilter(tenant: "acme", severities: [.critical], includeResolved: true))
                    == [open.id, resolved.id])
            #expect(
                try await ids(AlertFilter(tenant: "acme", severities: [.medium, .low])) == [pending.id, snoozed.id])
            #expect(try await ids(AlertFilter(tenant: "acme", owner: "rep-2")) == [pending.id])
            #expect(try await ids(AlertFilter(tenant: "acme", rule: "churn-risk")) == [acknowledged.id])
            #expect(try await ids(AlertFilter(tenant: "acme", entity: EntityRef(.account, "acc-1"))) == [snoozed.id])
            #expect(try await ids(AlertFilter(tenant: "acme", entity: EntityRef(.deal, "acc-1"))).isEmpty)
            #expect(
                try await ids(
                    AlertFilter(tenant: "acme", states: [.open, .acknowledged], owner: "rep-1", rule: "stalled-deal"))
                    == [open.id])
            #expect(try await ids(AlertFilter(tenant: "other")) == [otherTenant.id])
            #expect(try await ids(AlertFilter(tenant: "nobody")).isEmpty)
            #expect(try await store.activeAlerts(tenant: "acme").count == 4)
        }
    }

    @Test(arguments: StoreKind.enabled)
    func theLatestAlertOfAFingerprintIsTheNewestInAnyState(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let first = F.alert("first", state: .resolved, fingerprint: "fp-x", raisedAt: F.date())
            let second = F.alert("second", state: .resolved, fingerprint: "fp-x", raisedAt: F.date(days: 5))
            let other = F.alert("other", fingerprint: "fp-y", raisedAt: F.date(days: 9))
            _ = try await store.save(AlertChangeSet(alerts: [second, first, other]))
            #expect(try await store.latestAlert(fingerprint: "fp-x", tenant: "acme")?.id == second.id)
            #expect(try await store.latestAlert(fingerprint: "fp-x", tenant: "other") == nil)
            #expect(try await store.latestAlert(fingerprint: "fp-none", tenant: "acme") == nil)
        }
    }

    @Test(arguments: StoreKind.enabled)
    func theAuditTrailIsOldestFirstAndKeepsInsertionOrderWithinASecond(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let a = F.alert("a")
            let b = F.alert("b")
            let late = F.audit(a, .acknowledged, at: F.date(days: 2), from: .open, to: .acknowledged)
            let raisedA = F.audit(a, .raised, at: F.date(), to: .open, detail: "first")
            let notifiedA = F.audit(a, .notified, at: F.date(), detail: "second, same second")
            let raisedB = F.audit(b, .raised, at: F.date(days: 1), to: .open)
            _ = try await store.save(AlertChangeSet(alerts: [a, b], audit: [late, raisedA, notifiedA, raisedB]))
            #expect(try await store.audit(alert: a.id) == [raisedA, notifiedA, late])
            #expect(try await store.audit(alert: b.id) == [raisedB])
            #expect(
                try await store.audit(tenant: "acme", from: F.date(), to: F.date(days: 2))
                    == [raisedA, notifiedA, raisedB])
            #expect(
                try await store.audit(tenant: "acme", from: F.date(days: 1), to: F.date(days: 3)) == [raisedB, late])
            #expect(try await store.audit(tenant: "other", from: F.date(), to: F.date(days: 3)).isEmpty)
        }
    }

    @Test(arguments: StoreKind.enabled)
    func silencesAreNewestFirstReplacedByIdAndExpiredOnlyWhenAsked(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let old = F.silence("old", ends: F.date(days: 1), created: F.date())
            let current = F.silence("current", ends: F.date(days: 10), created: F.date(hours: 1))
            let future = F.silence(
                "future", starts: F.date(days: 20), ends: F.date(days: 30), created: F.date(hours: 2))
            let otherTenant = F.silence("current", tenant: "other", ends: F.date(days: 10))
            _ = try await store.save(AlertChangeSet(silences: [old, current, future, otherTenant]))
            let now = F.date(days: 2)
            #expect(try await store.silences(tenant: "acme", includeExpired: false, now: now) == [future, current])
            #expect(try await store.silences(tenant: "acme", includeExpired: true, now: now) == [future, current, old])
            #expect(try await store.silences(tenant: "other", includeExpired: false, now: now) == [otherTenant])
            // A silence ending exactly now has expired.
            #expect(try await store.silences(tenant: "acme", includeExpired: false, now: F.date(days: 10)) == [future])

            var expired = current
            expired.endsAt = F.date(days: 2)
            _ = try await store.save(AlertChangeSet(silences: [expired]))
            #expect(try await store.silences(tenant: "acme", includeExpired: false, now: now) == [future])
            #expect(try await store.silences(tenant: "acme", includeExpired: true, now: now) == [future, expired, old])
            #expect(try await store.silences(tenant: "other", includeExpired: false, now: now) == [otherTenant])
        }
    }

    @Test(arguments: StoreKind.enabled)
    func notificationCountsAreQueuedAndSentPerRecipientSinceATime(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let a = F.alert("a")
            let b = F.alert("b")
            let other = F.alert("other", tenant: "other")
            _ = try await store.save(
                AlertChangeSet(
                    alerts: [a, b, other],
                    notifications: [
                        F.notification(a, to: "rep-1", status: .queued, at: F.date(hours: 1)),
                        F.notification(b, to: "rep-1", status: .sent, at: F.date(hours: 2)),
                        F.notification(
                            a, to: "rep-1", reason: .escalated, level: 1, status: .digest, at: F.date(hours: 2)),
                        F.notification(b, to: "rep-1", reason: .escalated, level: 1, status: .queued, at: F.date()),
                        F.notification(a, to: "mgr-1", status: .queued, at: F.date(hours: 1)),
                        F.notification(other, to: "rep-1", status: .queued, at: F.date(hours: 1)),
                    ]))
            #expect(
                try await store.notificationCounts(tenant: "acme", since: F.date(hours: 1)) == ["rep-1": 2, "mgr-1": 1])
            #expect(try await store.notificationCounts(tenant: "acme", since: F.date()) == ["rep-1": 3, "mgr-1": 1])
            #expect(try await store.notificationCounts(tenant: "acme", since: F.date(hours: 3)) == [:])
            #expect(try await store.notificationCounts(tenant: "other", since: F.date()) == ["rep-1": 1])
        }
    }

    @Test(arguments: StoreKind.enabled)
    func alertCountsByRuleCountEveryStateOfEveryAlert(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            _ = try await store.save(
                AlertChangeSet(alerts: [
                    F.alert("1", rule: "stalled-deal", state: .open),
                    F.alert("2", rule: "stalled-deal", state: .open),
                    F.alert("3", rule: "stalled-deal", state: .resolved),
                    F.alert("4", rule: "churn-risk", state: .acknowledged),
                    F.alert("5", tenant: "other", rule: "churn-risk", state: .open),
                ]))
            #expect(
                try await store.alertCountsByRule(tenant: "acme") == [
                    "stalled-deal": [.open: 2, .resolved: 1], "churn-risk": [.acknowledged: 1],
                ])
            #expect(try await store.alertCountsByRule(tenant: "nobody") == [:])
        }
    }

    @Test(arguments: StoreKind.enabled)
    func feedbackIsAppendedAndReadOldestFirst(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let a = F.alert("a")
            func verdict(_ v: AlertFeedback.Verdict, _ days: Int) -> AlertFeedback {
                AlertFeedback(alert: a.id, tenant: "acme", rule: a.rule, verdict: v, by: "dana", at: F.date(days: days))
            }
            _ = try await store.save(AlertChangeSet(alerts: [a], feedback: [verdict(.noise, 2)]))
            _ = try await store.save(AlertChangeSet(feedback: [verdict(.helpful, 1), verdict(.helpful, 3)]))
            #expect(
                try await store.feedback(tenant: "acme") == [
                    verdict(.helpful, 1), verdict(.noise, 2), verdict(.helpful, 3),
                ])
            #expect(try await store.feedback(tenant: "other").isEmpty)
        }
    }

    @Test(arguments: StoreKind.enabled)
    func theAlertBookSurvivesARestart(_ kind: StoreKind) async throws {
        try await withDatabase(kind) { open in
            let changes = F.fullChangeSet()
            let second = F.alert("second", severity: .critical)
            let sent = F.notification(second, to: "mgr-1")
            do {
                let store = try open()
                _ = try await store.save(changes)
                _ = try await store.save(AlertChangeSet(alerts: [second], notifications: [sent]))
                _ = try await store.setNotificationStatus(.sent, ids: [sent.id], tenant: "acme")
            }
            let store = try open()
            var full = F.fullAlert()
            full.number = 1
            var secondSaved = second
            secondSaved.number = 2
            #expect(try await store.activeAlerts(tenant: "acme") == [secondSaved, full])
            #expect(try await store.alert(number: 1, tenant: "acme") == full)
            #expect(try await store.audit(alert: full.id) == changes.audit)
            #expect(try await store.silences(tenant: "acme", includeExpired: true, now: F.date()) == changes.silences)
            #expect(try await store.feedback(tenant: "acme") == changes.feedback)
            var sentAfter = sent
            sentAfter.status = .sent
            #expect(
                try await store.notifications(tenant: "acme", status: nil, limit: 10) == [sentAfter]
                    + changes.notifications)
            // Sent before the restart: saving it again sends nothing new.
            _ = try await store.save(AlertChangeSet(notifications: [sent]))
            #expect(try await store.notifications(tenant: "acme", status: .queued, limit: 10).isEmpty)
            // Numbering continues where it stopped.
            #expect(try await store.save(AlertChangeSet(alerts: [F.alert("third")])).map(\.number) == [3])
        }
    }

    @Test(arguments: StoreKind.enabled)
    func concurrentSavesFromSeveralTasksAndConnectionsNeverShareOrSkipANumber(_ kind: StoreKind) async throws {
        try await withDatabase(kind) { open in
            let first = try open()
            let second = try open()
            let perTask = 15
            let numbers = try await withThrowingTaskGroup(of: [Int64].self) { group in
                for (task, store) in [first, first, second].enumerated() {
                    group.addTask {
                        var numbers: [Int64] = []
                        for index in 0..<perTask {
                            let alert = F.alert("t\(task)-\(index)")
                            numbers += try await store.save(AlertChangeSet(alerts: [alert])).map(\.number)
                        }
                        return numbers
                    }
                }
                var all: [Int64] = []
                for try await numbers in group { all += numbers }
                return all
            }
            #expect(numbers.sorted() == Array(1...Int64(3 * perTask)))
            let stored = try await second.alerts(AlertFilter(tenant: "acme", limit: 1000))
            #expect(stored.map(\.number).sorted() == Array(1...Int64(3 * perTask)))
        }
    }
}
