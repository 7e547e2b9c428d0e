import ArgumentParser
import Foundation
import PulseEngine
import Testing

@testable import pulse

/// `pulse rules check|list|catalogue` against rule files in temporary folders.
@Suite struct RulesCommandTests {
    /// A temporary folder holding `files` (name → text); removed by the returned clean-up closure.
    private func folder(_ files: [String: String]) throws -> (path: String, cleanUp: () -> Void) {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("pulse-rules-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (name, text) in files {
            try text.write(to: url.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return (url.path, { try? FileManager.default.removeItem(at: url) })
    }

    private let good = """
        rules:
          - id: quiet-deal
            title: Quiet deal
            category: risk
            scope: deal
            severity: P2
            shadow: true
            when: {no_activity: 14}
        """

    private let bad = """
        rules:
          - id: slow-deal
            title: Slow deal
            scope: deal
            severity: P1
            when: {metric: deal.smii, op: "<", value: 0.07}
        """

    @Test func checkExitsWithStatusOneWhenAnyRuleHasAnError() async throws {
        let dir = try folder(["a.yaml": good, "b.yaml": bad])
        defer { dir.cleanUp() }
        let command = try RulesCheckCommand.parse([dir.path, "--no-builtin"])
        await #expect(throws: ExitCode(1)) { try await command.run() }
    }

    @Test func checkSucceedsOnValidRules() async throws {
        let dir = try folder(["a.yaml": good])
        defer { dir.cleanUp() }
        try await RulesCheckCommand.parse([dir.path, "--no-builtin"]).run()
    }

    @Test func checkPrintsEachErrorWithACaretAndASummary() throws {
        let dir = try folder(["a.yaml": good, "b.yaml": bad])
        defer { dir.cleanUp() }
        let set = RuleLoader.load(directory: URL(fileURLWithPath: dir.path), includeBuiltIn: false)
        let output = RulesCheckCommand.render(set, directory: "rules")
        #expect(
            output == """
                \(dir.path)/b.yaml:6:20: unknown metric 'deal.smii' at rules[0].when.metric — did you mean 'deal.smi'?
                        when: {metric: deal.smii, op: "<", value: 0.07}
                                       ^
                1 rule loaded (0 built-in, 1 from rules), 1 error in 1 file

                """)
    }

    @Test func listShowsScopeSeverityCategoryAndMode() throws {
        let dir = try folder(["a.yaml": good])
        defer { dir.cleanUp() }
        let set = RuleLoader.load(directory: URL(fileURLWithPath: dir.path), includeBuiltIn: false)
        let table = RulesListCommand.table(set.rules)
        #expect(table.hasPrefix("ID          SCOPE  SEVERITY  CATEGORY  MODE    SOURCE\n"))
        #expect(table.contains("quiet-deal  deal   high      risk      shadow  \(dir.path)/a.yaml\n"))
        #expect(RulesListCommand.jsonLines(set.rules).contains("\"id\":\"quiet-deal\""))
    }

    @Test func theDirectoryComesFromTheArgumentThenTheEnvironment() {
        #expect(RulesCommand.directory("x", environment: ["PULSE_RULES_DIR": "y"])?.relativePath == "x")
        #expect(RulesCommand.directory(nil, environment: ["PULSE_RULES_DIR": "y"])?.relativePath == "y")
        #expect(RulesCommand.directory(nil, environment: [:]) == nil)
    }

    @Test func catalogueRejectsAnUnknownScope() throws {
        #expect(throws: (any Error).self) { try RulesCatalogueCommand.parse(["--scope", "planet"]) }
        #expect(try RulesCatalogueCommand.parse(["--scope", "team"]).render().contains("team.calls_this_week"))
    }
}
