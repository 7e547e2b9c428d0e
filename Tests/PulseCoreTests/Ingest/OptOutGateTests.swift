import Foundation
import Testing

@testable import PulseCore

/// The opted-out-contacts gate of `BatchBuilder`: engagement of a contact who opted out is dropped and counted.
@Suite struct OptOutGateTests {
    static let day = ISODate.parse("2025-01-01")!

    static func usage(_ id: String, contact: Contact.ID?, tenant: Tenant.ID = Tenant.defaultID) -> PulseEvent.Payload {
        .engagement(
            EngagementEvent(
                id: .init(id), tenant: tenant, account: "a1", contact: contact, kind: .featureUsed, occurredAt: day))
    }

    static func contact(_ id: Contact.ID, optedOut: Bool, tenant: Tenant.ID = Tenant.defaultID) -> PulseEvent.Payload {
        .contact(Contact(id: id, tenant: tenant, name: "Contact \(id.rawValue)", optedOut: optedOut))
    }

    func add(_ builder: inout BatchBuilder, _ payload: PulseEvent.Payload, file: Int, line: Int) {
        builder.countRow(file: file)
        builder.add([(BuiltRecord(payload: payload), false)], file: file, line: line, raw: "raw", label: { $0 })
    }

    @Test func usageOfContactsOptedOutInTheBatchOrTheStoreIsDroppedAndCounted() {
        var builder = BatchBuilder()
        let file = builder.beginFile(source: "e.ndjson", format: "ndjson")
        let rows: [PulseEvent.Payload] = [
            Self.usage("before", contact: "out"),
            Self.contact("out", optedOut: true),
            Self.contact("in", optedOut: false),
            Self.usage("after", contact: "out"),
            Self.usage("kept-in", contact: "in"),
            Self.usage("stored-out", contact: "s-out"),
            Self.usage("stored-in", contact: "s-in"),
            Self.usage("no-contact", contact: nil),
        ]
        for (line, row) in rows.enumerated() { add(&builder, row, file: file, line: line + 1) }
        #expect(builder.storeQuestions.contacts == [Tenant.defaultID: ["s-out", "s-in"]])

        let batch = builder.finish(StoreAnswers(optedOutContacts: [Tenant.defaultID: ["s-out"]]))
        #expect(batch.engagement.map(\.id) == ["kept-in", "stored-in", "no-contact"])
        #expect(batch.contacts.map(\.optedOut) == [true, false], "the contact itself is still stored")
        #expect(builder.optedOutDropped == 3)
        #expect(builder.files[file].optedOut == 3)
        #expect(builder.files[file].accepted == 5)
        #expect(builder.files[file].acceptedByKind["engagement"] == 3)
        #expect(batch.quarantine.isEmpty && builder.gateCounts.isEmpty, "an opt-out is not a data error")
    }

    @Test func theContactsLatestVersionInTheRunDecidesOverTheStore() {
        var builder = BatchBuilder()
        let file = builder.beginFile(source: "c.ndjson", format: "ndjson")
        add(&builder, Self.contact("c1", optedOut: true), file: file, line: 1)
        add(&builder, Self.contact("c2", optedOut: false), file: file, line: 2)
        add(&builder, Self.usage("u1", contact: "c1"), file: file, line: 3)
        add(&builder, Self.usage("u2", contact: "c2"), file: file, line: 4)
        add(&builder, Self.contact("c1", optedOut: false), file: file, line: 5)
        add(&builder, Self.contact("c2", optedOut: true), file: file, line: 6)
        #expect(builder.storeQuestions.contacts.isEmpty, "the run knows both contacts")
        // The store says c1 opted out, but the run's newer version opted back in.
        let batch = builder.finish(StoreAnswers(optedOutContacts: [Tenant.defaultID: ["c1"]]))
        #expect(batch.engagement.map(\.id) == ["u1"])
        #expect(builder.optedOutDropped == 1)
    }

