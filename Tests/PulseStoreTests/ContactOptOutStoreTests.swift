import Foundation
import PulseCore
import PulseStore
import Testing

/// Opted-out contacts in every store backend: the flag round-trips, and the ingest gate's question is answered.
@Suite struct ContactOptOutStoreTests {
    static func batch(_ contacts: [Contact]) -> IngestBatch {
        var batch = IngestBatch()
        batch.contacts = contacts
        return batch
    }

    @Test(arguments: StoreKind.enabled)
    func theOptOutFlagRoundTripsAndTheStoreNamesOnlyItsOptedOutContactsPerTenant(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            var out = Fixtures.contact
            out.optedOut = true
            let stays = Contact(id: "con-2", tenant: "acme", name: "Bo")
            let otherTenant = Contact(id: "con-1", tenant: "other", name: "Other", optedOut: false)
            _ = try await store.apply(Self.batch([out, stays, otherTenant]))
            #expect(try await store.contacts(tenant: "acme").sorted { $0.id < $1.id } == [out, stays])
            #expect(try await store.optedOutContacts(["con-1", "con-2", "con-9"], tenant: "acme") == ["con-1"])
            #expect(try await store.optedOutContacts(["con-1"], tenant: "other").isEmpty)
            #expect(try await store.optedOutContacts(["con-2"], tenant: "acme").isEmpty)
            #expect(try await store.optedOutContacts([], tenant: "acme").isEmpty)

            // Opting back in (a later version of the contact) is stored too.
            var back = out
            back.optedOut = false
            let summary = try await store.apply(Self.batch([back]))
            #expect(summary.updated["contacts"] == 1)
            #expect(try await store.optedOutContacts(["con-1"], tenant: "acme").isEmpty)
        }
    }

    @Test(arguments: StoreKind.enabled)
    func theOptOutSurvivesReopeningTheDatabase(_ kind: StoreKind) async throws {
        try await withDatabase(kind) { open in
            do {
                var out = Fixtures.contact
                out.optedOut = true
                _ = try await open().apply(Self.batch([out]))
            }
            #expect(try await open().optedOutContacts(["con-1"], tenant: "acme") == ["con-1"])
        }
    }
}
