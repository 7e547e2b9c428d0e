import Foundation
import Testing

@testable import PulseCore

@Suite struct QualityGatesTests {
    static let created = ISODate.parse("2025-01-01")!
    static let closed = ISODate.parse("2025-02-15")!

    func check(_ deal: Deal, stated: Int? = nil) throws -> (BuiltRecord, [QualityGates.Fix]) {
        let result = try QualityGates.check(
            BuiltRecord(payload: .deal(deal), statedCycleDays: stated), catalogues: StageCatalogue.builtIn,
            label: { "payload." + $0 })
        return (result.record, result.fixes)
    }

    func gate(_ deal: Deal) -> FieldError? {
        do {
            _ = try check(deal)
            return nil
        } catch { return error as? FieldError }
    }

    @Test func aClosedBeforeCreatedDealFailsDateLogic() {
        let error = gate(
            Deal(id: "d", stage: "Won", amountCents: 1, createdAt: Self.closed, closedAt: Self.created, outcome: .won))
        #expect(error?.gate == .dateLogic)
        #expect(error?.field == "payload.closedAt")
        #expect(error?.reason == "closedAt 2025-01-01T00:00:00Z is before createdAt 2025-02-15T00:00:00Z")
    }

    @Test func aWrongStatedSalesCycleIsCorrectedNotRefused() throws {
        let deal = Deal(
            id: "d", stage: "Won", amountCents: 1, createdAt: Self.created, closedAt: Self.closed, outcome: .won)
        let (_, fixes) = try check(deal, stated: 30)
        #expect(fixes == [.init(field: "salesCycleDays", from: "30", to: "45", reason: fixes.first?.reason ?? "")])
        #expect(try check(deal, stated: 45).1.isEmpty)
    }

    @Test func aMissingCreatedDateIsDerivedFromTheStatedCycle() throws {
        let deal = Deal(id: "d", stage: "Lost", amountCents: 0, closedAt: Self.closed, outcome: .lost)
        let (record, fixes) = try check(deal, stated: 45)
        guard case .deal(let fixed) = record.payload else { throw MappingError(code: "", message: "") }
        #expect(fixed.createdAt == Self.created)
        #expect(fixes.first?.field == "createdAt")
    }

    @Test func outcomeValuesMustMatchTheStage() {
        #expect(gate(Deal(id: "d", stage: "Qualified", outcome: .won))?.gate == .outcome)
        #expect(
            gate(Deal(id: "d", stage: "Won", amountCents: 1, closedAt: Self.closed, outcome: .lost))?.gate == .outcome)
        let unknownStage = gate(Deal(id: "d", stage: "Engaging"))
        #expect(unknownStage?.gate == .outcome)
        #expect(unknownStage?.reason.contains("is not a stage of the b2b pipeline") == true)
        #expect(gate(Deal(id: "d", pipeline: "nope", stage: "Won"))?.gate == .outcome)
    }

    @Test func criticalFieldsOfClosedDealsMustBePresent() {
        let noOutcome = gate(Deal(id: "d", stage: "Won", amountCents: 1, closedAt: Self.closed))
        #expect(noOutcome?.gate == .criticalNull)
        #expect(noOutcome?.field == "payload.outcome")
        let noClose = gate(Deal(id: "d", stage: "Won", amountCents: 1, outcome: .won))
        #expect(noClose?.field == "payload.closedAt")
        #expect(noClose?.gate == .criticalNull)
        let noAmount = gate(Deal(id: "d", stage: "Won", closedAt: Self.closed, outcome: .won))
        #expect(noAmount?.field == "payload.amountCents")
        #expect(noAmount?.reason == "won deal has no amount")
        #expect(gate(Deal(id: "d", stage: "Lost", closedAt: Self.closed, outcome: .lost)) == nil)
    }

    @Test func ticketsAndSubscriptionsCannotEndBeforeTheyStart() throws {
        let ticket = BuiltRecord(
            payload: .ticket(SupportTicket(id: "t", account: "a", openedAt: Self.closed, closedAt: Self.created)))
        #expect(throws: FieldError.self) {
            try QualityGates.check(ticket, catalogues: StageCatalogue.builtIn, label: { $0 })
        }
        let subscription = BuiltRecord(
            payload: .subscription(Subscription(id: "s", account: "a", startDate: Self.closed, endDate: Self.created)))
        #expect(throws: FieldError.self) {
            try QualityGates.check(subscription, catalogues: StageCatalogue.builtIn, label: { $0 })
        }
    }
}
