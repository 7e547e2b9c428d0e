import Foundation
import GRDB
import GRDBSQLite
import PulseCore

/// Binds model values to the parameters of a prepared statement, left to right, with the SQLite C API.
///
/// The ingest hot path: binding straight from model fields skips building `StatementArguments` and
/// `DatabaseValue`s, the largest Swift cost per row when loading a million rows. Values are still statement
/// parameters, never SQL text.
struct SQLiteBinder {
    private let statement: SQLiteStatement
    /// The 1-based index of the next parameter.
    private(set) var index: CInt = 1

    init(_ statement: SQLiteStatement) {
        self.statement = statement
    }

    mutating func null() {
        sqlite3_bind_null(statement, index)
        index += 1
    }

    mutating func text(_ value: String?) {
        guard var value else { return null() }
        let index = index
        value.withUTF8 { bytes in
            if let base = bytes.baseAddress {
                _ = sqlite3_bind_text(statement, index, base, CInt(bytes.count), sqliteTransient)
            } else {
                _ = sqlite3_bind_text(statement, index, "", 0, sqliteTransient)
            }
        }
        self.index += 1
    }

    mutating func int64(_ value: Int64?) {
        guard let value else { return null() }
        sqlite3_bind_int64(statement, index, value)
        index += 1
    }

    mutating func int(_ value: Int?) {
        int64(value.map(Int64.init))
    }

    mutating func double(_ value: Double?) {
        guard let value else { return null() }
        sqlite3_bind_double(statement, index, value)
        index += 1
    }

    mutating func bool(_ value: Bool) {
        int64(value ? 1 : 0)
    }

    /// A date as whole Unix seconds.
    mutating func date(_ value: Date?) {
        int64(value.map(SQLiteValue.seconds))
    }

    mutating func id<Entity>(_ value: Identifier<Entity>?) {
        text(value?.rawValue)
    }

    /// A string-backed enum as its raw value.
    mutating func raw<E: RawRepresentable>(_ value: E?) where E.RawValue == String {
        text(value?.rawValue)
    }
}

/// SQLite's "copy the bytes now" destructor marker for bound text and blobs.
private let sqliteTransient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
