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
}
