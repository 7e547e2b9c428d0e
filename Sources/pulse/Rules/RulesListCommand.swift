import ArgumentParser
import Foundation
import PulseCore
import PulseEngine

/// `pulse rules list [DIR]`: the loaded rules with scope, severity, category, mode and source.
struct RulesListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the loaded rules: id, scope, severity, category, enabled/shadow, source.",
        discussion: "Rules with errors are not loaded and not listed; `pulse rules check` says why."
    )

    @Argument(help: ArgumentHelp("Rules directory (default: $PULSE_RULES_DIR).", valueName: "dir"))
    var directory: String?

    @Flag(inversion: .prefixedNo, help: "Include the built-in rule pack.")
    var builtin = true

    @Flag(help: "Print one JSON object per line instead of a table.")
    var json = false

    func run() async throws {
        let set = RuleLoader.load(directory: RulesCommand.directory(directory), includeBuiltIn: builtin)
        print(json ? Self.jsonLines(set.rules) : Self.table(set.rules), terminator: "")
        let failures = set.errors.count { !$0.isWarning }
        if failures > 0 {
            FileHandle.standardError.write(
                Data("\(failures) error(s) kept rules out of this list; run `pulse rules check` for details.\n".utf8))
        }
    }

    /// Whether the rule notifies: enabled, shadow (records only) or disabled.
    static func mode(_ rule: Rule) -> String { !rule.enabled ? "disabled" : rule.shadow ? "shadow" : "enabled" }

    /// The rules as an aligned table, in load order.
    static func table(_ rules: [Rule]) -> String {
        guard !rules.isEmpty else { return "No rules loaded.\n" }
        let rows =
            [["ID", "SCOPE", "SEVERITY", "CATEGORY", "MODE", "SOURCE"]]
            + rules.map {
                [
                    $0.id, $0.scope.rawValue, $0.severity.rawValue, $0.category.isEmpty ? "-" : $0.category, mode($0),
                    $0.source,
                ]
            }
        return QuarantineCommand.aligned(rows)
    }

    /// One JSON object per line with the listed fields plus title.
    static func jsonLines(_ rules: [Rule]) -> String {
        struct Row: Encodable {
            var id, title, scope, severity, category, source: String
            var enabled, shadow: Bool
        }
        return QuarantineCommand.jsonLines(
            rules.map {
                Row(
                    id: $0.id, title: $0.title, scope: $0.scope.rawValue, severity: $0.severity.rawValue,
                    category: $0.category, source: $0.source, enabled: $0.enabled, shadow: $0.shadow)
            })
    }
}
