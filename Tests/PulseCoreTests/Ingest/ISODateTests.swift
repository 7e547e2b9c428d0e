import Foundation
import Testing

@testable import PulseCore

@Suite struct ISODateTests {
    @Test(arguments: [
        ("2025-04-03T00:00:00Z", 1_743_638_400.0),
        ("2025-04-03", 1_743_638_400.0),
        ("2025-04-03T02:00:00+02:00", 1_743_638_400.0),
        ("2025-04-02T19:00:00-0500", 1_743_638_400.0),
        ("2025-04-03T00:00:00.250Z", 1_743_638_400.25),
        ("1969-12-31T23:59:59Z", -1.0),
        ("2024-02-29T12:00:00Z", 1_709_208_000.0),
    ])
    func parsesISO8601WithZoneOffsetAndFraction(text: String, seconds: Double) {
        #expect(ISODate.parse(text)?.timeIntervalSince1970 == seconds)
    }

    @Test(arguments: [
        "2025-02-30", "2025-13-01", "2025-04-03T10:00:00", "03/04/2025", "2025-4-3", "", "2025-04-03T25:00Z",
    ])
    func refusesImpossibleOrZonelessOrNonISOText(text: String) {
        #expect(ISODate.parse(text) == nil)
    }

    @Test func formatsUTCWithMillisecondsOnlyWhenPresent() {
        #expect(ISODate.format(Date(timeIntervalSince1970: 1_743_638_400)) == "2025-04-03T00:00:00Z")
        #expect(ISODate.format(Date(timeIntervalSince1970: 1_743_638_400.5)) == "2025-04-03T00:00:00.500Z")
        #expect(ISODate.format(Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59Z")
    }

    @Test func explainsAmbiguousDayMonthDatesWithAnISOExample() {
        #expect(
            ISODate.problem(with: "03/04/2025") == "'03/04/2025' is ambiguous; use ISO-8601 like 2025-04-03T00:00:00Z")
        #expect(ISODate.problem(with: "soon").contains("is not an ISO-8601 date"))
    }

    @Test func explicitPatternsReadDatesAndDateTimesAsUTC() throws {
        #expect(try DatePattern("yyyy-MM-dd").parse("2017-03-01") == ISODate.parse("2017-03-01T00:00:00Z"))
        #expect(
            try DatePattern("yyyy-MM-dd HH:mm:ss").parse("2023-07-28 03:00:00") == ISODate.parse("2023-07-28T03:00:00Z")
        )
        #expect(try DatePattern("dd/MM/yyyy").parse("03/04/2025") == ISODate.parse("2025-04-03"))
        #expect(try DatePattern("yyyy-MM-dd").parse("2017-02-30") == nil)
        #expect(try DatePattern("yyyy-MM-dd").parse("2017-03-01 10:00") == nil)
    }

    @Test(arguments: ["dd/MM/yy", "MM/yyyy", "yyyy-MM-dd QQ"])
    func refusesAmbiguousOrUnknownPatterns(format: String) {
        #expect(throws: MappingError.self) { try DatePattern(format) }
    }
}
