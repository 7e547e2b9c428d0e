import ArgumentParser
import Foundation

/// `pulse rules`: the rule files' check, listing and catalogue.
struct RulesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Check and list alert rules (built-in pack plus a rules directory).",
        discussion: "The rules directory is DIR when given, else $PULSE_RULES_DIR, else none (built-in pack only). "
            + "The rule language is documented in docs/rules.md.",
        subcommands: [
            RulesCheckCommand.self, RulesListCommand.self, RulesStatsCommand.self, RulesCatalogueCommand.self,
        ]
    )

    /// The rules directory: the argument, else `$PULSE_RULES_DIR`, else nil.
    static func directory(_ argument: String?, environment: [String: String] = ProcessInfo.processInfo.environment)
        -> URL?
    {
        if let argument, !argument.isEmpty { return URL(fileURLWithPath: argument) }
        if let variable = environment["PULSE_RULES_DIR"], !variable.isEmpty { return URL(fileURLWithPath: variable) }
        return nil
    }
}
