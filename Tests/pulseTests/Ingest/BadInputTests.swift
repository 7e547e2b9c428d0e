import ArgumentParser
import Foundation
import PulseCore
import PulseStore
import Testing

@testable import pulse

/// Every bad input of the issue: a clear message naming file, line and field, and an unchanged store.
@Suite struct BadInputTests {
    static let time = "2025-06-01T10:00:00Z"

    /// Runs `lines` as one NDJSON file (with 3 good lines after, so 1 bad line of 4 trips the 10% breaker) and
    /// returns the error message; the store must stay empty.
    func breakerMessage(_ badLine: String, file: String = "bad.ndjson") async throws -> String {
        let fixture = try IngestFixture()
        defer { fixture.cleanUp() }
        let store = try fixture.store()
        let url = try fixture.write(file, ([badLine] + (try IngestFixture.accountLines(3))).joined(separator: "\n"))
        let error = await IngestFixture.failure([url], store: store)
        let counts = try await store.counts()
        #expect(counts.byTable.values.allSatisfy { $0 == 0 }, "nothing may be written: \(counts.byTable)")
        let ingestError = try #require(error as? IngestError)
        #expect(ingestError.code == "circuit_breaker")
        return ingestError.message
    }

    @Test func malformedJSONLinesNameTheFileLineAndColumn() async throws {
        let message = try await breakerMessage(#"{"id":"e1","type":"account.upserted","#)
        #expect(message.contains("aborted, nothing was written: 1 of 4 rows (25.0%) failed"))
        #expect(message.contains("Failed gates: parse 1"))
        #expect(message.contains("bad.ndjson:1 (line): not valid JSON: unexpected end of line"))
        #expect(message.contains("at column 38"))
    }

    @Test func wrongTypesNameTheField() async throws {
        let message = try await breakerMessage(
            #"{"id":"e1","type":"deal.upserted","occurredAt":"\#(Self.time)","payload":{"id":"d","stage":"Won","amountCents":"12k"}}"#
        )
        #expect(
            message.contains(#"bad.ndjson:1 payload.amountCents: expected an integer number of cents, found "12k""#))
        #expect(message.contains("Failed gates: schema 1"))
    }

    @Test func ambiguousDatesAreRefusedWithAnISOExample() async throws {
        let message = try await breakerMessage(
            #"{"id":"e1","type":"account.upserted","occurredAt":"03/04/2025","payload":{"id":"a","name":"A"}}"#)
        #expect(
            message.contains(
                "bad.ndjson:1 occurredAt: '03/04/2025' is ambiguous; use ISO-8601 like 2025-04-03T00:00:00Z"))
    }

    @Test func impossibleDatesInThePayloadAreRefused() async throws {
        let message = try await breakerMessage(
            #"{"id":"e1","type":"account.upserted","occurredAt":"\#(Self.time)","payload":{"id":"a","name":"A","renewalDate":"2025-02-30"}}"#
        )
        #expect(message.contains("bad.ndjson:1 payload.renewalDate: '2025-02-30' is not an ISO-8601 date"))
    }

    @Test func unknownEventTypesListTheKnownOnes() async throws {
        let message = try await breakerMessage(
            #"{"id":"e1","type":"deal.upsert","occurredAt":"\#(Self.time)","payload":{}}"#)
        #expect(message.contains("bad.ndjson:1 type: unknown event type 'deal.upsert'; did you mean 'deal.upserted'?"))
        #expect(message.contains("Known types: tenant.upserted, account.upserted"))
    }

    @Test func missingIdsAreCriticalNulls() async throws {
        let message = try await breakerMessage(
            #"{"type":"account.upserted","occurredAt":"\#(Self.time)","payload":{"id":"a","name":"A"}}"#)
        #expect(message.contains("bad.ndjson:1 id: the event has no id"))
        #expect(message.contains("Failed gates: critical_null 1"))
    }

    @Test func aFewBadLinesAreQuarantinedWhileGoodRowsLoad() async throws {
        let fixture = try IngestFixture()
        defer { fixture.cleanUp() }
        let store = try fixture.store()
        let lines = try IngestFixture.accountLines(19) + ["not json"]
        let url = try fixture.write("mixed.ndjson", lines.joined(separator: "\n"))
        let report = try await IngestRunner(store: store).run(files: [url])
        #expect(report.loaded == 19)
        #expect(report.quarantined == 1)
        let quarantined = try await store.quarantine(source: nil, limit: 10)
        #expect(quarantined.count == 1)
        #expect(quarantined.first?.line == 20)
        #expect(quarantined.first?.source == url.path)
        #expect(quarantined.first?.gate == .parse)
        #expect(quarantined.first?.raw == "not json")
        #expect(report.rendered.contains("Quarantined by gate: parse 1"))
    }

    @Test func linesDecodedOnTwoThreadsStillReachTheGatesInFileOrder() async throws {
        let fixture = try IngestFixture()
        defer { fixture.cleanUp() }
        let store = try fixture.store()
        // 2,000 lines (decoded in two halves per chunk), a bad line every 100, a blank line, and a repeated
        // id whose later line must win.
        var lines = try IngestFixture.accountLines(2_000)
        for line in stride(from: 99, to: 2_000, by: 100) { lines[line] = "{\"broken\": " }
        lines[500] = ""
        lines[1_500] = try EventEncoder().line(
            for: PulseEvent(
                id: "acc-evt-1501", occurredAt: ISODate.parse("2025-06-01T10:00:00Z")!,
                payload: .account(Account(id: "acc-2", name: "Renamed later"))))
        let url = try fixture.write("many.ndjson", lines.joined(separator: "\n"))
        let report = try await IngestRunner(store: store).run(files: [url])
        #expect(report.files.first?.rows == 1_999)
        #expect(report.quarantined == 20)
        #expect(report.duplicates == 1)
        #expect(report.loaded == 1_999 - 20 - 1)
        let quarantined = try await store.quarantine(source: nil, limit: 100)
        #expect(quarantined.map(\.line).sorted() == Array(stride(from: 100, through: 2_000, by: 100)))
        let accounts = try await store.accounts(tenant: Tenant.defaultID)
        #expect(accounts.first { $0.id == "acc-2" }?.name == "Renamed later")
    }

    @Test func aHigherFailureRateLetsTheGoodRowsThrough() async throws {
        let fixture = try IngestFixture()
        defer { fixture.cleanUp() }
        let store = try fixture.store()
        let url = try fixture.write(
            "half.ndjson", (try IngestFixture.accountLines(2) + ["{", "{"]).joined(separator: "\n"))
        var options = IngestOptions()
        options.maxFailureRate = 0.5
        let report = try await IngestRunner(store: store, options: options).run(files: [url])
        #expect(report.loaded == 2 && report.quarantined == 2)
    }

    @Test func stageChangesForUnknownDealsAreQuarantined() async throws {
        let fixture = try IngestFixture()
        defer { fixture.cleanUp() }
        let store = try fixture.store()
        let change =
            #"{"id":"s1","type":"deal.stage_changed","occurredAt":"\#(Self.time)","payload":{"deal":"ghost","stage":"Won"}}"#
        let url = try fixture.write(
            "moves.ndjson", (try IngestFixture.accountLines(10) + [change]).joined(separator: "\n"))
        let report = try await IngestRunner(store: store).run(files: [url])
        #expect(report.gateCounts == [.reference: 1])
        let quarantined = try await store.quarantine(source: nil, limit: 10)
        #expect(quarantined.first?.field == "payload.deal")
        #expect(quarantined.first?.reason == "deal 'ghost' is not in this batch or the store")
    }

    // MARK: CSV

    static let products = "product,series,sales_price\r\nGTX Basic,GTX,550\r\nGTX Pro,GTX,4821\r\n"

    @Test func aCSVWithMissingColumnsListsThemAndTheColumnsFound() async throws {
        let fixture = try IngestFixture()
        defer { fixture.cleanUp() }
        let store = try fixture.store()
        let url = try fixture.write("products.csv", "product,series\nGTX Basic,GTX\n")
        var options = IngestOptions()
        options.mapping = "maven-products"
        let error = try #require(await IngestFixture.failure([url], store: store, options: options) as? IngestError)
        #expect(error.code == "missing_columns")
        #expect(
            error.message
                == "\(url.path) line 1: the mapping 'maven-products' needs the column(s) sales_price, which the header "
                + "does not have. Columns found: product, series")
        #expect(try await store.counts()["products"] == 0)
    }

    @Test func aWrongDelimiterIsNamed() async throws {
        let fixture = try IngestFixture()
        defer { fixture.cleanUp() }
        let store = try fixture.store()
        let url = try fixture.write("products.csv", Self.products.replacingOccurrences(of: ",", with: ";"))
        var options = IngestOptions()
        options.mapping = "maven-products"
        let error = try #require(await IngestFixture.failure([url], store: store, options: options) as? IngestError)
        #expect(error.code == "wrong_delimiter")
        #expect(
            error.message.hasPrefix(
                "\(url.path) line 1: the header is separated by ';' (semicolon) but the mapping 'maven-products' expects ','"
            ))
        #expect(error.message.contains("delimiter: \";\""))
        let detected = try #require(await IngestFixture.failure([url], store: store) as? IngestError)
        #expect(detected.code == "unknown_export")
        #expect(detected.message.contains("Columns found: product, series, sales_price"))
        #expect(detected.message.contains("maven-products (product, sales_price, series)"))
        #expect(try await store.counts()["products"] == 0)
    }

    @Test func aMappingWithADelimiterKeyReadsSemicolonFiles() async throws {
        let fixture = try IngestFixture()
        defer { fixture.cleanUp() }
        let store = try fixture.store()
        let url = try fixture.write("products.csv", Self.products.replacingOccurrences(of: ",", with: ";"))
        let mapping = try fixture.write(
            "semi.yaml",
            """
            name: semicolon-products
            entity: product
            delimiter: ";"
            fields:
              id: { template: "{product|slug}" }
              name: product
              listPriceCents: { column: sales_price }
            """)
        var options = IngestOptions()
        options.mapping = mapping.path
        let report = try await IngestRunner(store: store, options: options).run(files: [url])
        #expect(report.loaded == 2)
        #expect(
            try await store.products(tenant: Tenant.defaultID).compactMap(\.listPriceCents).sorted() == [
                55_000, 482_100,
            ])
    }

    @Test func aByteOrderMarkIsStrippedAndTheMappingStillDetected() async throws {
        let fixture = try IngestFixture()
        defer { fixture.cleanUp() }
        let store = try fixture.store()
        let url = try fixture.write("products.csv", bytes: [0xEF, 0xBB, 0xBF] + Array(Self.products.utf8))
        let report = try await IngestRunner(store: store).run(files: [url])
        #expect(report.loaded == 2)
        #expect(report.files.first?.format == "maven-products")
    }

    @Test func nonUTF8BytesNameTheLineAndByteColumn() async throws {
        let fixture = try IngestFixture()
        defer { fixture.cleanUp() }
        let store = try fixture.store()
        var bytes = Array("product,series,sales_price\nGTX Basic,GTX,550\nCaf".utf8)
        bytes += [0xE9] + Array(",GTX,10\n".utf8)
        let url = try fixture.write("products.csv", bytes: bytes)
        let error = try #require(await IngestFixture.failure([url], store: store) as? IngestError)
        #expect(error.message.contains("\(url.path):3 (line): not valid UTF-8: byte 0xE9 at line 3, byte column 4"))
        #expect(try await store.counts()["products"] == 0)
    }

    @Test func aTenMegabyteLineIsQuarantinedNotFatal() async throws {
        let fixture = try IngestFixture()
        defer { fixture.cleanUp() }
        let store = try fixture.store()
        var ndjson = Array((try IngestFixture.accountLines(20)).joined(separator: "\n").utf8) + [0x0A]
        ndjson += Array(#"{"id":"big","payload":""#.utf8) + Array(repeating: UInt8(ascii: "x"), count: 10 << 20)
        ndjson += Array("\"}\n".utf8)
        var csv = Array(Self.products.utf8) + Array("Huge,".utf8) + Array(repeating: UInt8(ascii: "y"), count: 10 << 20)
        csv += Array(",1\r\n".utf8)
        csv += Array(Self.products.utf8.dropFirst(27))
        let files = [try fixture.write("big.ndjson", bytes: ndjson), try fixture.write("products.csv", bytes: csv)]
        var options = IngestOptions()
        options.maxFailureRate = 0.2
        let report = try await IngestRunner(store: store, options: options).run(files: files)
        #expect(report.quarantined == 2)
        #expect(report.loaded == 22)
        let quarantined = try await store.quarantine(source: nil, limit: 10).sorted { $0.source < $1.source }
        #expect(quarantined.map(\.line) == [21, 4])
        #expect(quarantined[0].reason.hasPrefix("line is 10,485,785 bytes long, over the 1,048,576 limit"))
        #expect(quarantined[1].reason.hasPrefix("record is 10485769 bytes long, over the 1048576-byte limit"))
        #expect(quarantined.allSatisfy { $0.raw.count <= 500 })
    }

    // MARK: Files and database

    @Test func anEmptyFileIsANoticeAndWritesNothing() async throws {
        let fixture = try IngestFixture()
        defer { fixture.cleanUp() }
        let store = try fixture.store()
        let empty = try fixture.write("empty.ndjson", "")
        let report = try await IngestRunner(store: store).run(files: [empty])
        #expect(report.loaded == 0)
        #expect(report.rendered.contains("empty.ndjson  empty file; nothing to load"))
        #expect(report.applied == nil)
        #expect(try await store.counts().byTable.values.allSatisfy { $0 == 0 })
        let headerOnly = try fixture.write("products.csv", "product,series,sales_price\r\n")
        let second = try await IngestRunner(store: store).run(files: [headerOnly])
        #expect(second.rendered.contains("header only, no data rows; nothing to load"))
    }

    @Test func aMissingFileStopsTheRunBeforeAnythingIsWritten() async throws {
        let fixture = try IngestFixture()
        defer { fixture.cleanUp() }
        let store = try fixture.store()
        let good = try fixture.write("good.ndjson", try IngestFixture.accountLines(3).joined(separator: "\n"))
        let missing = fixture.folder.appendingPathComponent("nope.ndjson")
        let error = try #require(await IngestFixture.failure([good, missing], store: store) as? IngestError)
        #expect(error.code == "file_not_found")
        #expect(error.message == "\(missing.path): no such file. Check the path; nothing was written.")
        #expect(try await store.counts()["accounts"] == 0)
    }

    @Test func anUnwritableDatabasePathGivesTheStoresError() async throws {
        let fixture = try IngestFixture()
        defer { fixture.cleanUp() }
        let good = try fixture.write("good.ndjson", try IngestFixture.accountLines(1).joined())
        let blocker = try fixture.write("blocker", "a file, not a folder")
        let command = try IngestCommand.parse(["--db", blocker.path + "/pulse.sqlite", good.path])
        await #expect {
            try await command.run()
        } throws: { error in
            let storeError = error as? StoreError
            return storeError?.code == "db_unwritable" && storeError?.message.contains(blocker.path) == true
                && storeError?.message.contains("--db PATH") == true
        }
    }

    @Test func anUnmatchedHeaderListsTheBuiltInMappings() async throws {
        let fixture = try IngestFixture()
        defer { fixture.cleanUp() }
        let store = try fixture.store()
        let url = try fixture.write("odd.csv", "foo,bar\n1,2\n")
        let error = try #require(await IngestFixture.failure([url], store: store) as? IngestError)
        #expect(
            error.message.hasPrefix(
                "\(url.path) line 1: the header matches no built-in mapping. Columns found: foo, bar"))
        #expect(error.message.contains("maven-sales-pipeline"))
        #expect(error.message.contains("ravenstack-feature-usage"))
    }

