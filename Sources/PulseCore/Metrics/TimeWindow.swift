import Foundation

/// A half-open time window [start, end) in whole UTC seconds; every metric takes one.
public struct TimeWindow: Hashable, Sendable, CustomStringConvertible {
    /// First second inside the window (seconds since 1970-01-01T00:00:00Z).
    public let start: Int64
    /// First second after the window.
    public let end: Int64

    /// A window from raw epoch seconds; `end` below `start` gives an empty window.
    public init(startSeconds: Int64, endSeconds: Int64) {
        self.start = startSeconds
        self.end = max(startSeconds, endSeconds)
    }

    /// The window [start, end), both rounded down to the whole second.
    public init(start: Date, end: Date) {
        self.init(startSeconds: TimeWindow.seconds(start), endSeconds: TimeWindow.seconds(end))
    }

    /// The half-open window [interval.start, interval.end).
    public init(_ interval: DateInterval) {
        self.init(start: interval.start, end: interval.end)
    }

    /// Everything: no known time is outside it (missing times still are).
    public static let allTime = TimeWindow(startSeconds: Int64.min + 1, endSeconds: Int64.max)

    /// The `days` whole days before `now`: [now − days × 86,400 s, now).
    public static func lastDays(_ days: Int, before now: Date) -> TimeWindow {
        let end = seconds(now)
        return TimeWindow(startSeconds: end - Int64(days) * Days.seconds, endSeconds: end)
    }

    /// Everything before `now`: [−∞, now).
    public static func until(_ now: Date) -> TimeWindow {
        TimeWindow(startSeconds: Int64.min + 1, endSeconds: seconds(now))
    }

    /// True when `t` (epoch seconds) is inside the window; `MetricsFrame.missing` never is.
    @inlinable public func contains(_ t: Int64) -> Bool { t >= start && t < end }

    /// True when `date` is inside the window.
    public func contains(_ date: Date) -> Bool { contains(TimeWindow.seconds(date)) }

    /// Start as a `Date`.
    public var startDate: Date { Date(timeIntervalSince1970: TimeInterval(start)) }
    /// End as a `Date`.
    public var endDate: Date { Date(timeIntervalSince1970: TimeInterval(end)) }

    public var description: String {
        "[\(UTCCalendar.iso8601(start)), \(UTCCalendar.iso8601(end)))"
    }

    /// Whole epoch seconds of a date, rounded towards minus infinity.
    public static func seconds(_ date: Date) -> Int64 {
        let t = date.timeIntervalSince1970.rounded(.down)
        if t >= 9.2e18 { return Int64.max }
        if t <= -9.2e18 { return Int64.min + 1 }
        return Int64(t)
    }
}
