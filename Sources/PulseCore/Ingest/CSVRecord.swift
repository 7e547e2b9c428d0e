/// One record of a CSV file: its fields, the line it starts on, and the raw text for quarantine.
public struct CSVRecord: Hashable, Sendable {
    /// 1-based physical line where the record starts (the header is line 1).
    public var line: Int
    public var fields: [String]
    /// The record's text, cut to a few hundred bytes.
    public var raw: String
    /// Set when the record cannot be read (bad bytes, bad quoting, too long); the fields are then unreliable.
    public var problem: String?

    public init(line: Int, fields: [String], raw: String, problem: String? = nil) {
        self.line = line
        self.fields = fields
        self.raw = raw
        self.problem = problem
    }
}
