import ArgumentParser
import Foundation
import PulseCore

/// Parsing and validation of `pulse demo`'s scale options.
enum DemoOptions {
    /// Largest accepted `--leads` (10 million leads is ≈ 100 million pipeline items).
    static let maxLeads = 10_000_000
    static let maxAccounts = 1_000_000

    /// Midnight UTC of a "YYYY-MM-DD" date, or nil when the text is not a real calendar date in that form.
    static func parseDay(_ text: String) -> Date? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year)
        else { return nil }
        // Days from civil (Howard Hinnant).
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        return Date(timeIntervalSince1970: TimeInterval(days) * 86_400)
    }

    /// Midnight UTC of the day holding `date`.
    static func startOfDay(_ date: Date) -> Date {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        return Date(timeIntervalSince1970: TimeInterval(Days.floorDiv(seconds, Days.seconds) * Days.seconds))
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Throws a `ValidationError` with a sentence when a scale option is out of range.
    static func validate(leads: Int, accounts: Int, now: String?) throws {
        guard (1...maxLeads).contains(leads) else {
            throw ValidationError("--leads must be between 1 and \(maxLeads), got \(leads).")
        }
        guard (0...maxAccounts).contains(accounts) else {
            throw ValidationError("--accounts must be between 0 and \(maxAccounts), got \(accounts).")
        }
        if let now, parseDay(now) == nil {
            throw ValidationError("--now must be a date written YYYY-MM-DD (e.g. 2025-06-30), got '\(now)'.")
        }
    }
}

extension DemoOptions {
    /// "2025-06-30" for a date (UTC).
    static func dayText(_ date: Date) -> String { String(DemoCSV.timestamp(date)?.prefix(10) ?? "") }
}
