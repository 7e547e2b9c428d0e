import Foundation
import PulseCore
import PulseStore
import Testing

@testable import pulse

/// `pulse ingest` of a file with an opted-out contact: that contact's engagement events are dropped and counted.
@Suite struct OptOutIngestTests {
    static let day = ISODate.parse("2025-06-01T10:00:00Z")!

    static func line(_ id: String, _ payload: PulseEvent.Payload) throws -> String {
        try EventEncoder().line(for: PulseEvent(id: id, occurredAt: day, payload: payload))
    }

    static func usage(_ id: String, contact: Contact.ID?) -> PulseEvent.Payload {
        .engagement(
            EngagementEvent(id: .init(id), account: "a1", contact: contact, kind: .featureUsed, occurredAt: day))
    }

    @Test(arguments: [40_000, 2])
    func engagementOfAContactOptedOutInTheSameFileIsNotStored(chunkRows: Int) async throws {
        let fixture = try IngestFixture()
        defer { fixture.cleanUp() }
        let lines = [
            try Self.line("e1", Self.usage("u-before", contact: "c-out")),
            try Self.line("e2", .account(Account(id: "a1", name: "Acme"))),
            try Self.line("e3", .contact(Contact(id: "c-out", account: "a1", name: "Out", optedOut: true))),
            try Self.line("e4", .contact(Contact(id: "c-in", account: "a1", name: "In"))),
            try Self.line("e5", Self.usage("u-after", contact: "c-out")),
            try Self.line("e6", Self.usage("u-in", contact: "c-in")),
            try Self.line("e7", Self.usage("u-account", contact: nil)),
        ]
        let file = try fixture.write("events.ndjson", lines.joined(separator: "\n") + "\n")
        let store = try fixture.store()
        var options = IngestOptions()
        options.chunkRows = chunkRows
        options.readChunkBytes = 256
        let report = try await IngestRunner(store: store, options: options).run(files: [file])

        let stored = try await store.engagement(tenant: Tenant.defaultID, from: .distantPast, to: .distantFuture)
        #expect(stored.map(\.id.rawValue).sorted() == ["u-account", "u-in"])
        #expect(report.files.first?.optedOut == 2)
        #expect(report.quarantined == 0)
        #expect(report.loaded == 5, "account, two contacts and two usage rows")
        #expect(try await store.optedOutContacts(["c-out", "c-in"], tenant: Tenant.defaultID) == ["c-out"])
    }
}
