/// `{column}` / `{column|slug}` placeholders in id templates such as `rep-{sales_agent|slug}`.
public enum Template {
    /// A placeholder: the column and an optional transform (slug, lower, upper, trim).
    public struct Placeholder: Hashable, Sendable {
        public var column: String
        public var transform: String?
    }

    /// A piece of a template: literal text or a placeholder.
    enum Piece: Hashable, Sendable {
        case literal(String)
        case placeholder(Placeholder)
    }

    static let transforms: Set<String> = ["slug", "lower", "upper", "trim"]

    static func pieces(of template: String) -> [Piece] {
        var pieces: [Piece] = []
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            if open > rest.startIndex { pieces.append(.literal(String(rest[rest.startIndex..<open]))) }
            let inside = rest[rest.index(after: open)..<close]
            let parts = inside.split(separator: "|", maxSplits: 1).map { $0.trimmedBlanks }
            pieces.append(
                .placeholder(Placeholder(column: parts.first ?? "", transform: parts.count > 1 ? parts[1] : nil)))
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { pieces.append(.literal(String(rest))) }
        return pieces
    }

    /// The placeholders of a template, in order.
    public static func placeholders(in template: String) -> [Placeholder] {
        pieces(of: template).compactMap { if case .placeholder(let placeholder) = $0 { placeholder } else { nil } }
    }

    /// Lower-case ASCII letters and digits joined by single dashes: "Moses Frase" → "moses-frase".
    public static func slug(_ text: String) -> String {
        var result = ""
        var pendingDash = false
        for scalar in text.unicodeScalars {
            let isAlphanumeric =
                (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9")
                || (scalar >= "A" && scalar <= "Z")
            if isAlphanumeric {
                if pendingDash && !result.isEmpty { result += "-" }
                pendingDash = false
                result.unicodeScalars.append(scalar.properties.lowercaseMapping.unicodeScalars.first ?? scalar)
            } else if scalar.value > 0x7F {
                if pendingDash && !result.isEmpty { result += "-" }
                pendingDash = false
                result += String(scalar).lowercased()
            } else {
                pendingDash = true
            }
        }
        return result
    }

    static func apply(_ transform: String?, to text: String) -> String {
        switch transform {
        case "slug": slug(text)
        case "lower": text.lowercased()
        case "upper": text.uppercased()
        default: text
        }
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    var trimmedBlanks: String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(scalars)
    }
}
