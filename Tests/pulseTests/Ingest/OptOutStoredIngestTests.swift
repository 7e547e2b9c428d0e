import Foundation
import PulseCore
import PulseStore
import Testing

@testable import pulse

@Suite struct OptOutStoredIngestTests {
    @Test func engagementOfAContactStoredAsOptedOutIsDroppedInALaterRunAndTheReportCountsIt() async throws {
        let fixture = try IngestFixture()
        defer { fixture.cleanUp() }
        let store = try fixture.store()
        let first = try fixture.write(
            "contacts.ndjson",
            try [
                OptOutIngestTests.line("e1", .account(Account(id: "a1", name: "Acme"))),
                OptOutIngestTests.line(
                    "e2", .contact(Contact(id: "c-out", account: "a1", name: "Out", optedOut: true))),
            ].joined(separator: "\n") + "\n")
        _ = try await IngestRunner(store: store).run(files: [first])
        let second = try fixture.write(
            "usage.ndjson",
            try [
                OptOutIngestTests.line("e3", OptOutIngestTests.usage("u-out", contact: "c-out")),
                OptOutIngestTests.line("e4", OptOutIngestTests.usage("u-other", contact: "c-unknown")),
            ].joined(separator: "\n") + "\n")
        let report = try await IngestRunner(store: store).run(files: [second])
        let stored = try await store.engagement(tenant: Tenant.defaultID, from: .distantPast, to: .distantFuture)
        #expect(stored.map(\.id.rawValue) == ["u-other"])
        #expect(report.files.first?.optedOut == 1)
        #expect(report.rendered.contains("1 dropped (contact opted out)"))
    }
}