    @Test func aContactOptedOutInOneTenantDoesNotDropAnotherTenantsUsage() {
        var builder = BatchBuilder()
        let file = builder.beginFile(source: "t.ndjson", format: "ndjson")
        add(&builder, Self.contact("c1", optedOut: true, tenant: "acme"), file: file, line: 1)
        add(&builder, Self.usage("acme-u", contact: "c1", tenant: "acme"), file: file, line: 2)
        add(&builder, Self.usage("other-u", contact: "c1", tenant: "other"), file: file, line: 3)
        #expect(builder.storeQuestions.contacts == ["other": ["c1"]])
        let batch = builder.finish(StoreAnswers(optedOutContacts: ["acme": ["c1"]]))
        #expect(batch.engagement.map(\.id) == ["other-u"])
    }

    @Test func streamingHoldsUsageWithAContactUntilTheEndAndDropsItThere() {
        var builder = BatchBuilder(streaming: true)
        let file = builder.beginFile(source: "s.ndjson", format: "ndjson")
        add(&builder, Self.usage("early", contact: "late-out"), file: file, line: 1)
        add(&builder, Self.usage("plain", contact: nil), file: file, line: 2)
        add(&builder, Self.usage("kept", contact: "c-in"), file: file, line: 3)
        let first = builder.takeChunk(storedEvents: [])
        #expect(first.records.engagement.map(\.id) == ["plain"], "rows naming a contact wait for the whole run")

        add(&builder, Self.contact("late-out", optedOut: true), file: file, line: 4)
        add(&builder, Self.usage("stored", contact: "s-out"), file: file, line: 5)
        let second = builder.takeChunk(storedEvents: [])
        #expect(second.records.contacts.map(\.id) == ["late-out"])
        #expect(second.records.engagement.isEmpty)

        let questions = builder.storeQuestions(includeEvents: false)
        #expect(questions.contacts == [Tenant.defaultID: ["c-in", "s-out"]])
        let last = builder.finishChunk(StoreAnswers(optedOutContacts: [Tenant.defaultID: ["s-out"]]))
        #expect(last.records.engagement.map(\.id) == ["kept"])
        #expect(builder.optedOutDropped == 2)
        #expect(builder.files[file].optedOut == 2)
        #expect(builder.files[file].acceptedByKind["engagement"] == 2)
    }

    @Test func contactJSONWithoutTheOptedOutKeyDecodesAsNotOptedOutAndFalseIsNotWritten() throws {
        let old = #"{"id":"c1","tenant":"default","name":"Ana","role":"champion"}"#
        let contact = try JSONDecoder().decode(Contact.self, from: Data(old.utf8))
        #expect(contact == Contact(id: "c1", name: "Ana", role: .champion))
        #expect(!String(decoding: try JSONEncoder().encode(contact), as: UTF8.self).contains("optedOut"))
        let out = Contact(id: "c2", name: "Bo", optedOut: true)
        #expect(try JSONDecoder().decode(Contact.self, from: JSONEncoder().encode(out)) == out)
    }

    static let contacts = CSVMapping(
        name: "test-contacts", entity: .contact,
        fields: [
            "id": .init(column: "contact_id"), "name": .init(column: "name"), "optedOut": .init(column: "opted_out"),
        ])

    func contact(optedOut text: String) throws -> Contact {
        let compiled = try CompiledMapping(Self.contacts, header: ["contact_id", "name", "opted_out"], source: "c.csv")
        let records = try compiled.records(
            from: CSVRecord(line: 2, fields: ["c1", "Ana", text], raw: ""), tenant: "default")
        guard case .contact(let contact) = records.first?.record.payload else {
            throw MappingError(code: "", message: "not a contact")
        }
        return contact
    }

    @Test(arguments: [("yes", true), ("1", true), ("TRUE", true), ("no", false), ("0", false), ("false", false)])
    func theCSVColumnAcceptsTheUsualWordsForYesAndNo(_ text: String, _ expected: Bool) throws {
        #expect(try contact(optedOut: text).optedOut == expected)
        #expect(try contact(optedOut: "").optedOut == false, "empty means not opted out")
    }

    @Test func anythingElseIsRefusedNamingTheColumnAndTheValue() {
        #expect {
            try contact(optedOut: "maybe")
        } throws: { error in
            let error = error as? FieldError
            return error?.field?.contains("opted_out") == true && error?.reason.contains("maybe") == true
        }
    }
}
