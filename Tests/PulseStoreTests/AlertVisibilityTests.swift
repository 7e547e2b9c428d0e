import Foundation
import PulseCore
import PulseStore
import Testing

/// `AlertFilter.visibleTo` (RBAC: owner or recipient among the reps) and `offset` (pagination), on every backend.
@Suite struct AlertVisibilityTests {
    typealias A = AlertFixtures

    /// Five alerts: owned by rep-1; owned by rep-3 with rep-2 a recipient; owned by rep-10; unowned with
    /// recipients rep-2 and mgr-1; unowned with nobody.
    static func alerts() -> [Alert] {
        var toRep2 = A.alert("to-rep-2", severity: .critical, owner: "rep-3")
        toRep2.recipients = ["rep-3", "rep-2"]
        var unowned = A.alert("unowned", severity: .medium, owner: nil)
        unowned.recipients = ["mgr-1", "rep-2"]
        return [
            A.alert("own", owner: "rep-1"), toRep2, A.alert("rep-10", severity: .low, owner: "rep-10"), unowned,
            A.alert("nobody", severity: .low, owner: nil),
        ]
    }

    @Test(arguments: StoreKind.enabled)
    func visibleToKeepsAlertsOwnedByOrAddressedToTheRepsOnly(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            try await store.save(AlertChangeSet(alerts: Self.alerts()))
            func visible(_ reps: Set<Rep.ID>?, severities: Set<Severity> = []) async throws -> [String] {
                try await store.alerts(AlertFilter(tenant: "acme", severities: severities, visibleTo: reps))
                    .map(\.entityName)
            }
            #expect(try await visible(["rep-1"]) == ["Entity own"], "rep-10 is not rep-1")
            #expect(try await visible(["rep-2"]) == ["Entity to-rep-2", "Entity unowned"])
            #expect(try await visible(["rep-1", "mgr-1"]) == ["Entity own", "Entity unowned"])
            #expect(try await visible(["rep-2"], severities: [.medium]) == ["Entity unowned"])
            #expect(try await visible(["someone-else"]).isEmpty)
            #expect(try await visible([]).isEmpty, "an empty set sees nothing")
            #expect(try await visible(nil).count == 5, "nil means the whole tenant")
            let otherTenant = try await store.alerts(AlertFilter(tenant: "other", visibleTo: ["rep-1"]))
            #expect(otherTenant.isEmpty)
        }
    }

    @Test(arguments: StoreKind.enabled)
    func offsetAndLimitPageThroughTheListingInItsOrder(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            try await store.save(AlertChangeSet(alerts: Self.alerts()))
            let all = try await store.alerts(AlertFilter(tenant: "acme"))
            #expect(all.count == 5)
            var pages: [Alert] = []
            for offset in stride(from: 0, to: 6, by: 2) {
                let page = try await store.alerts(AlertFilter(tenant: "acme", limit: 2, offset: offset))
                #expect(page.count == min(2, 5 - offset))
                pages += page
            }
            #expect(pages == all)
            #expect(try await store.alerts(AlertFilter(tenant: "acme", limit: 10, offset: 5)).isEmpty)
            let visiblePage = try await store.alerts(
                AlertFilter(tenant: "acme", visibleTo: ["rep-2"], limit: 1, offset: 1))
            #expect(visiblePage.map(\.entityName) == ["Entity unowned"])
        }
    }
}
