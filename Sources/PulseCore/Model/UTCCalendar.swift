import Foundation

/// Integer calendar arithmetic in UTC (proleptic Gregorian), with no `Calendar` or time-zone lookups.
public enum UTCCalendar {
    /// Day number (days since 1970-01-01) of a civil date.
    @inlinable public static func dayNumber(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = Days.floorDiv(y, 400)
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// Civil date (year, month 1–12, day 1–31) of a day number.
    @inlinable public static func civil(dayNumber: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = dayNumber + 719_468
        let era = Days.floorDiv(z, 146_097)
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Calendar quarter of an epoch second as one ordinal: year × 4 + (quarter − 1).
    @inlinable public static func quarterOrdinal(_ seconds: Int64) -> Int64 {
        let c = civil(dayNumber: Days.floorDiv(seconds, Days.seconds))
        return c.year * 4 + (c.month - 1) / 3
    }

    /// "2025Q2" for a quarter ordinal, as pandas prints a quarterly `Period`.
    public static func quarterLabel(_ ordinal: Int64) -> String {
        "\(Days.floorDiv(ordinal, 4))Q\(ordinal - Days.floorDiv(ordinal, 4) * 4 + 1)"
    }

    /// Weekday of an epoch second, Monday = 0 … Sunday = 6.
    @inlinable public static func weekday(_ seconds: Int64) -> Int {
        Int(floorMod(Days.floorDiv(seconds, Days.seconds) + 3, 7))
    }

    /// UTC hour 0–23 of an epoch second.
    @inlinable public static func hour(_ seconds: Int64) -> Int {
        Int((seconds - Days.floorDiv(seconds, Days.seconds) * Days.seconds) / 3600)
    }

    /// Monday 00:00 UTC of the ISO week holding `seconds`.
    @inlinable public static func weekStart(_ seconds: Int64) -> Int64 {
        let day = Days.floorDiv(seconds, Days.seconds)
        return (day - floorMod(day + 3, 7)) * Days.seconds
    }

    /// ISO-8601 (year, week) of the week holding `seconds`.
    public static func isoWeek(_ seconds: Int64) -> (year: Int64, week: Int64) {
        let monday = Days.floorDiv(weekStart(seconds), Days.seconds)
        let thursday = monday + 3
        let year = civil(dayNumber: thursday).year
        return (year, (thursday - dayNumber(year: year, month: 1, day: 1)) / 7 + 1)
    }

    /// "2025-06-30T00:00:00Z" for an epoch second.
    public static func iso8601(_ seconds: Int64) -> String {
        let day = Days.floorDiv(seconds, Days.seconds)
        let c = civil(dayNumber: day)
        let rest = seconds - day * Days.seconds
        func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(c.year)-\(two(c.month))-\(two(c.day))T\(two(rest / 3600)):\(two(rest % 3600 / 60)):\(two(rest % 60))Z"
    }

    /// Whole days in a span of seconds, rounded towards minus infinity (`Days.between` on raw seconds); the
    /// literal divisor lets the compiler replace the division by a multiplication.
    @inline(__always) public static func wholeDays(_ seconds: Int64) -> Int64 {
        seconds >= 0 ? seconds / 86_400 : -((86_399 - seconds) / 86_400)
    }

    /// Floor modulo: the result has the sign of the divisor.
    @inlinable public static func floorMod(_ a: Int64, _ b: Int64) -> Int64 {
        let r = a % b
        return r < 0 ? r + b : r
    }
}
