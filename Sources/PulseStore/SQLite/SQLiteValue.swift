import Foundation
import GRDB
import PulseCore

/// Conversions between model values and the column encodings of the SQLite store.
///
/// Dates are whole Unix seconds (UTC, rounded down); string lists are JSON arrays of strings.
enum SQLiteValue {
    /// Whole Unix seconds of a date, rounded towards the past.
    @inline(__always)
    static func seconds(_ date: Date) -> Int64 {
        Int64(date.timeIntervalSince1970.rounded(.down))
    }

    /// The date stored in a column of Unix seconds.
    @inline(__always)
    static func date(seconds: Int64?) -> Date? {
        guard let seconds else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// A JSON array of strings, written by hand because it runs once per activity on the ingest hot path.
    static func jsonList(_ values: [String]) -> String {
        if values.isEmpty { return "[]" }
        return "[" + values.map(EventEncoder.quoted).joined(separator: ",") + "]"
    }

    /// Decodes a JSON array of strings written by `jsonList`.
    static func list(json: String, table: String, column: String) throws -> [String] {
        if json == "[]" { return [] }
        do {
            return try JSONDecoder().decode([String].self, from: Data(json.utf8))
        } catch {
            throw StoreError.corruptValue(json, table: table, column: column)
        }
    }

    /// Decodes an enum stored as its raw text, or throws an error naming the table and column.
    static func enumValue<E: RawRepresentable>(
        _ raw: String, as type: E.Type, table: String, column: String
    ) throws -> E where E.RawValue == String {
        guard let value = E(rawValue: raw) else { throw StoreError.corruptValue(raw, table: table, column: column) }
        return value
    }

    /// Decodes an optional enum stored as its raw text.
    static func optionalEnumValue<E: RawRepresentable>(
        _ raw: String?, as type: E.Type, table: String, column: String
    ) throws -> E? where E.RawValue == String {
        guard let raw else { return nil }
        return try enumValue(raw, as: type, table: table, column: column)
    }
}
