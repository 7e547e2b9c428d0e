import Foundation

/// Calendar-quarter ordinals by day, tabulated once for the range of days a computation needs, so per-deal
/// lookups are one subtraction and one load instead of a civil-date conversion.
struct QuarterLookup {
    private let firstDay: Int64
    private let table: ContiguousArray<Int64>
    private static let maxTableDays: Int64 = 200_000

    /// A table covering the days of epoch seconds `low` … `high` (an empty range gives an empty table).
    init(low: Int64, high: Int64) {
        let first = Days.floorDiv(low, Days.seconds)
        let last = Days.floorDiv(high, Days.seconds)
        firstDay = first
        guard low <= high, last - first < Self.maxTableDays else {
            table = []
            return
        }
        var t = ContiguousArray<Int64>()
        t.reserveCapacity(Int(last - first + 1))
        var day = first
        while day <= last {
            let c = UTCCalendar.civil(dayNumber: day)
            t.append(c.year * 4 + (c.month - 1) / 3)
            day += 1
        }
        table = t
    }

    /// Quarter ordinal of an epoch second inside the range.
    @inline(__always) func ordinal(_ seconds: Int64) -> Int64 {
        let index = UTCCalendar.wholeDays(seconds) - firstDay
        if index >= 0 && index < Int64(table.count) { return table[Int(index)] }
        return UTCCalendar.quarterOrdinal(seconds)
    }
}
