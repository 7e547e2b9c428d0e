import Foundation
import GRDB
import GRDBSQLite
import PulseCore

/// The current result row of a stepping statement, read column by column with the SQLite C API.
///
/// The read hot path (a million activity facts, a hundred thousand deals): typed column access without
/// GRDB's per-row `Row` machinery. `row[i]` reads the type the call site expects; NULL reads as nil.
struct SQLiteRow {
    let statement: SQLiteStatement

    @inline(__always)
    subscript<Value: SQLiteColumnValue>(_ index: Int) -> Value {
        Value.read(statement, CInt(index))
    }

    /// The date in column `index`, stored as Unix seconds.
    @inline(__always)
    func date(_ index: Int) -> Date? {
        SQLiteValue.date(seconds: self[index] as Int64?)
    }

    /// The typed identifier in column `index`.
    @inline(__always)
    func id<Entity>(_ index: Int) -> Identifier<Entity>? {
        guard let raw = self[index] as String? else { return nil }
        return Identifier(rawValue: raw)
    }
}

extension SQLiteRow {
    /// Reads a string-backed enum by comparing the column's bytes with each case's raw value, creating no String.
    struct EnumReader<E: RawRepresentable & CaseIterable> where E.RawValue == String {
        private let cases: [(value: E, bytes: [UInt8])]
        private let table: String
        private let column: String

        init(table: String, column: String) {
            cases = E.allCases.map { ($0, Array($0.rawValue.utf8)) }
            self.table = table
            self.column = column
        }

        /// The case stored in column `index`, or a `StoreError` naming the table and column.
        func read(_ row: SQLiteRow, _ index: Int) throws -> E {
            let column = CInt(index)
            let count = Int(sqlite3_column_bytes(row.statement, column))
            if let text = sqlite3_column_text(row.statement, column) {
                for candidate in cases where candidate.bytes.count == count {
                    if candidate.bytes.withUnsafeBufferPointer({ memcmp($0.baseAddress!, text, count) == 0 }) {
                        return candidate.value
                    }
                }
            }
            throw StoreError.corruptValue(row[index] as String, table: table, column: self.column)
        }
    }
}
