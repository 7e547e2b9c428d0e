import Foundation

/// A `FieldSource` over a JSON object (an event payload); remembers which keys were read.
public struct JSONFields: FieldSource {
    private let members: [JSONMember]
    private var used: [Bool]
    /// Prefix for field paths in messages, e.g. "payload.".
    public let prefix: String

    public init(_ members: [JSONMember], prefix: String = "payload.") {
        self.members = members
        self.used = Array(repeating: false, count: members.count)
        self.prefix = prefix
    }

    public func path(_ field: String) -> String { prefix + field }

    /// Keys present in the object that no accessor asked for (typos, unknown fields).
    public var unusedKeys: [String] { members.indices.filter { !used[$0] }.map { members[$0].key } }

    private mutating func value(_ field: String) -> JSONValue? {
        for index in members.indices where members[index].key == field {
            used[index] = true
            if case .null = members[index].value { return nil }
            return members[index].value
        }
        return nil
    }

    private func mismatch(_ field: String, _ expected: String, _ found: JSONValue) -> FieldError {
        FieldError(field: path(field), gate: .schema, reason: "expected \(expected), found \(found.rendered)")
    }

    public mutating func text(_ field: String) throws(FieldError) -> String? {
        guard let found = value(field) else { return nil }
        guard case .string(let text) = found else { throw mismatch(field, "a string", found) }
        return text.isEmpty ? nil : text
    }

    public mutating func integer(_ field: String) throws(FieldError) -> Int64? {
        guard let found = value(field) else { return nil }
        guard case .number(let raw) = found, let value = Self.integerValue(raw) else {
            throw mismatch(field, "an integer", found)
        }
        return value
    }

    public mutating func number(_ field: String) throws(FieldError) -> Double? {
        guard let found = value(field) else { return nil }
        guard case .number(let raw) = found, let value = Double(raw), value.isFinite else {
            throw mismatch(field, "a number", found)
        }
        return value
    }

    public mutating func cents(_ field: String) throws(FieldError) -> Int64? {
        guard let found = value(field) else { return nil }
        guard case .number(let raw) = found, let value = Self.integerValue(raw) else {
            throw mismatch(field, "an integer number of cents", found)
        }
        return value
    }

    public mutating func date(_ field: String) throws(FieldError) -> Date? {
        guard let found = value(field) else { return nil }
        guard case .string(let text) = found else { throw mismatch(field, "an ISO-8601 date string", found) }
        if text.isEmpty { return nil }
        guard let date = ISODate.parse(text) else {
            throw FieldError(field: path(field), gate: .dateLogic, reason: ISODate.problem(with: text))
        }
        return date
    }

    public mutating func flag(_ field: String) throws(FieldError) -> Bool? {
        guard let found = value(field) else { return nil }
        guard case .bool(let flag) = found else { throw mismatch(field, "true or false", found) }
        return flag
    }

    public mutating func texts(_ field: String) throws(FieldError) -> [String]? {
        guard let found = value(field) else { return nil }
        guard case .array(let elements) = found else { throw mismatch(field, "an array of strings", found) }
        var result: [String] = []
        for (index, element) in elements.enumerated() {
            guard case .string(let text) = element else {
                throw FieldError(
                    field: path(field) + "[\(index)]", gate: .schema,
                    reason: "expected a string, found \(element.rendered)")
            }
            result.append(text)
        }
        return result
    }

    public mutating func history(_ field: String) throws(FieldError) -> [StageChange]? {
        guard let found = value(field) else { return nil }
        guard case .array(let elements) = found else {
            throw mismatch(field, "an array of {\"stage\", \"enteredAt\"} objects", found)
        }
        var result: [StageChange] = []
        for (index, element) in elements.enumerated() {
            guard case .object(let members) = element else {
                throw FieldError(
                    field: path(field) + "[\(index)]", gate: .schema,
                    reason: "expected an object {\"stage\", \"enteredAt\"}, found \(element.rendered)")
            }
            var inner = JSONFields(members, prefix: path(field) + "[\(index)].")
            let stage = try inner.requiredText("stage")
            let enteredAt = try inner.requiredDate("enteredAt")
            if let extra = inner.unusedKeys.first {
                throw FieldError(
                    field: inner.path(extra), gate: .schema, reason: "unknown field; a stage entry has stage, enteredAt"
                )
            }
            result.append(StageChange(stage: stage, enteredAt: enteredAt))
        }
        return result
    }

    /// An integer from JSON number text; `4.0` counts, `4.5` and out-of-range values do not.
    static func integerValue(_ raw: String) -> Int64? {
        if let value = Int64(raw) { return value }
        guard let double = Double(raw), double.rounded() == double, abs(double) < 9.0e15 else { return nil }
        return Int64(double)
    }
}
