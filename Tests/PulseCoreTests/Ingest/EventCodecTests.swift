import Foundation
import Testing

@testable import PulseCore

@Suite struct EventCodecTests {
    static let time = ISODate.parse("2025-06-01T10:00:00Z")!

    static let samples: [PulseEvent.Payload] = [
        .tenant(Tenant(id: "acme", name: "Acme", timeZone: "Europe/London")),
        .account(
            Account(
                id: "a1", name: "Initech", industry: "EdTech", arrCents: 1_200_000, renewalDate: time, churned: true)),
        .contact(Contact(id: "c1", account: "a1", name: "Ann", email: "ann@x.io", role: .champion)),
        .rep(Rep(id: "r1", name: "Sam", role: .bdr, manager: "m1", team: "East", timeZone: "America/New_York")),
        .product(Product(id: "p1", name: "GTX Pro", series: "GTX", listPriceCents: 482_100)),
        .deal(
            Deal(
                id: "d1", account: "a1", owner: "r1", stage: "Won",
                stageHistory: [.init(stage: "Qualified", enteredAt: time), .init(stage: "Won", enteredAt: time)],
                amountCents: 105_400, product: "GTX Pro", createdAt: time, closedAt: time, outcome: .won,
                updatedAt: time)),
        .stageChange(DealStageChange(deal: "d1", stage: "Lost", enteredAt: time, outcome: .lost, lossReason: "price")),
        .activity(
            Activity(
                id: "x1", kind: .emailIn, deal: "d1", rep: "r1", occurredAt: time, subject: "Hi",
                body: "budget \"approved\"\n", participants: ["ann@x.io"], durationSeconds: 60)),
        .engagement(
            EngagementEvent(
                id: "e1", account: "a1", kind: .featureUsed, occurredAt: time, feature: "export", count: 3,
                subscription: "s1")),
        .ticket(
            SupportTicket(id: "t1", account: "a1", openedAt: time, closedAt: time, priority: .urgent, satisfaction: 4)),
        .target(KpiTarget(id: "k1", metric: "win_rate", period: .quarter, target: 0.45)),
        .subscription(Subscription(id: "s1", account: "a1", startDate: time, mrrCents: 278_600, autoRenew: false)),
        .churn(ChurnEvent(id: "ch1", account: "a1", churnedAt: time, reason: "pricing", refundCents: 403)),
    ]

    @Test(arguments: samples)
    func everyEventTypeSurvivesEncodeThenDecode(payload: PulseEvent.Payload) throws {
        let event = PulseEvent(id: "evt-1", occurredAt: Self.time, tenant: "default", payload: payload)
        let line = try EventEncoder().line(for: event)
        #expect(!line.contains("\n"))
        let decoded = try EventDecoder().decode(line: line)
        #expect(decoded.event == event)
    }

    @Test func everyEventTypeHasASample() {
        #expect(Set(Self.samples.map(\.type)) == Set(EventType.allCases))
    }

    private func failure(_ line: String) -> FieldError? {
        do {
            _ = try EventDecoder().decode(line: line)
            return nil
        } catch { return error }
    }

    @Test func wrongTypesNameTheFieldAndTheValueFound() {
        let error = failure(
            #"{"id":"e","type":"deal.upserted","occurredAt":"2025-06-01T10:00:00Z","payload":{"id":"d","stage":"Won","amountCents":"12k"}}"#
        )
        #expect(error?.field == "payload.amountCents")
        #expect(error?.reason == #"expected an integer number of cents, found "12k""#)
        #expect(error?.gate == .schema)
    }

    @Test func ambiguousDatesAreRefusedWithAnISOExample() {
        let error = failure(#"{"id":"e","type":"deal.upserted","occurredAt":"03/04/2025","payload":{}}"#)
        #expect(error?.field == "occurredAt")
        #expect(error?.reason == "'03/04/2025' is ambiguous; use ISO-8601 like 2025-04-03T00:00:00Z")
        #expect(error?.gate == .dateLogic)
    }

    @Test func unknownEventTypesListTheKnownOnesAndSuggestTheNearest() {
        let error = failure(#"{"id":"e","type":"deal.upsert","occurredAt":"2025-06-01T10:00:00Z","payload":{}}"#)
        #expect(error?.field == "type")
        #expect(error?.reason.contains("unknown event type 'deal.upsert'; did you mean 'deal.upserted'?") == true)
        #expect(error?.reason.contains("churn.recorded") == true)
    }

    @Test func missingIdsAreCriticalNulls() {
        let envelope = failure(#"{"type":"deal.upserted","occurredAt":"2025-06-01T10:00:00Z","payload":{}}"#)
        #expect(envelope?.field == "id")
        #expect(envelope?.gate == .criticalNull)
        let payload = failure(
            #"{"id":"e","type":"deal.upserted","occurredAt":"2025-06-01T10:00:00Z","payload":{"stage":"Won"}}"#)
        #expect(payload?.field == "payload.id")
        #expect(payload?.gate == .criticalNull)
    }

    @Test func malformedJSONIsAParseFailureWithTheColumn() {
        let error = failure(#"{"id":"e","type":"deal.upserted","#)
        #expect(error?.field == nil)
        #expect(error?.gate == .parse)
        #expect(error?.reason.hasPrefix("not valid JSON: ") == true)
        #expect(
            error?.reason
                == "not valid JSON: unexpected end of line (the object opened at column 1 is not closed) at column 34")
    }

    @Test func unknownPayloadFieldsAreRefusedWithASuggestion() {
        let error = failure(
            #"{"id":"e","type":"product.upserted","occurredAt":"2025-06-01T10:00:00Z","payload":{"id":"p","name":"X","listPrice":5}}"#
        )
        #expect(error?.field == "payload.listPrice")
        #expect(error?.reason == "unknown field for product.upserted; did you mean listPriceCents?")
    }

    @Test func aPayloadTenantMustMatchTheEnvelope() {
        let error = failure(
            #"{"id":"e","type":"product.upserted","occurredAt":"2025-06-01T10:00:00Z","tenant":"a","payload":{"id":"p","name":"X","tenant":"b"}}"#
        )
        #expect(error?.field == "payload.tenant")
    }

    @Test func invalidUTF8IsReportedWithItsByteColumn() {
        var bytes = Array(#"{"id":"é"}"#.utf8)
        bytes[7] = 0xFF
        let error: FieldError? = bytes.withUnsafeBufferPointer { buffer -> FieldError? in
            do throws(FieldError) {
                _ = try EventDecoder().decode(line: buffer)
                return nil
            } catch { return error }
        }
        #expect(error?.reason == "not valid UTF-8: byte 0xFF at column 8")
    }

    @Test func eventTimeFillsMissingActivityTimes() throws {
        let line =
            #"{"id":"e","type":"activity.logged","occurredAt":"2025-06-01T10:00:00Z","payload":{"id":"a","kind":"call_conducted"}}"#
        let decoded = try EventDecoder().decode(line: line)
        guard case .activity(let activity) = decoded.event.payload else {
            Issue.record("expected an activity")
            return
        }
        #expect(activity.occurredAt == Self.time)
    }
}
