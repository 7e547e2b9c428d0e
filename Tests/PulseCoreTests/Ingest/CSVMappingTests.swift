import Foundation
import Testing

@testable import PulseCore

@Suite struct CSVMappingTests {
    static let pipeline = CSVMapping(
        name: "test-pipeline", entity: .deal,
        fields: [
            "id": .init(column: "opportunity_id"),
            "owner": .init(template: "{sales_agent|slug}"),
            "account": .init(template: "{account|slug}"),
            "product": .init(column: "product", values: ["GTXPro": "GTX Pro"]),
            "stage": .init(column: "deal_stage", values: ["Engaging": "Qualified"]),
            "createdAt": .init(column: "engage_date", format: "yyyy-MM-dd"),
            "closedAt": .init(column: "close_date", format: "yyyy-MM-dd"),
            "amountCents": .init(column: "close_value"),
        ],
        stageHistory: [.init(stage: "Qualified", column: "engage_date", format: "yyyy-MM-dd")])
    static let header = [
        "opportunity_id", "sales_agent", "product", "account", "deal_stage", "engage_date", "close_date", "close_value",
    ]

    func deal(_ fields: [String]) throws -> Deal {
        let compiled = try CompiledMapping(Self.pipeline, header: Self.header, source: "p.csv")
        let records = try compiled.records(from: CSVRecord(line: 2, fields: fields, raw: ""), tenant: "default")
        guard case .deal(let deal) = records.first?.record.payload else { throw MappingError(code: "", message: "") }
        return deal
    }

    @Test func aWonRowBecomesAClosedDealWithHistoryAndCents() throws {
        let deal = try deal(["1C1I7A6R", "Moses Frase", "GTXPro", "Cancity", "Won", "2016-10-20", "2017-03-01", "1054"])
        #expect(deal.id == "1C1I7A6R")
        #expect(deal.owner == "moses-frase")
        #expect(deal.account == "cancity")
        #expect(deal.product == "GTX Pro")
        #expect(deal.outcome == .won)
        #expect(deal.amountCents == 105_400)
        #expect(deal.createdAt == ISODate.parse("2016-10-20"))
        #expect(deal.closedAt == ISODate.parse("2017-03-01"))
        #expect(
            deal.stageHistory == [
                .init(stage: "Qualified", enteredAt: ISODate.parse("2016-10-20")!),
                .init(stage: "Won", enteredAt: ISODate.parse("2017-03-01")!),
            ])
    }

    @Test func aProspectingRowWithoutDatesStillLoads() throws {
        let deal = try deal(["X1", "Moses Frase", "MG Special", "", "Prospecting", "", "", ""])
        #expect(deal.stage == "Prospecting")
        #expect(deal.account == nil)
        #expect(deal.amountCents == nil)
        #expect(deal.stageHistory.isEmpty)
        #expect(deal.outcome == nil)
    }

    @Test func missingColumnsAreListedWithTheColumnsFound() {
        #expect {
            try CompiledMapping(Self.pipeline, header: ["opportunity_id", "sales_agent"], source: "p.csv")
        } throws: { error in
            let message = (error as? MappingError)?.message ?? ""
            return message.hasPrefix("p.csv line 1: the mapping 'test-pipeline' needs the column(s) account, ")
                && message.contains("deal_stage") && message.hasSuffix("Columns found: opportunity_id, sales_agent")
        }
    }

    @Test func unknownTargetFieldsAreRefusedWithASuggestion() {
        var mapping = Self.pipeline
        mapping.fields["amount"] = .init(column: "close_value")
        #expect {
            try CompiledMapping(mapping, header: Self.header, source: "p.csv")
        } throws: { error in
            (error as? MappingError)?.message.contains("'amount' is not a field of deal; did you mean 'amountCents'?")
                == true
        }
    }

    @Test func wrongValuesNameTheColumnAndField() {
        #expect {
            try deal(["X", "A", "GTX", "B", "Won", "2016-10-20", "03/01/2017", "5"])
        } throws: { error in
            let failure = error as? FieldError
            return failure?.field == "close_date (closedAt)"
                && failure?.reason == "'03/01/2017' does not match the format yyyy-MM-dd (day/month order is ambiguous)"
        }
        #expect {
            try deal(["X", "A", "GTX", "B", "Won", "2016-10-20", "2017-03-01", "12k"])
        } throws: { error in
            (error as? FieldError)?.description
                == "field close_value (amountCents): expected an amount like 1234.56, found '12k'"
        }
    }

    @Test func moneyScalesAndBooleansConvert() throws {
        let mapping = CSVMapping(
            name: "acc", entity: .account,
            fields: [
                "id": .init(column: "id"), "name": .init(column: "id"),
                "annualRevenueCents": .init(column: "revenue", scale: "1000000"), "churned": .init(column: "flag"),
                "seats": .init(column: "seats"),
            ])
        let compiled = try CompiledMapping(mapping, header: ["id", "revenue", "flag", "seats"], source: "a.csv")
        let records = try compiled.records(
            from: CSVRecord(line: 2, fields: ["a", "1100.04", "True", "4.0"], raw: ""), tenant: "default")
        guard case .account(let account) = records[0].record.payload else { throw MappingError(code: "", message: "") }
        #expect(account.annualRevenueCents == 110_004_000_000)
        #expect(account.churned)
        #expect(account.seats == 4)
    }

    @Test func decimalTextRoundsHalfAwayFromZero() {
        #expect(DecimalText("4.03")?.cents(scale: DecimalText("1")!) == 403)
        #expect(DecimalText("0.005")?.cents(scale: DecimalText("1")!) == 1)
        #expect(DecimalText("-0.005")?.cents(scale: DecimalText("1")!) == -1)
        #expect(DecimalText("1e5") == nil)
        #expect(DecimalText("12k") == nil)
    }

    @Test func slugsAreLowercaseDashed() {
        #expect(Template.slug("Moses  Frase") == "moses-frase")
        #expect(Template.slug("Acme Corporation, Inc.") == "acme-corporation-inc")
    }
}
