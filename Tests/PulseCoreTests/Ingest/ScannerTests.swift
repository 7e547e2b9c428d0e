import Testing

@testable import PulseCore

/// Feeds `bytes` to a CSV scanner in chunks of `chunk` bytes and returns every record.
func scanCSV(_ bytes: [UInt8], chunk: Int = 7, delimiter: UInt8 = UInt8(ascii: ","), limit: Int = 1 << 20)
    -> [CSVRecord]
{
    var scanner = CSVScanner(delimiter: delimiter, maxRecordBytes: limit)
    var records: [CSVRecord] = []
    var start = 0
    while start < bytes.count {
        let end = min(bytes.count, start + chunk)
        Array(bytes[start..<end]).withUnsafeBufferPointer { scanner.feed($0) { records.append($0) } }
        start = end
    }
    scanner.finish { records.append($0) }
    return records
}

/// Feeds `bytes` to a line scanner in chunks and returns (line number, text or nil when too long).
func scanLines(_ bytes: [UInt8], chunk: Int = 5, limit: Int = 1 << 20) -> [(Int, String?)] {
    var scanner = LineScanner(maxLineBytes: limit)
    var lines: [(Int, String?)] = []
    func take(_ line: LineScanner.Line) {
        switch line {
        case .text(let buffer, let number): lines.append((number, String(decoding: buffer, as: UTF8.self)))
        case .tooLong(let number, _, _): lines.append((number, nil))
        }
    }
    var start = 0
    while start < bytes.count {
        let end = min(bytes.count, start + chunk)
        Array(bytes[start..<end]).withUnsafeBufferPointer { scanner.feed($0, take) }
        start = end
    }
    scanner.finish(take)
    return lines
}

@Suite struct CSVScannerTests {
    @Test(arguments: [1, 2, 7, 1000])
    func readsQuotesEmbeddedNewlinesAndCRLFInAnyChunking(chunk: Int) {
        let text = "a,b,c\r\n1,\"x, \"\"y\"\"\",3\r\n2,\"multi\r\nline\",\r\n"
        let records = scanCSV(Array(text.utf8), chunk: chunk)
        #expect(records.map(\.fields) == [["a", "b", "c"], ["1", "x, \"y\"", "3"], ["2", "multi\r\nline", ""]])
        #expect(records.map(\.line) == [1, 2, 3])
        #expect(records.allSatisfy { $0.problem == nil })
    }

    @Test func stripsALeadingByteOrderMark() {
        let records = scanCSV([0xEF, 0xBB, 0xBF] + Array("id,name\n1,x\n".utf8), chunk: 2)
        #expect(records.first?.fields == ["id", "name"])
    }

    @Test func aLastLineWithoutNewlineIsARecordAndBlankLinesAreSkipped() {
        let records = scanCSV(Array("a\n\n1\n2".utf8))
        #expect(records.map(\.fields) == [["a"], ["1"], ["2"]])
        #expect(records.map(\.line) == [1, 3, 4])
    }

    @Test func invalidUTF8IsReportedWithLineAndByteColumn() {
        var bytes = Array("id,name\n1,caf".utf8)
        bytes.append(0xE9)
        bytes += Array("\n".utf8)
        let records = scanCSV(bytes)
        #expect(records[1].problem == "not valid UTF-8: byte 0xE9 at line 2, byte column 6")
    }

    @Test func anUnterminatedQuoteIsReported() {
        let records = scanCSV(Array("a,b\n1,\"open\n".utf8))
        #expect(records.last?.problem == "unterminated quoted field starting at line 2, column 3")
    }

    @Test func aTenMegabyteLineIsSkippedWithoutBufferingIt() {
        var bytes = Array("id,name\n".utf8)
        bytes += Array(repeating: UInt8(ascii: "x"), count: 10 << 20)
        bytes += Array(",y\n2,z\n".utf8)
        let records = scanCSV(bytes, chunk: 1 << 20)
        #expect(records.count == 3)
        #expect(records[1].fields.isEmpty)
        #expect(records[1].problem?.contains("over the 1048576-byte limit") == true)
        #expect(records[2].fields == ["2", "z"])
        #expect(records[1].raw.count == 500)
    }

    @Test func otherDelimitersAreSupported() {
        #expect(scanCSV(Array("a;b\n1;2\n".utf8), delimiter: UInt8(ascii: ";")).last?.fields == ["1", "2"])
        #expect(scanCSV(Array("a\tb\n1\t2\n".utf8), delimiter: 0x09).last?.fields == ["1", "2"])
    }
}

@Suite struct LineScannerTests {
    @Test(arguments: [1, 3, 5, 100])
    func splitsLFAndCRLFLinesAcrossChunks(chunk: Int) {
        let lines = scanLines(Array("{\"a\":1}\r\n\n{\"b\":2}\n{\"c\":3}".utf8), chunk: chunk)
        #expect(lines.map(\.0) == [1, 2, 3, 4])
        #expect(lines.map(\.1) == ["{\"a\":1}", "", "{\"b\":2}", "{\"c\":3}"])
    }

    @Test func stripsALeadingByteOrderMark() {
        let lines = scanLines([0xEF, 0xBB, 0xBF] + Array("{}\n".utf8), chunk: 1)
        #expect(lines.first?.1 == "{}")
    }

    @Test func reportsOverLongLinesAndCarriesOn() {
        let bytes = Array("{}\n".utf8) + Array(repeating: UInt8(ascii: "x"), count: 10 << 20) + Array("\n{}\n".utf8)
        let lines = scanLines(bytes, chunk: 1 << 20)
        #expect(lines.map(\.0) == [1, 2, 3])
        #expect(lines[1].1 == nil)
        #expect(lines[2].1 == "{}")
    }
}
