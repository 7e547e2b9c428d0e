import ArgumentParser
import Foundation
import PulseCore
import PulseEngine

/// `pulse rules catalogue`: every metric, attribute, date and measure name a rule may use.
struct RulesCatalogueCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalogue",
        abstract: "List every name a rule may use (metrics, attributes, dates, measures) with scopes and units."
    )

    @Option(help: ArgumentHelp("Only names usable in rules of this scope.", valueName: "scope"))
    var scope: String?

    @Flag(help: "Print the Markdown table docs/rules.md embeds.")
    var markdown = false

    func validate() throws {
        if let scope, RuleScope(rawValue: scope) == nil {
            let all = RuleScope.allCases.map(\.rawValue).joined(separator: ", ")
            throw ValidationError("--scope '\(scope)' is not a scope; use one of \(all).")
        }
    }

    func run() async throws {
        print(render(), terminator: "")
    }

    /// The catalogue as Markdown or as an aligned table.
    func render() -> String {
        let only = scope.flatMap(RuleScope.init(rawValue:))
        if markdown { return RuleCatalogueTable.markdown(scope: only) }
        let rows =
            [["NAME", "KIND", "SCOPES", "UNIT"]]
            + MetricCatalogue.entries.filter { only == nil || $0.scopes.contains(only!) }.map {
                [$0.name, $0.kind.rawValue, RuleCatalogueTable.scopes($0), RuleCatalogueTable.unit($0)]
            }
        return QuarantineCommand.aligned(rows)
    }
}
