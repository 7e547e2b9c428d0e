import Foundation

/// Calendar arithmetic in one user's time zone (Monday-first ISO weeks): local days, hours and period keys.
public struct LocalClock: Sendable {
    public let calendar: Calendar

    /// An IANA zone ("Europe/Berlin"); an unknown identifier falls back to UTC.
    public init(timeZone identifier: String) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: identifier) ?? TimeZone(identifier: "UTC")!
        calendar.firstWeekday = 2
        calendar.minimumDaysInFirstWeek = 4
        self.calendar = calendar
    }

    /// The local day holding `date`, `offset` days later (negative: earlier).
    public func day(_ date: Date, offset: Int = 0) -> DateInterval {
        let start = calendar.date(byAdding: .day, value: offset, to: calendar.startOfDay(for: date))!
        let end = calendar.date(byAdding: .day, value: 1, to: start)!
        return DateInterval(start: start, end: end)
    }

    /// The local Monday-to-Monday week holding `date`.
    public func week(_ date: Date) -> DateInterval {
        let today = calendar.startOfDay(for: date)
        let start = calendar.date(byAdding: .day, value: -weekday(date), to: today)!
        return DateInterval(start: start, end: calendar.date(byAdding: .day, value: 7, to: start)!)
    }

    /// Monday = 0 … Sunday = 6.
    public func weekday(_ date: Date) -> Int { (calendar.component(.weekday, from: date) + 5) % 7 }

    /// Minutes since local midnight.
    public func minuteOfDay(_ date: Date) -> Int {
        let c = calendar.dateComponents([.hour, .minute], from: date)
        return (c.hour ?? 0) * 60 + (c.minute ?? 0)
    }

    /// "2026-11-25".
    public func dayKey(_ date: Date) -> String {
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return "\(c.year!)-\(Self.two(c.month!))-\(Self.two(c.day!))"
    }

    /// "2026-11-25T09".
    public func hourKey(_ date: Date) -> String {
        "\(dayKey(date))T\(Self.two(calendar.component(.hour, from: date)))"
    }

    /// "2026-W48" (ISO week-numbering year and week).
    public func weekKey(_ date: Date) -> String {
        let c = calendar.dateComponents([.yearForWeekOfYear, .weekOfYear], from: date)
        return "\(c.yearForWeekOfYear!)-W\(Self.two(c.weekOfYear!))"
    }

    /// "09:30" local time.
    public func time(_ date: Date) -> String {
        let m = minuteOfDay(date)
        return "\(Self.two(m / 60)):\(Self.two(m % 60))"
    }

    private static func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
}
