import Foundation

/// A parsed JSON value; numbers keep their source text so integers never pass through `Double`.
public enum JSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    /// The number exactly as written (already checked against the JSON number grammar).
    case number(String)
    case string(String)
    case array([JSONValue])
    /// Members in source order (keys are few, so a linear scan beats hashing).
    case object([JSONMember])

    /// A short rendering for error messages: strings quoted, long values cut.
    public var rendered: String {
        let text: String
        switch self {
        case .null: text = "null"
        case .bool(let value): text = value ? "true" : "false"
        case .number(let raw): text = raw
        case .string(let value): text = "\"" + value + "\""
        case .array: text = "an array"
        case .object: text = "an object"
        }
        return text.count > 60 ? String(text.prefix(57)) + "…" : text
    }

    /// The member named `key` when this is an object.
    public subscript(_ key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }
}

/// One `"key": value` pair of a JSON object.
public struct JSONMember: Hashable, Sendable {
    public var key: String
    public var value: JSONValue

    public init(key: String, value: JSONValue) {
        self.key = key
        self.value = value
    }
}
