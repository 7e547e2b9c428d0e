import GRDB
import GRDBSQLite

/// A Swift type read straight from a result column.
protocol SQLiteColumnValue {
    static func read(_ statement: SQLiteStatement, _ index: CInt) -> Self
}

extension String: SQLiteColumnValue {
    @inline(__always)
    static func read(_ statement: SQLiteStatement, _ index: CInt) -> String {
        guard let text = sqlite3_column_text(statement, index) else { return "" }
        let count = Int(sqlite3_column_bytes(statement, index))
        return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
    }
}

extension Int64: SQLiteColumnValue {
    @inline(__always)
    static func read(_ statement: SQLiteStatement, _ index: CInt) -> Int64 {
        sqlite3_column_int64(statement, index)
    }
}

extension Int: SQLiteColumnValue {
    @inline(__always)
    static func read(_ statement: SQLiteStatement, _ index: CInt) -> Int {
        Int(sqlite3_column_int64(statement, index))
    }
}

extension Double: SQLiteColumnValue {
    @inline(__always)
    static func read(_ statement: SQLiteStatement, _ index: CInt) -> Double {
        sqlite3_column_double(statement, index)
    }
}

extension Bool: SQLiteColumnValue {
    @inline(__always)
    static func read(_ statement: SQLiteStatement, _ index: CInt) -> Bool {
        sqlite3_column_int64(statement, index) != 0
    }
}

extension Optional: SQLiteColumnValue where Wrapped: SQLiteColumnValue {
    @inline(__always)
    static func read(_ statement: SQLiteStatement, _ index: CInt) -> Wrapped? {
        sqlite3_column_type(statement, index) == SQLITE_NULL ? nil : Wrapped.read(statement, index)
    }
}
