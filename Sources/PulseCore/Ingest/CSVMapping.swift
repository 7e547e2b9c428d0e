/// A CSV column mapping (loaded from YAML by the `pulse` tool): which entity a file holds and how each
/// field is read from its columns. docs/mappings.md documents the format.
public struct CSVMapping: Codable, Hashable, Sendable {
    public var name: String
    public var description: String?
    /// The kind of record each row becomes; nil only for `skip` mappings.
    public var entity: EntityKind?
    /// Set for files that are recognised but hold no records (e.g. a data dictionary): the notice to show.
    public var skip: String?
    /// Field separator: `,` (default), `;`, `tab` or `|`.
    public var delimiter: String?
    /// Header columns that identify this export when no mapping is named; default: every column it reads.
    public var match: [String]?
    /// Target field (Swift property name of the entity) → how to read it.
    public var fields: [String: FieldMapping]
    /// Deals: stage-history entries dated by a column, e.g. `{stage: Qualified, column: engage_date}`.
    public var stageHistory: [StageDateMapping]?
    /// More records made from the same row (e.g. each agent's manager as a rep of role manager).
    public var also: [DerivedMapping]?

    public init(
        name: String, description: String? = nil, entity: EntityKind?, skip: String? = nil, delimiter: String? = nil,
        match: [String]? = nil, fields: [String: FieldMapping], stageHistory: [StageDateMapping]? = nil,
        also: [DerivedMapping]? = nil
    ) {
        self.name = name
        self.description = description
        self.entity = entity
        self.skip = skip
        self.delimiter = delimiter
        self.match = match
        self.fields = fields
        self.stageHistory = stageHistory
        self.also = also
    }

    /// The delimiter byte (`,` unless the mapping says otherwise).
    public var delimiterByte: UInt8 {
        get throws(MappingError) { try Self.delimiterByte(delimiter, mapping: name) }
    }

    static func delimiterByte(_ text: String?, mapping: String) throws(MappingError) -> UInt8 {
        switch text {
        case nil, ",": return UInt8(ascii: ",")
        case ";": return UInt8(ascii: ";")
        case "tab", "\t", "\\t": return 0x09
        case "|": return UInt8(ascii: "|")
        case let other?:
            throw MappingError(
                code: "bad_delimiter",
                message: "mapping '\(mapping)': delimiter '\(other)' is not supported; use ',', ';', 'tab' or '|'")
        }
    }

    /// Every column the mapping reads (fields, stage history, derived records).
    public var columns: [String] {
        var result: [String] = []
        func add(_ column: String) { if !result.contains(column) { result.append(column) } }
        for key in fields.keys.sorted() { fields[key]!.columns.forEach(add) }
        for entry in stageHistory ?? [] { add(entry.column) }
        for derived in also ?? [] {
            for key in derived.fields.keys.sorted() { derived.fields[key]!.columns.forEach(add) }
        }
        return result
    }

    /// The columns a header must have for this mapping to be chosen automatically.
    public var matchColumns: [String] { match ?? columns }
}

/// A stage-history entry of a deal dated by a column (empty column: no entry).
public struct StageDateMapping: Codable, Hashable, Sendable {
    public var stage: String
    public var column: String
    public var format: String?

    public init(stage: String, column: String, format: String? = nil) {
        self.stage = stage
        self.column = column
        self.format = format
    }
}

/// A second record built from the same row, e.g. a manager rep from a sales-team row.
///
/// Derived records that repeat (every agent names the same manager) are merged silently, not counted as duplicates.
public struct DerivedMapping: Codable, Hashable, Sendable {
    public var entity: EntityKind
    public var fields: [String: FieldMapping]

    public init(entity: EntityKind, fields: [String: FieldMapping]) {
        self.entity = entity
        self.fields = fields
    }
}
