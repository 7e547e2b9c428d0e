import Foundation

/// Places generated events on the calendar: whole days relative to `now`, office hours in a rep's time zone.
struct DemoClock: Sendable {
    let now: Date
    /// Midnight UTC of the day that holds `now`, in seconds since 1970.
    let today: Int64

    /// First day offset of the precomputed UTC-offset tables.
    static let firstDay = -1_300
    /// Per zone identifier, the UTC offset in seconds at noon of each day from `firstDay` (time-zone look-ups are slow).
    let offsets: [String: [Int32]]

    init(now: Date, zones: [String] = DemoRoster.zones.map(\.name)) {
        self.now = now
        let seconds = Int64(now.timeIntervalSince1970.rounded(.down))
        let today = Days.floorDiv(seconds, Days.seconds) * Days.seconds
        self.today = today
        var offsets: [String: [Int32]] = [:]
        for name in zones {
            guard let zone = TimeZone(identifier: name) else { continue }
            offsets[name] = (Self.firstDay...400).map { day in
                let noon = today + Int64(day) * Days.seconds + 12 * 3600
                return Int32(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(noon))))
            }
        }
        self.offsets = offsets
    }

    /// UTC offset in seconds of `zone` on the day starting at `dayStart`.
    func utcOffset(_ zone: TimeZone, dayStart: Int64) -> Int64 {
        let day = Int(Days.floorDiv(dayStart - today, Days.seconds)) - Self.firstDay
        if let table = offsets[zone.identifier], table.indices.contains(day) { return Int64(table[day]) }
        return Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(dayStart + 12 * 3600))))
    }

    /// Hour-of-day weights for 8:00–18:00 local time: busy mornings, a lunch dip, a mid-afternoon peak.
    static let hourWeights: [Double] = [3, 8, 10, 9, 4, 6, 9, 8, 5, 2]

    /// Weekday of a UTC day start, Monday = 0 … Sunday = 6.
    static func weekday(ofDayStart seconds: Int64) -> Int {
        Int((Days.floorDiv(seconds, Days.seconds) + 3) % 7 + 7) % 7
    }

    /// A time in office hours on the day `dayOffset` days from today, moved off weekends
    /// (most of the time), in the rep's time zone (with its daylight saving). A negative `dayOffset` stays before today.
    func officeTime(day dayOffset: Int, zone: TimeZone, rng: inout SplitMix64) -> Date {
        var start = today + Int64(dayOffset) * Days.seconds
        let weekday = Self.weekday(ofDayStart: start)
        if weekday >= 5, !rng.chance(0.03) {
            // Past weekends move back to Friday (so past stays past), future ones on to Monday.
            start += (dayOffset < 0 ? Int64(4 - weekday) : Int64(7 - weekday)) * Days.seconds
        }
        let hour = 8 + rng.pick(Array(0..<Self.hourWeights.count), weights: Self.hourWeights)
        let minute = rng.int(0...59)
        let local = start + Int64(hour * 3600 + minute * 60 + rng.int(0...59))
        return Date(timeIntervalSince1970: TimeInterval(local - utcOffset(zone, dayStart: start)))
    }

    /// Day offset from today of a date (floor).
    func dayOffset(of date: Date) -> Int {
        Int(Days.floorDiv(Int64(date.timeIntervalSince1970.rounded(.down)) - today, Days.seconds))
    }

    /// A time in office hours `days` days after `date` (same rep time zone), never earlier than `date` + 1 hour.
    func after(_ date: Date, days: Int, zone: TimeZone, rng: inout SplitMix64) -> Date {
        let candidate = officeTime(day: dayOffset(of: date) + days, zone: zone, rng: &rng)
        return max(candidate, date.addingTimeInterval(3600))
    }

    /// A time `minutes` minutes after `date`.
    func plus(_ date: Date, minutes: Int) -> Date { date.addingTimeInterval(TimeInterval(minutes * 60)) }
}

extension DemoClock {
    /// "2025-06-30" for a date (UTC), computed without calendars.
    static func isoDay(_ date: Date) -> String {
        String(UTCCalendar.iso8601(Int64(date.timeIntervalSince1970.rounded(.down))).prefix(10))
    }
}
