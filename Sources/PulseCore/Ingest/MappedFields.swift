import Foundation

/// A `FieldSource` over one CSV row read through a compiled mapping.
struct MappedFields: FieldSource {
    let fields: [String: CompiledMapping.Field]
    let row: [String]

    func path(_ field: String) -> String { fields[field]?.label ?? field }

    /// The mapped text of a field: column / template / constant, translated, defaulted; nil when empty.
    private func raw(_ name: String) -> (String, CompiledMapping.Field)? {
        guard let field = fields[name] else { return nil }
        var text: String?
        if let column = field.column {
            text = row[column].trimmedBlanks
        } else if let pieces = field.template {
            var result = ""
            var complete = true
            for piece in pieces {
                switch piece {
                case .literal(let literal): result += literal
                case .column(let index, let transform):
                    let value = row[index].trimmedBlanks
                    if value.isEmpty { complete = false } else { result += Template.apply(transform, to: value) }
                }
            }
            text = complete ? result : nil
        } else {
            text = field.spec.value
        }
        if let current = text, let translated = field.spec.values?[current] { text = translated }
        if text?.isEmpty ?? true { text = field.spec.default }
        guard let text, !text.isEmpty else { return nil }
        return (text, field)
    }

    private func mismatch(_ field: CompiledMapping.Field, _ expected: String, _ text: String) -> FieldError {
        FieldError(field: field.label, gate: .schema, reason: "expected \(expected), found '\(text)'")
    }

    mutating func text(_ name: String) throws(FieldError) -> String? { raw(name)?.0 }

    mutating func integer(_ name: String) throws(FieldError) -> Int64? {
        guard let (text, field) = raw(name) else { return nil }
        guard let value = DecimalText(text)?.integer else { throw mismatch(field, "an integer", text) }
        return value
    }

    mutating func number(_ name: String) throws(FieldError) -> Double? {
        guard let (text, field) = raw(name) else { return nil }
        guard DecimalText(text) != nil, let value = Double(text) else { throw mismatch(field, "a number", text) }
        return value
    }

    mutating func cents(_ name: String) throws(FieldError) -> Int64? {
        guard let (text, field) = raw(name) else { return nil }
        let cleaned = text.hasPrefix("$") ? String(text.dropFirst()) : text
        guard let decimal = DecimalText(cleaned) else { throw mismatch(field, "an amount like 1234.56", text) }
        guard let cents = decimal.cents(scale: field.scale) else {
            throw FieldError(field: field.label, gate: .schema, reason: "amount '\(text)' is too large")
        }
        return cents
    }

    mutating func date(_ name: String) throws(FieldError) -> Date? {
        guard let (text, field) = raw(name) else { return nil }
        return try Self.parseDate(text, pattern: field.pattern, label: field.label)
    }

    static func parseDate(_ text: String, pattern: DatePattern, label: String) throws(FieldError) -> Date {
        if let date = pattern.parse(text) { return date }
        let reason: String
        if pattern == .iso8601 {
            reason = ISODate.problem(with: text) + " (or set format: in the mapping)"
        } else if ISODate.looksAmbiguous(text) {
            reason = "'\(text)' does not match the format \(pattern) (day/month order is ambiguous)"
        } else {
            reason = "'\(text)' does not match the format \(pattern)"
        }
        throw FieldError(field: label, gate: .dateLogic, reason: reason)
    }

    mutating func flag(_ name: String) throws(FieldError) -> Bool? {
        guard let (text, field) = raw(name) else { return nil }
        switch text.lowercased() {
        case "true", "t", "yes", "y", "1": return true
        case "false", "f", "no", "n", "0": return false
        default: throw mismatch(field, "True or False", text)
        }
    }

    mutating func texts(_ name: String) throws(FieldError) -> [String]? {
        guard let (text, field) = raw(name) else { return nil }
        let separator = field.spec.separator ?? ";"
        return text.split(separator: separator).map(\.trimmedBlanks).filter { !$0.isEmpty }
    }

    mutating func history(_ name: String) throws(FieldError) -> [StageChange]? { nil }
}
