/// Writes RFC 4180 CSV: fields with a comma, double quote, CR or LF are quoted, quotes doubled, lines end in CRLF.
public enum CSVWriter {
    /// One field, quoted when it has to be.
    public static func field(_ value: String) -> String {
        let needsQuotes = value.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }
        guard needsQuotes else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// One record: fields joined by commas, ending in CRLF.
    public static func line(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }

    /// A header line and the rows.
    public static func write(columns: [String], rows: [[String]]) -> String {
        var out = line(columns)
        for row in rows { out += line(row) }
        return out
    }
}