    @Test func anUnknownMappingNameSuggestsTheNearest() async throws {
        let fixture = try IngestFixture()
        defer { fixture.cleanUp() }
        let url = try fixture.write("p.csv", Self.products)
        var options = IngestOptions()
        options.mapping = "maven-product"
        let error = try #require(
            await IngestFixture.failure([url], store: try fixture.store(), options: options) as? IngestError)
        #expect(error.message.hasPrefix("unknown mapping 'maven-product'; did you mean 'maven-products'?"))
    }

    @Test func aStatedSalesCycleThatDisagreesIsCorrectedAndRecorded() async throws {
        let fixture = try IngestFixture()
        defer { fixture.cleanUp() }
        let store = try fixture.store()
        let csv = try fixture.write(
            "deals.csv",
            "id,stage,created,closed,amount,cycle\nD1,Won,2025-01-01,2025-02-15,100,30\nD2,Lost,2025-01-01,2025-01-11,0,10\n"
        )
        let mapping = try fixture.write(
            "deals.yaml",
            """
            name: cycle-deals
            entity: deal
            fields:
              id: id
              stage: stage
              createdAt: { column: created, format: yyyy-MM-dd }
              closedAt: { column: closed, format: yyyy-MM-dd }
              amountCents: amount
              salesCycleDays: cycle
            """)
        var options = IngestOptions()
        options.mapping = mapping.path
        let report = try await IngestRunner(store: store, options: options).run(files: [csv])
        #expect(report.loaded == 2)
        #expect(report.corrected == 1)
        let corrections = try await store.corrections(limit: 10)
        #expect(corrections.count == 1)
        #expect(corrections.first?.line == 2 && corrections.first?.from == "30" && corrections.first?.to == "45")
    }
}
