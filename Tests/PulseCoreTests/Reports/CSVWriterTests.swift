import Testing

@testable import PulseCore

/// RFC 4180 quoting of `CSVWriter`.
@Suite struct CSVWriterTests {
    @Test(arguments: [
        ("plain", "plain"), ("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""), ("two\nlines", "\"two\nlines\""),
        ("cr\r\nlf", "\"cr\r\nlf\""), ("", ""),
    ])
    func fieldsAreQuotedOnlyWhenNeeded(input: String, expected: String) {
        #expect(CSVWriter.field(input) == expected)
    }

    @Test func aTableIsAHeaderAndCRLFTerminatedRecords() {
        let table = ReportTable(columns: ["rep", "note"], rows: [["ana", "calls, emails"], ["bo", ""]])
        #expect(table.csv == "rep,note\r\nana,\"calls, emails\"\r\nbo,\r\n")
    }
}
