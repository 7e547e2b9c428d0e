import Foundation

/// The `{{name}}` templates of rule messages: which names a template reads, and filling it from facts.
///
/// A name is a catalogue metric / attribute / date of the rule's scope or a condition fact (`tickets.change`).
/// Values print by their unit (`FactValue.description`). A template with a name that has no value fills to nil,
/// so the caller drops that line ("Expected close date was {{deal.days_past_expected_close}} days ago" only
/// appears once the date has passed).
public enum MessageTemplate {
    /// Names used in `template`, in order of appearance, without duplicates. Whitespace inside braces is ignored.
    public static func variables(in template: String) -> [String] {
        var names: [String] = []
        var rest = template[...]
        while let open = rest.range(of: "{{") {
            guard let close = rest[open.upperBound...].range(of: "}}") else { break }
            let name = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            if !name.isEmpty, !names.contains(name) { names.append(name) }
            rest = rest[close.upperBound...]
        }
        return names
    }

    /// Unclosed `{{` or an empty `{{}}`, as a sentence; nil when the template is well formed.
    public static func syntaxError(in template: String) -> String? {
        var rest = template[...]
        while let open = rest.range(of: "{{") {
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                return "'{{' without a closing '}}'"
            }
            if rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces).isEmpty {
                return "empty '{{}}'"
            }
            rest = rest[close.upperBound...]
        }
        return nil
    }

    /// `template` with every `{{name}}` replaced by `facts[name]`; nil when any name has no value.
    public static func fill(_ template: String, facts: [String: FactValue]) -> String? {
        var out = ""
        var rest = template[...]
        while let open = rest.range(of: "{{") {
            guard let close = rest[open.upperBound...].range(of: "}}") else { break }
            out += rest[..<open.lowerBound]
            let name = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            guard let value = facts[name] else { return nil }
            out += value.description
            rest = rest[close.upperBound...]
        }
        out += rest
        return out
    }
}
