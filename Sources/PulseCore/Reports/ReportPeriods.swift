/// The calendar months and ISO weeks a window touches, for per-period counts.
public struct ReportPeriods: Hashable, Sendable {
    /// One period: label and [start, end) in epoch seconds.
    public struct Period: Hashable, Sendable {
        public var label: String
        public var start: Int64
        public var end: Int64
    }

    public var months: [Period]
    public var weeks: [Period]

    /// The months and weeks holding any second of `window`, oldest first.
    public init(window: TimeWindow) {
        months = []
        weeks = []
        guard window.end > window.start else { return }
        let last = window.end - 1
        var c = UTCCalendar.civil(dayNumber: Days.floorDiv(window.start, Days.seconds))
        while true {
            let start = UTCCalendar.dayNumber(year: c.year, month: c.month, day: 1) * Days.seconds
            guard start <= last else { break }
            let next = c.month == 12 ? (c.year + 1, Int64(1)) : (c.year, c.month + 1)
            let end = UTCCalendar.dayNumber(year: next.0, month: next.1, day: 1) * Days.seconds
            months.append(Period(label: ReportFormat.month(start), start: start, end: end))
            c = (next.0, next.1, 1)
        }
        var w = UTCCalendar.weekStart(window.start)
        while w <= last {
            weeks.append(Period(label: ReportFormat.isoWeek(w), start: w, end: w + 7 * Days.seconds))
            w += 7 * Days.seconds
        }
    }

    /// Index of the month holding `t`, if any.
    public func monthIndex(_ t: Int64) -> Int? { months.firstIndex { t >= $0.start && t < $0.end } }
    /// Index of the week holding `t`, if any.
    public func weekIndex(_ t: Int64) -> Int? { weeks.firstIndex { t >= $0.start && t < $0.end } }
}
