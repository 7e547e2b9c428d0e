/// A report as a table of strings (column names and rows), what CSV export and text output write.
public struct ReportTable: Hashable, Sendable, Codable {
    public var columns: [String]
    public var rows: [[String]]

    public init(columns: [String], rows: [[String]] = []) {
        self.columns = columns
        self.rows = rows
    }

    /// The table as RFC 4180 CSV (header line first).
    public var csv: String { CSVWriter.write(columns: columns, rows: rows) }
}
