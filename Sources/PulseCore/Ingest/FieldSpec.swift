/// One field an entity accepts: its name (the Swift property name), type and whether it is required.
public struct FieldSpec: Hashable, Sendable {
    public var name: String
    public var type: FieldType
    public var required: Bool
    /// One line on what the field means (docs/events.md says the same).
    public var meaning: String

    public init(_ name: String, _ type: FieldType, required: Bool = false, _ meaning: String) {
        self.name = name
        self.type = type
        self.required = required
        self.meaning = meaning
    }
}

/// The value type of a field, as written in NDJSON payloads and converted from CSV text.
public enum FieldType: Hashable, Sendable, CustomStringConvertible {
    case text, integer, number, cents, date, flag, texts, history
    case choice([String])

    public var description: String {
        switch self {
        case .text: "string"
        case .integer: "integer"
        case .number: "number"
        case .cents: "integer (cents)"
        case .date: "ISO-8601 date"
        case .flag: "boolean"
        case .texts: "array of strings"
        case .history: "array of {stage, enteredAt}"
        case .choice(let values): "one of " + values.joined(separator: ", ")
        }
    }
}
