import Foundation
import PulseCore
import PulseStore
import Testing

@Suite struct ActiveAlertsByEntityTests {
    @Test(arguments: StoreKind.enabled)
    func onlyActiveAlertsOnTheAskedEntitiesComeBack(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            try await store.save(
                AlertChangeSet(alerts: [
                    AlertFixtures.alert("a", entity: EntityRef(.deal, "d1")),
                    AlertFixtures.alert("b", state: .resolved, entity: EntityRef(.deal, "d1")),
                    AlertFixtures.alert("c", entity: EntityRef(.deal, "d2")),
                    // Same id, other scope: must not be mistaken for deal d1.
                    AlertFixtures.alert("d", entity: EntityRef(.account, "d1")),
                    AlertFixtures.alert("e", tenant: "other", entity: EntityRef(.deal, "d1")),
                ]))
            let found = try await store.activeAlerts(tenant: "acme", entities: [EntityRef(.deal, "d1")])
            #expect(found.map(\.fingerprint) == ["fp-a"])
            let both = try await store.activeAlerts(
                tenant: "acme", entities: [EntityRef(.deal, "d1"), EntityRef(.deal, "d2"), EntityRef(.account, "d1")])
            #expect(Set(both.map(\.fingerprint)) == ["fp-a", "fp-c", "fp-d"])
            #expect(try await store.activeAlerts(tenant: "acme", entities: []).isEmpty)
        }
    }

    @Test(arguments: StoreKind.enabled)
    func largeEntitySetsAreAskedInSlices(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let alerts = (0..<1_200).map { AlertFixtures.alert("n\($0)", entity: EntityRef(.deal, "deal-\($0)")) }
            try await store.save(AlertChangeSet(alerts: alerts))
            let asked = Set((0..<1_200).filter { $0 % 2 == 0 }.map { EntityRef(.deal, "deal-\($0)") })
            let found = try await store.activeAlerts(tenant: "acme", entities: asked)
            #expect(found.count == 600)
        }
    }
}
