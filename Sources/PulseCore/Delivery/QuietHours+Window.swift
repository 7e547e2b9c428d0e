import Foundation

extension QuietHours {
    /// Whether `minute` (minutes after local midnight) falls inside the window; a window that ends where it
    /// starts is empty.
    public func contains(minute: Int) -> Bool {
        let start = Self.normalised(startMinute)
        let end = Self.normalised(endMinute)
        let minute = Self.normalised(minute)
        if start == end { return false }
        if start < end { return start <= minute && minute < end }
        return minute >= start || minute < end
    }

    /// When a message of `severity` may go out, if not at `date`: nil when it may go now, else the end of the
    /// quiet window it falls in (the next time the local clock in `timeZone` shows `endMinute`). Works across
    /// midnight and daylight-saving changes; an end time skipped by a spring-forward gap becomes the first
    /// local time after the gap.
    public func nextAllowed(after date: Date, timeZone: TimeZone, severity: Severity) -> Date? {
        if severity == .critical && !holdCritical { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let local = calendar.dateComponents([.hour, .minute], from: date)
        guard let hour = local.hour, let minute = local.minute, contains(minute: hour * 60 + minute) else {
            return nil
        }
        let end = Self.normalised(endMinute)
        return calendar.nextDate(
            after: date, matching: DateComponents(hour: end / 60, minute: end % 60, second: 0),
            matchingPolicy: .nextTime)
    }

    private static func normalised(_ minute: Int) -> Int { ((minute % 1440) + 1440) % 1440 }
}
