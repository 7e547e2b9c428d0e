import Foundation

/// A time window a rule measures over, relative to the evaluation time `now`.
///
/// YAML: `7d` (the 7 days before now), `next 7d` (the 7 days after now), `this_week`, `last_week`, `next_week`,
/// `this_month`, `last_month`, `this_quarter`, `last_quarter`. Calendar windows are in UTC; weeks are ISO weeks
/// starting Monday 00:00.
public enum WindowSpec: Hashable, Sendable, Codable, CustomStringConvertible {
    /// [now − duration, now).
    case last(RuleDuration)
    /// [now, now + duration).
    case next(RuleDuration)
    /// A calendar period; offset 0 is the one containing now, −1 the one before, +1 the one after.
    case calendar(CalendarPeriod, offset: Int)

    /// Calendar periods a window can follow.
    public enum CalendarPeriod: String, Hashable, Sendable, Codable, CaseIterable {
        case day, week, month, quarter
    }

    /// Parses the YAML forms above; nil when the text is none of them.
    public init?(_ text: String) {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        if t.hasPrefix("next ") {
            guard let d = RuleDuration(String(t.dropFirst(5))) else { return nil }
            self = .next(d)
            return
        }
        if t.hasPrefix("last "), let d = RuleDuration(String(t.dropFirst(5))) {
            self = .last(d)
            return
        }
        if let d = RuleDuration(t) {
            self = .last(d)
            return
        }
        let parts = t.split(separator: "_", maxSplits: 1).map(String.init)
        guard parts.count == 2, let period = CalendarPeriod(rawValue: parts[1]) else {
            if t == "today" { self = .calendar(.day, offset: 0); return }
            if t == "yesterday" { self = .calendar(.day, offset: -1); return }
            return nil
        }
        switch parts[0] {
        case "this": self = .calendar(period, offset: 0)
        case "last": self = .calendar(period, offset: -1)
        case "next": self = .calendar(period, offset: 1)
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .last(let d): "\(d)"
        case .next(let d): "next \(d)"
        case .calendar(.day, 0): "today"
        case .calendar(.day, -1): "yesterday"
        case .calendar(let p, let o): "\(o == 0 ? "this" : o < 0 ? "last" : "next")_\(p.rawValue)"
        }
    }

    /// The concrete half-open interval [start, end) for evaluation time `now`.
    public func interval(now: Date) -> DateInterval {
        switch self {
        case .last(let d): return DateInterval(start: now.addingTimeInterval(-d.timeInterval), end: now)
        case .next(let d): return DateInterval(start: now, end: now.addingTimeInterval(d.timeInterval))
        case .calendar(let period, let offset):
            let seconds = Int64(now.timeIntervalSince1970.rounded(.down))
            let bounds: (Int64, Int64)
            switch period {
            case .day:
                let start = Days.floorDiv(seconds, Days.seconds) * Days.seconds + Int64(offset) * Days.seconds
                bounds = (start, start + Days.seconds)
            case .week:
                let start = UTCCalendar.weekStart(seconds) + Int64(offset) * 7 * Days.seconds
                bounds = (start, start + 7 * Days.seconds)
            case .month, .quarter:
                let c = UTCCalendar.civil(dayNumber: Days.floorDiv(seconds, Days.seconds))
                let length: Int64 = period == .month ? 1 : 3
                let first = (c.month - 1) / length * length + Int64(offset) * length  // months since Jan of c.year
                func monthStart(_ index: Int64) -> Int64 {
                    let year = c.year + Days.floorDiv(index, 12)
                    let month = index - Days.floorDiv(index, 12) * 12 + 1
                    return UTCCalendar.dayNumber(year: year, month: month, day: 1) * Days.seconds
                }
                bounds = (monthStart(first), monthStart(first + length))
            }
            return DateInterval(
                start: Date(timeIntervalSince1970: TimeInterval(bounds.0)),
                end: Date(timeIntervalSince1970: TimeInterval(bounds.1)))
        }
    }

    /// The default baseline of a change condition: the interval of the same length that ends where this
    /// window's interval starts (for calendar windows, the previous period).
    public func previousInterval(now: Date) -> DateInterval {
        switch self {
        case .calendar(let p, let o): return WindowSpec.calendar(p, offset: o - 1).interval(now: now)
        default:
            let current = interval(now: now)
            return DateInterval(start: current.start.addingTimeInterval(-current.duration), end: current.start)
        }
    }
}
