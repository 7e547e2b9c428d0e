import Foundation
import PulseCore
import Testing

@Suite struct QuietHoursWindowTests {
    let night = QuietHours(startMinute: 22 * 60, endMinute: 7 * 60)
    let berlin = TimeZone(identifier: "Europe/Berlin")!

    func utc(_ text: String) -> Date { try! Date(text, strategy: .iso8601) }

    @Test func aMessageOutsideTheWindowMayGoNow() {
        #expect(night.nextAllowed(after: utc("2026-11-25T12:00:00Z"), timeZone: berlin, severity: .high) == nil)
    }

    @Test func aMessageLateInTheEveningWaitsUntilTheNextMorningAcrossMidnight() {
        // 23:30 in Berlin (CET, UTC+1) → 07:00 Berlin the next day = 06:00 UTC.
        let next = night.nextAllowed(after: utc("2026-11-25T22:30:00Z"), timeZone: berlin, severity: .medium)
        #expect(next == utc("2026-11-26T06:00:00Z"))
    }

    @Test func aMessageAfterMidnightWaitsUntilTheSameMorning() {
        // 03:15 Berlin → 07:00 Berlin the same day.
        let next = night.nextAllowed(after: utc("2026-11-26T02:15:00Z"), timeZone: berlin, severity: .low)
        #expect(next == utc("2026-11-26T06:00:00Z"))
    }

    @Test func theWindowEndIsExclusiveAndItsStartInclusive() {
        #expect(night.nextAllowed(after: utc("2026-11-26T06:00:00Z"), timeZone: berlin, severity: .high) == nil)
        #expect(night.nextAllowed(after: utc("2026-11-25T21:00:00Z"), timeZone: berlin, severity: .high) != nil)
        #expect(night.nextAllowed(after: utc("2026-11-25T20:59:59Z"), timeZone: berlin, severity: .high) == nil)
    }

    @Test func criticalMessagesPassUnlessTheWindowHoldsThemToo() {
        let late = utc("2026-11-25T22:30:00Z")
        #expect(night.nextAllowed(after: late, timeZone: berlin, severity: .critical) == nil)
        let strict = QuietHours(startMinute: 22 * 60, endMinute: 7 * 60, holdCritical: true)
        #expect(strict.nextAllowed(after: late, timeZone: berlin, severity: .critical) == utc("2026-11-26T06:00:00Z"))
    }

    @Test func aDaytimeWindowThatDoesNotSpanMidnightEndsTheSameDay() {
        let lunch = QuietHours(startMinute: 12 * 60, endMinute: 13 * 60 + 30)
        let next = lunch.nextAllowed(after: utc("2026-11-25T11:10:00Z"), timeZone: berlin, severity: .high)
        #expect(next == utc("2026-11-25T12:30:00Z"))
        #expect(lunch.nextAllowed(after: utc("2026-11-25T13:00:00Z"), timeZone: berlin, severity: .high) == nil)
    }

    @Test func anEmptyWindowNeverHoldsAnything() {
        let empty = QuietHours(startMinute: 600, endMinute: 600)
        #expect(empty.nextAllowed(after: utc("2026-11-25T09:00:00Z"), timeZone: berlin, severity: .low) == nil)
    }

    @Test func theNightOfTheSpringForwardChangeEndsAtSevenLocalSummerTime() {
        // 2026-03-29 Berlin goes from 02:00 CET to 03:00 CEST; 07:00 CEST = 05:00 UTC, only seven hours after
        // 23:00 CET (22:00 UTC) the evening before.
        let next = night.nextAllowed(after: utc("2026-03-28T22:00:00Z"), timeZone: berlin, severity: .high)
        #expect(next == utc("2026-03-29T05:00:00Z"))
    }

    @Test func anEndTimeInsideTheSpringForwardGapBecomesTheFirstTimeAfterIt() {
        let short = QuietHours(startMinute: 22 * 60, endMinute: 2 * 60 + 30)
        let next = short.nextAllowed(after: utc("2026-03-28T23:30:00Z"), timeZone: berlin, severity: .high)
        #expect(next == utc("2026-03-29T01:00:00Z"))  // 03:00 CEST
    }

    @Test func theNightOfTheFallBackChangeEndsAtSevenLocalWinterTime() {
        // 2026-10-25 Berlin goes from 03:00 CEST back to 02:00 CET; 07:00 CET = 06:00 UTC.
        let next = night.nextAllowed(after: utc("2026-10-24T21:00:00Z"), timeZone: berlin, severity: .high)
        #expect(next == utc("2026-10-25T06:00:00Z"))
    }
}
