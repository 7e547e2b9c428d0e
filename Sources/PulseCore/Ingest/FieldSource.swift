import Foundation

/// Named, typed field values of one input record: a JSON payload or a CSV row read through a mapping.
///
/// Every accessor returns nil when the field is absent or empty and throws `FieldError` when the value
/// is there but has the wrong type, so one record builder serves both NDJSON and CSV.
public protocol FieldSource {
    mutating func text(_ field: String) throws(FieldError) -> String?
    mutating func integer(_ field: String) throws(FieldError) -> Int64?
    mutating func number(_ field: String) throws(FieldError) -> Double?
    /// Money in integer cents (JSON: cents as an integer; CSV: units times the mapping's scale).
    mutating func cents(_ field: String) throws(FieldError) -> Int64?
    mutating func date(_ field: String) throws(FieldError) -> Date?
    mutating func flag(_ field: String) throws(FieldError) -> Bool?
    mutating func texts(_ field: String) throws(FieldError) -> [String]?
    mutating func history(_ field: String) throws(FieldError) -> [StageChange]?
    /// The field as the user's input names it, for messages.
    func path(_ field: String) -> String
}

extension FieldSource {
    /// A text field that must be present; a missing id is a critical null, anything else a schema failure.
    mutating func requiredText(_ field: String) throws(FieldError) -> String {
        guard let value = try text(field) else {
            throw FieldError(
                field: path(field), gate: field == "id" ? .criticalNull : .schema, reason: "required field is missing")
        }
        return value
    }

    mutating func requiredDate(_ field: String, default fallback: Date? = nil) throws(FieldError) -> Date {
        guard let value = try date(field) ?? fallback else {
            throw FieldError(field: path(field), gate: .schema, reason: "required date is missing")
        }
        return value
    }

    mutating func int(_ field: String) throws(FieldError) -> Int? {
        guard let value = try integer(field) else { return nil }
        guard let small = Int(exactly: value) else {
            throw FieldError(field: path(field), gate: .schema, reason: "integer \(value) is out of range")
        }
        return small
    }

    mutating func id<Entity>(_ field: String) throws(FieldError) -> Identifier<Entity>? {
        try text(field).map { Identifier($0) }
    }

    /// A value of a closed set (enum raw value), with the allowed values and a suggestion on failure.
    mutating func choice<Choice: RawRepresentable & CaseIterable>(
        _ field: String, _ type: Choice.Type, gate: QualityGate = .schema
    ) throws(FieldError) -> Choice? where Choice.RawValue == String {
        guard let raw = try text(field) else { return nil }
        if let value = Choice(rawValue: raw) ?? Choice(rawValue: raw.lowercased()) { return value }
        let allowed = Choice.allCases.map(\.rawValue)
        var reason = "'\(raw)' is not one of \(allowed.joined(separator: ", "))"
        if let near = NameSuggestion.nearest(to: raw, in: allowed) { reason += "; did you mean '\(near)'?" }
        throw FieldError(field: path(field), gate: gate, reason: reason)
    }
}
