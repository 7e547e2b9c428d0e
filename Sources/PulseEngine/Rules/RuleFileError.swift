import Foundation

/// A problem in a rule file, located by file, line, column and field path, with a sentence and a fix hint.
/// Errors keep the offending rule out of the loaded set; warnings (`isWarning`) leave it loaded.
public struct RuleFileError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of problem it is; stable names for tests and tooling.
    public enum Code: String, Hashable, Sendable, CaseIterable {
        /// The file could not be read, or the rules directory does not exist.
        case unreadableFile = "unreadable_file"
        /// YAML syntax error reported by the parser (Yams / libyaml), or a duplicated key in a mapping.
        case yamlSyntax = "yaml_syntax"
        /// A required key (id, title, scope, severity, when, a condition's op / value / window …) is missing.
        case missingKey = "missing_key"
        /// A key the format does not know; the hint names the nearest allowed key.
        case unknownKey = "unknown_key"
        /// A value of the wrong type: text where a number is needed, a scalar where a list is needed …
        case wrongType = "wrong_type"
        /// A metric, measure, attribute or date name not in `MetricCatalogue`.
        case unknownName = "unknown_name"
        /// A catalogue name used as the wrong kind (an attribute in `metric:`).
        case wrongKind = "wrong_kind"
        /// A catalogue name that exists but not for the rule's scope.
        case wrongScope = "wrong_scope"
        /// A window or duration that does not parse, is not positive, or is too long or too short.
        case badWindow = "bad_window"
        /// A severity word outside `Severity.vocabulary`.
        case unknownSeverity = "unknown_severity"
        /// A recipient outside `RecipientRole`.
        case unknownRecipient = "unknown_recipient"
        /// An operator other than `<, <=, >, >=, ==, !=`.
        case unknownOperator = "unknown_operator"
        /// A scope, change mode or condition kind the format does not know.
        case unknownValue = "unknown_value"
        /// A `kinds:` / `roles:` value the condition or measure does not accept.
        case unknownKind = "unknown_kind"
        /// `count:` of a scope that is not a child of the rule's scope.
        case badCountScope = "bad_count_scope"
        /// `segment_by` on a non-segment rule, missing on a segment rule, or naming an unknown dimension.
        case badSegment = "bad_segment"
        /// A rule id that is not lower-case words joined by `-`.
        case badID = "bad_id"
        /// The same rule id (or named condition) twice.
        case duplicateID = "duplicate_id"
        /// `ref:` naming a condition no loaded file defines.
        case unknownReference = "unknown_reference"
        /// `ref:` chains that loop back on themselves.
        case cyclicReference = "cyclic_reference"
        /// `inhibits:` naming a rule no loaded file defines (warning; the rule still loads).
        case unknownInhibitedRule = "unknown_inhibited_rule"
        /// A message template with an unclosed `{{` or an empty `{{}}`.
        case templateSyntax = "template_syntax"
        /// A message template variable no condition or catalogue entry of the rule's scope provides.
        case unknownTemplateVariable = "unknown_template_variable"
    }

    public var code: Code
    /// The file as named in messages: a path, or `builtin:<file>` for the built-in pack.
    public var file: String
    /// 1-based line; 0 when the problem is the file as a whole.
    public var line: Int
    /// 1-based column; 0 when unknown.
    public var column: Int
    /// Field path inside the file, e.g. `rules[2].when.all[1].metric`; empty for file-level problems.
    public var path: String
    /// What is wrong, as a sentence fragment ("unknown metric 'deal.smii'").
    public var message: String
    /// How to fix it ("did you mean 'deal.smi'?"); empty when there is nothing more to say.
    public var hint: String
    /// True for problems that leave the rule loaded (an `inhibits` entry naming an unknown rule).
    public var isWarning: Bool
    /// The text of the offending line, for a caret excerpt; nil when unknown.
    public var lineText: String?

    public init(
        code: Code, file: String, line: Int, column: Int, path: String, message: String, hint: String = "",
        isWarning: Bool = false, lineText: String? = nil
    ) {
        self.code = code
        self.file = file
        self.line = line
        self.column = column
        self.path = path
        self.message = message
        self.hint = hint
        self.isWarning = isWarning
        self.lineText = lineText
    }

    /// `rules/team.yaml:12:9: unknown metric 'deal.smii' at rules[0].when.metric — did you mean 'deal.smi'?`
    public var description: String {
        var location = file
        if line > 0 { location += ":\(line)" + (column > 0 ? ":\(column)" : "") }
        var text = location + ": " + (isWarning ? "warning: " : "") + message
        if !path.isEmpty { text += " at \(path)" }
        if !hint.isEmpty { text += " — \(hint)" }
        return text
    }

    /// The offending line with a caret under the column, two lines; nil when the line is unknown or blank.
    public var caretExcerpt: String? {
        guard let lineText, line > 0, !lineText.allSatisfy(\.isWhitespace) else { return nil }
        let pad = String(repeating: " ", count: max(0, column - 1))
        return "    \(lineText)\n    \(pad)^"
    }
}
