import Foundation

/// CSV and timestamp formatting for the demo export (RFC 4180 quoting, ISO-8601 UTC times).
enum DemoCSV {
    /// A CSV field: quoted when it holds a comma, quote, or line break; quotes doubled.
    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// One CSV line from optional values (nil is an empty field).
    static func line(_ fields: [String?]) -> String { fields.map { field($0 ?? "") }.joined(separator: ",") }

    /// "2025-06-30T09:15:00Z" (whole seconds, UTC).
    static func timestamp(_ date: Date?) -> String? {
        guard let date else { return nil }
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        var days = seconds / 86_400
        var rest = seconds % 86_400
        if rest < 0 {
            rest += 86_400
            days -= 1
        }
        // Civil-from-days (Howard Hinnant), proleptic Gregorian.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(year)-\(two(month))-\(two(day))T\(two(rest / 3600)):\(two(rest % 3600 / 60)):\(two(rest % 60))Z"
    }

    static func int<T: BinaryInteger>(_ value: T?) -> String? { value.map { String($0) } }
    static func bool(_ value: Bool) -> String { value ? "true" : "false" }
}
