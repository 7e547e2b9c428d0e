import Foundation
import PulseCore
import PulseStore
import Testing

/// The behaviour every `AlertFeedStore` backend must show: saving alerts writes the change feed.
@Suite struct AlertFeedStoreTests {
    typealias A = AlertFixtures

    @Test(arguments: StoreKind.enabled)
    func everySavedAlertGetsOneFeedEntryWithAnIncreasingSequencePerTenant(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            #expect(try await store.latestAlertChange(tenant: "acme") == 0)
            let a = A.alert("a")
            let b = A.alert("b")
            try await store.save(AlertChangeSet(alerts: [a, b]))
            try await store.save(AlertChangeSet(alerts: [A.alert("z", tenant: "other")]))
            var acknowledged = a
            acknowledged.state = .acknowledged
            acknowledged.updatedAt = A.date(hours: 1)
            try await store.save(AlertChangeSet(alerts: [acknowledged]))
            // A change set without alerts adds nothing to the feed.
            try await store.save(AlertChangeSet(audit: [A.audit(a, .updated, at: A.date(hours: 2))]))

            let feed = try await store.alertChanges(tenant: "acme", after: 0, limit: 10)
            #expect(feed.map(\.alert) == [a.id, b.id, a.id])
            #expect(feed.map(\.number) == [1, 2, 1])
            #expect(feed.map(\.state) == [.open, .open, .acknowledged])
            #expect(feed.map(\.at) == [A.date(), A.date(), A.date(hours: 1)])
            #expect(feed.allSatisfy { $0.tenant == "acme" })
            #expect(zip(feed, feed.dropFirst()).allSatisfy { $0.sequence < $1.sequence })
            #expect(try await store.latestAlertChange(tenant: "acme") == feed[2].sequence)

            let other = try await store.alertChanges(tenant: "other", after: 0, limit: 10)
            #expect(other.map(\.number) == [3])
            #expect(try await store.latestAlertChange(tenant: "other") == other[0].sequence)

            #expect(try await store.alertChanges(tenant: "acme", after: feed[0].sequence, limit: 1) == [feed[1]])
            #expect(try await store.alertChanges(tenant: "acme", after: feed[2].sequence, limit: 10).isEmpty)
        }
    }

    @Test(arguments: StoreKind.enabled)
    func aRefusedChangeSetLeavesNoFeedEntry(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            var ghost = A.alert("ghost")
            ghost.id = "not-saved"
            await #expect(throws: StoreError.self) {
                try await store.save(
                    AlertChangeSet(alerts: [A.alert("a")], audit: [A.audit(ghost, .raised, at: A.date())]))
            }
            let feed = try await store.alertChanges(tenant: "acme", after: 0, limit: 10)
            #expect(feed.isEmpty)
        }
    }

    @Test(arguments: StoreKind.enabled)
    func alertsByIdComeBackInTheOrderAskedWithUnknownIdsLeftOut(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let saved = try await store.save(AlertChangeSet(alerts: ["a", "b", "c"].map { A.alert($0) }))
            let (a, b, c) = (saved[0], saved[1], saved[2])
            #expect(try await store.alerts(ids: [c.id, "missing", a.id, c.id]) == [c, a])
            #expect(try await store.alerts(ids: []) == [])
            #expect(try await store.alerts(ids: [b.id]) == [b])
            let many = (0..<1_200).map { Alert.ID("nope-\($0)") } + [b.id]
            #expect(try await store.alerts(ids: many) == [b])
        }
    }

    @Test(arguments: StoreKind.enabled)
    func theFeedSurvivesReopeningTheDatabaseAndKeepsCounting(_ kind: StoreKind) async throws {
        try await withDatabase(kind) { open in
            let first: [AlertChange]
            do {
                let store = try open()
                try await store.save(AlertChangeSet(alerts: [A.alert("a")]))
                first = try await store.alertChanges(tenant: "acme", after: 0, limit: 10)
            }
            let store = try open()
            #expect(try await store.alertChanges(tenant: "acme", after: 0, limit: 10) == first)
            try await store.save(AlertChangeSet(alerts: [A.alert("b")]))
            let feed = try await store.alertChanges(tenant: "acme", after: 0, limit: 10)
            #expect(feed.count == 2 && feed[1].sequence > first[0].sequence)
            #expect(try await store.alerts(ids: feed.map(\.alert)).map(\.number) == [1, 2])
        }
    }
}
