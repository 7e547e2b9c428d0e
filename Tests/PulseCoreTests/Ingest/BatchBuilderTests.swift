import Foundation
import Testing

@testable import PulseCore

@Suite struct BatchBuilderTests {
    static let day1 = ISODate.parse("2025-01-01")!
    static let day2 = ISODate.parse("2025-01-02")!

    func add(_ builder: inout BatchBuilder, _ payload: PulseEvent.Payload, file: Int, line: Int, derived: Bool = false)
    {
        builder.countRow(file: file)
        builder.add(
            [(BuiltRecord(payload: payload), derived)], file: file, line: line, raw: "raw \(line)", label: { $0 })
    }

    @Test func theNewestUpdatedAtWinsAndTheOtherCountsAsADuplicate() {
        var builder = BatchBuilder()
        let file = builder.beginFile(source: "d.ndjson", format: "ndjson")
        add(&builder, .deal(Deal(id: "d", name: "new", stage: "Qualified", updatedAt: Self.day2)), file: file, line: 1)
        add(&builder, .deal(Deal(id: "d", name: "old", stage: "Qualified", updatedAt: Self.day1)), file: file, line: 2)
        let batch = builder.finish(StoreAnswers())
        #expect(batch.deals.map(\.name) == ["new"])
        #expect(builder.files[file].duplicates == 1)
        #expect(builder.files[file].quarantined == 0)
    }

    @Test func withoutUpdatedAtTheLaterLineWins() {
        var builder = BatchBuilder()
        let file = builder.beginFile(source: "a.csv", format: "x")
        add(&builder, .account(Account(id: "a", name: "first")), file: file, line: 2)
        add(&builder, .account(Account(id: "a", name: "second")), file: file, line: 3)
        #expect(builder.finish(StoreAnswers()).accounts.map(\.name) == ["second"])
        #expect(builder.files[file].duplicates == 1)
    }

    @Test func repeatedDerivedRecordsMergeSilently() {
        var builder = BatchBuilder()
        let file = builder.beginFile(source: "t.csv", format: "x")
        for line in 2...4 {
            builder.countRow(file: file)
            builder.add(
                [
                    (BuiltRecord(payload: .rep(Rep(id: .init("r\(line)"), name: "R", manager: "m"))), false),
                    (BuiltRecord(payload: .rep(Rep(id: "m", name: "M", role: .manager))), true),
                ], file: file, line: line, raw: "", label: { $0 })
        }
        #expect(builder.finish(StoreAnswers()).reps.count == 4)
        #expect(builder.files[file].duplicates == 0)
    }

    @Test func stageChangesForUnknownDealsAreQuarantinedAsReferences() {
        var builder = BatchBuilder()
        let file = builder.beginFile(source: "s.ndjson", format: "ndjson")
        add(
            &builder, .stageChange(DealStageChange(deal: "ghost", stage: "Won", enteredAt: Self.day1)), file: file,
            line: 1)
        add(
            &builder, .stageChange(DealStageChange(deal: "stored", stage: "Won", enteredAt: Self.day1)), file: file,
            line: 2)
        #expect(builder.storeQuestions.deals == ["default": ["ghost", "stored"]])
        let batch = builder.finish(StoreAnswers(deals: ["default": ["stored"]]))
        #expect(batch.stageChanges.map(\.deal) == ["stored"])
        #expect(batch.quarantine.map(\.gate) == [.reference])
        #expect(batch.quarantine.first?.line == 1)
        #expect(builder.gateCounts == [.reference: 1])
    }

    @Test func usageRowsTakeTheirAccountFromTheBatchOrTheStore() {
        var builder = BatchBuilder()
        let file = builder.beginFile(source: "u.csv", format: "x")
        add(&builder, .subscription(Subscription(id: "s1", account: "a1", startDate: Self.day1)), file: file, line: 2)
        for (line, subscription) in [(3, "s1"), (4, "s2"), (5, "s3")] {
            add(
                &builder,
                .engagement(
                    EngagementEvent(
                        id: .init("u\(line)"), account: "", kind: .featureUsed, occurredAt: Self.day1,
                        subscription: .init(subscription))), file: file, line: line)
        }
        #expect(builder.storeQuestions.subscriptions == ["default": ["s2", "s3"]])
        let batch = builder.finish(StoreAnswers(subscriptionAccounts: ["default": ["s2": "a2"]]))
        #expect(batch.engagement.map(\.account) == ["a1", "a2"])
        #expect(batch.quarantine.map(\.line) == [5])
        #expect(batch.quarantine.first?.gate == .reference)
    }

    @Test func eventsTheStoreAlreadyHasAddNothing() {
        var builder = BatchBuilder()
        let file = builder.beginFile(source: "e.ndjson", format: "ndjson")
        for (line, id) in [(1, "e1"), (2, "e2")] {
            builder.countRow(file: file)
            let event = PulseEvent(id: id, occurredAt: Self.day1, payload: .account(Account(id: .init(id), name: id)))
            builder.add(
                [(BuiltRecord(payload: event.payload), false)], event: event, file: file, line: line, raw: "",
                label: { $0 })
        }
        let batch = builder.finish(StoreAnswers(events: ["e1"]))
        #expect(batch.events.map(\.id) == ["e2"])
        #expect(batch.accounts.map(\.id) == ["e2"])
        #expect(builder.files[file].duplicates == 1)
    }

    @Test func aRepeatedEventIdCountsOnce() {
        var builder = BatchBuilder()
        let file = builder.beginFile(source: "e.ndjson", format: "ndjson")
        let event = PulseEvent(id: "e1", occurredAt: Self.day1, payload: .account(Account(id: "a", name: "A")))
        for line in 1...2 {
            builder.countRow(file: file)
            builder.add(
                [(BuiltRecord(payload: event.payload), false)], event: event, file: file, line: line, raw: "",
                label: { $0 })
        }
        let batch = builder.finish(StoreAnswers())
        #expect(batch.events.map(\.line) == [2])
        #expect(batch.accounts.count == 1)
        #expect(builder.files[file].duplicates == 1)
    }

    @Test func gateFailuresQuarantineWithSourceLineFieldAndRaw() {
        var builder = BatchBuilder()
        let file = builder.beginFile(source: "d.csv", format: "x")
        add(&builder, .deal(Deal(id: "d", stage: "Won", closedAt: Self.day1, outcome: .won)), file: file, line: 7)
        let batch = builder.finish(StoreAnswers())
        #expect(batch.deals.isEmpty)
        #expect(
            batch.quarantine == [
                QuarantineRecord(
                    source: "d.csv", line: 7, field: "amountCents", gate: .criticalNull,
                    reason: "won deal has no amount",
                    raw: "raw 7", recordID: "d")
            ])
        #expect(builder.totals == (1, 1))
    }
}
