import GRDB
import GRDBSQLite

extension Statement {
    /// Binds every parameter with `bind`, runs the statement to completion, and returns how many rows it changed.
    func run(in db: Database, _ bind: (inout SQLiteBinder) -> Void) throws -> Int {
        let statement = sqliteStatement
        sqlite3_reset(statement)
        var binder = SQLiteBinder(statement)
        bind(&binder)
        precondition(binder.index - 1 == sqlite3_bind_parameter_count(statement), "parameter count of \(sql)")
        let code = sqlite3_step(statement)
        defer { sqlite3_reset(statement) }
        guard code == SQLITE_DONE || code == SQLITE_ROW else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: db.lastErrorMessage, sql: sql)
        }
        return Int(sqlite3_changes(db.sqliteConnection))
    }

    /// Binds the parameters with `bind`, then calls `body` with every result row, in order.
    func forEachRow(in db: Database, bind: (inout SQLiteBinder) -> Void, _ body: (SQLiteRow) throws -> Void) throws {
        let statement = sqliteStatement
        sqlite3_reset(statement)
        var binder = SQLiteBinder(statement)
        bind(&binder)
        precondition(binder.index - 1 == sqlite3_bind_parameter_count(statement), "parameter count of \(sql)")
        defer { sqlite3_reset(statement) }
        let row = SQLiteRow(statement: statement)
        while true {
            switch sqlite3_step(statement) {
            case SQLITE_ROW: try body(row)
            case SQLITE_DONE: return
            case let code:
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: db.lastErrorMessage, sql: sql)
            }
        }
    }
}
