import GRDB

/// How one entity maps to one table: its columns, how a value becomes column values, and back.
///
/// The first `keyCount` columns are the primary key. SQL text is built only from these constant
/// column names; every value travels as a statement argument.
struct SQLiteTable<Record: Sendable>: Sendable {
    let name: String
    let columns: [String]
    /// Number of leading key columns: 2 for (tenant, id), 1 for tenants.
    let keyCount: Int
    /// A column of Unix seconds that orders versions (newest wins), or nil when any differing version replaces.
    let versionColumn: String?
    /// Binds the record's column values in `columns` order.
    let bind: @Sendable (Record, inout SQLiteBinder) -> Void
    /// A value from a row whose columns are in `columns` order.
    let decode: @Sendable (SQLiteRow) throws -> Record

    init(
        name: String, columns: [String], keyCount: Int = 2, versionColumn: String? = nil,
        bind: @escaping @Sendable (Record, inout SQLiteBinder) -> Void,
        decode: @escaping @Sendable (SQLiteRow) throws -> Record
    ) {
        self.name = name
        self.columns = columns
        self.keyCount = keyCount
        self.versionColumn = versionColumn
        self.bind = bind
        self.decode = decode
    }

    /// `INSERT OR IGNORE` with numbered parameters ?1…?n in column order.
    var insertSQL: String {
        let placeholders = (1...columns.count).map { "?\($0)" }.joined(separator: ", ")
        return "INSERT OR IGNORE INTO \(name) (\(columns.joined(separator: ", "))) VALUES (\(placeholders))"
    }

    /// Rows per multi-row insert: as many as fit in 900 parameters (SQLite's historic limit is 999), at most 64.
    var rowsPerInsert: Int { max(1, min(64, 900 / columns.count)) }

    /// `INSERT OR IGNORE` of `rows` rows at once, parameters in row-major column order.
    func insertSQL(rows: Int) -> String {
        let row = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
        let values = Array(repeating: row, count: rows).joined(separator: ", ")
        return "INSERT OR IGNORE INTO \(name) (\(columns.joined(separator: ", "))) VALUES \(values)"
    }

    /// `UPDATE` of the non-key columns that changes the row only when some column differs and,
    /// with a version column, only when the incoming version is newer or equal (or either is unknown).
    /// Takes the same arguments as `insertSQL`.
    var updateSQL: String {
        let numbered = columns.enumerated().map { (name: $0.element, parameter: "?\($0.offset + 1)") }
        let keys = numbered.prefix(keyCount).map { "\($0.name) = \($0.parameter)" }.joined(separator: " AND ")
        let values = numbered.dropFirst(keyCount)
        let assignments = values.map { "\($0.name) = \($0.parameter)" }.joined(separator: ", ")
        let differs = values.map { "\($0.name) IS NOT \($0.parameter)" }.joined(separator: " OR ")
        var sql = "UPDATE \(name) SET \(assignments) WHERE \(keys) AND (\(differs))"
        if let versionColumn, let version = numbered.first(where: { $0.name == versionColumn }) {
            let p = version.parameter
            sql += " AND (\(p) IS NULL OR \(versionColumn) IS NULL OR \(p) >= \(versionColumn))"
        }
        return sql
    }

    /// `SELECT` of every column in order, followed by `suffix` (a WHERE / ORDER BY clause with placeholders).
    func selectSQL(_ suffix: String) -> String {
        "SELECT \(columns.joined(separator: ", ")) FROM \(name) \(suffix)"
    }
}
