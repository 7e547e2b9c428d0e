import ArgumentParser
import Foundation
import PulseEngine

/// `pulse rules check [DIR]`: validates the built-in pack and DIR, printing each problem with its place and fix.
struct RulesCheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate rule files; print every error with file, line, column and how to fix it.",
        discussion: "Exits with status 1 when any rule has an error (warnings alone leave it 0)."
    )

    @Argument(help: ArgumentHelp("Rules directory (default: $PULSE_RULES_DIR).", valueName: "dir"))
    var directory: String?

    @Flag(inversion: .prefixedNo, help: "Include the built-in rule pack.")
    var builtin = true

    func run() async throws {
        let dir = RulesCommand.directory(directory)
        let set = RuleLoader.load(directory: dir, includeBuiltIn: builtin)
        print(Self.render(set, directory: dir?.relativePath), terminator: "")
        if set.hasErrors { throw ExitCode(1) }
    }

    /// The report: each problem with a caret excerpt, each override, then the summary line.
    static func render(_ set: RuleSet, directory: String?) -> String {
        var out = ""
        for error in set.errors {
            out += error.description + "\n"
            if let excerpt = error.caretExcerpt { out += excerpt + "\n" }
        }
        for override in set.overrides {
            out += "\(override.by): rule '\(override.id)' replaces the built-in one from \(override.replaced)\n"
        }
        let failures = set.errors.filter { !$0.isWarning }
        let warnings = set.errors.count - failures.count
        var summary = "\(count(set.rules.count, "rule")) loaded (\(set.builtInCount) built-in"
        summary += directory.map { ", \(set.userCount) from \($0))" } ?? ")"
        summary += ", \(count(failures.count, "error")) in \(count(Set(failures.map(\.file)).count, "file"))"
        if warnings > 0 { summary += ", \(count(warnings, "warning"))" }
        return out + summary + "\n"
    }

    private static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
}
