import Foundation
import PulseCore

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
        date.map { UTCCalendar.iso8601(Int64($0.timeIntervalSince1970.rounded(.down))) }
    }

    static func int<T: BinaryInteger>(_ value: T?) -> String? { value.map { String($0) } }
    static func bool(_ value: Bool) -> String { value ? "true" : "false" }
}
