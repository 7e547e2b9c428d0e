import Foundation
import PulseCore
import Testing

@testable import PulseEngine

/// Loading several files: shared named conditions, ref cycles, duplicate ids, built-in overrides, inhibits.
@Suite struct RuleSetLoadingTests {
    private func rule(_ id: String, scope: String = "deal", when: String, extra: String = "") -> String {
        """
          - id: \(id)
            title: \(id)
            scope: \(scope)
            severity: medium
        \(extra)    when: \(when)

        """
    }

    @Test func namedConditionsFromAnyFileAreInlined() throws {
        let library = RuleSource(
            name: "a-library.yaml",
            text: """
                conditions:
                  open-deal: {attribute: deal.status, in: [open]}
                  quiet-open-deal: {all: [{ref: open-deal}, {no_activity: 14}]}
                """)
        let rules = RuleSource(name: "b-rules.yaml", text: "rules:\n" + rule("quiet", when: "{ref: quiet-open-deal}"))
        let set = RuleLoader.load(builtIn: [], user: [library, rules])
        #expect(set.errors.isEmpty, "\(set.errors)")
        #expect(
            try #require(set.rules.first).condition
                == .all([
                    .attribute(AttributeMatch(attribute: "deal.status", values: ["open"])),
                    .noActivity(NoActivity(days: 14)),
                ]))
    }

    @Test func aNamedConditionIsCheckedInTheScopeOfTheRuleUsingIt() {
        let yaml = """
            rules:
            \(rule("deal-rule", when: "{ref: healthy}"))\(rule("account-rule", scope: "account", when: "{ref: healthy}"))
            conditions:
              healthy: {metric: account.health, op: ">", value: 70}
            """
        let result = RuleLoader.parse(yaml, source: "t.yaml")
        #expect(result.rules.map(\.id) == ["account-rule"])
        #expect(result.errors.map(\.code) == [.wrongScope])
        #expect(result.errors.first?.path == "conditions.healthy.metric")
        #expect(result.errors.first?.line == 14)
    }

    @Test func namedConditionsNoRuleUsesAreCheckedToo() throws {
        let yaml = """
            conditions:
              quiet-account: {metric: account.days_since_activity, op: ">", value: 30}
              typo: {metric: account.helth, op: "<", value: 40}
            """
        let errors = RuleLoader.parse(yaml, source: "library.yaml").errors
        #expect(errors.count == 1, "\(errors.map(\.description))")
        let error = try #require(errors.first)
        #expect(error.code == .unknownName && error.path == "conditions.typo.metric" && error.line == 3)
        #expect(error.hint.hasPrefix("did you mean 'account.health' or"))
        #expect(error.hint.hasSuffix("(condition 'typo' is used by no rule; checked in every scope)"))
    }

    @Test func cyclicReferencesAreErrorsNamingTheChain() throws {
        let yaml = """
            rules:
            \(rule("loop", when: "{ref: a}"))\(rule("fine", when: "{no_activity: 3}"))
            conditions:
              a: {any: [{no_activity: 3}, {ref: b}]}
              b: {not: {ref: a}}
            """
        let result = RuleLoader.parse(yaml, source: "t.yaml")
        #expect(result.rules.map(\.id) == ["fine"])
        let error = try #require(result.errors.first)
        #expect(error.code == .cyclicReference)
        #expect(error.message == "cyclic reference a → b → a")
        #expect((error.line, error.column) == (15, 18))
        #expect(error.path == "conditions.b.not.ref")
        let selfLoop = RuleLoader.parse(
            "rules:\n" + rule("me", when: "{ref: me}") + "conditions:\n  me: {ref: me}\n", source: "t.yaml")
        #expect(selfLoop.errors.map(\.message) == ["cyclic reference me → me"])
    }

    @Test func anUnknownReferenceSuggestsADefinedName() throws {
        let yaml = "rules:\n" + rule("r", when: "{ref: open-dael}") + "conditions:\n  open-deal: {no_activity: 1}\n"
        let error = try #require(RuleLoader.parse(yaml, source: "t.yaml").errors.first)
        #expect(error.code == .unknownReference && error.hint == "did you mean 'open-deal'?")
    }

    @Test func aDuplicateIdIsAnErrorForTheSecondRuleOnly() throws {
        let first = RuleSource(name: "a.yaml", text: "rules:\n" + rule("same", when: "{no_activity: 3}"))
        let second = RuleSource(name: "b.yaml", text: "rules:\n" + rule("same", when: "{no_activity: 5}"))
        let set = RuleLoader.load(builtIn: [], user: [first, second])
        #expect(set.rules.map(\.source) == ["a.yaml"])
        let error = try #require(set.errors.first)
        #expect(error.code == .duplicateID && error.file == "b.yaml" && error.line == 2)
        #expect(error.hint == "rename it; the first rule with this id is in a.yaml")
    }

    @Test func badFilesDoNotStopGoodFiles() {
        let broken = RuleSource(name: "a.yaml", text: "rules: [\n  - id: x\n")
        let good = RuleSource(name: "b.yaml", text: "rules:\n" + rule("ok", when: "{no_activity: 3}"))
        let set = RuleLoader.load(builtIn: [], user: [broken, good])
        #expect(set.rules.map(\.id) == ["ok"])
        #expect(set.errors.map(\.code) == [.yamlSyntax])
        #expect(set.errors.first?.file == "a.yaml")
    }

    @Test func inhibitingAnUnknownRuleIsAWarningAndTheRuleStillLoads() throws {
        let yaml =
            "rules:\n" + rule("at-risk", when: "{no_activity: 30}", extra: "    inhibits: [stalled, stale-deal]\n")
            + rule("stalled", when: "{no_activity: 14}")
        let result = RuleLoader.parse(yaml, source: "t.yaml")
        #expect(result.rules.map(\.id) == ["at-risk", "stalled"])
        let warning = try #require(result.errors.first)
        #expect(result.errors.count == 1)
        #expect(warning.isWarning && warning.code == .unknownInhibitedRule)
        #expect(warning.path == "rules[0].inhibits[1]")
        #expect(warning.description.contains("warning: inhibits unknown rule 'stale-deal'"))
        #expect(!RuleSet(errors: [warning]).hasErrors)
    }

    @Test func aUserRuleReplacesTheBuiltInRuleWithItsId() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pulse-rules-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try ("rules:\n" + rule("stalled-deal", when: "{no_activity: 21}", extra: "    shadow: true\n"))
            .write(to: folder.appendingPathComponent("team.yaml"), atomically: true, encoding: .utf8)
        try "not a rule file".write(to: folder.appendingPathComponent("README.md"), atomically: true, encoding: .utf8)
        let user = RuleLoader.sources(in: folder)
        #expect(user.errors.isEmpty)
        #expect(user.sources.count == 1, "only *.yaml and *.yml files are read")
        let builtIn = RuleSource(
            name: "builtin:stalled.yaml",
            text: "rules:\n" + rule("stalled-deal", when: "{no_activity: 14}") + rule("other", when: "{no_activity: 1}")
        )
        let set = RuleLoader.load(builtIn: [builtIn], user: user.sources)
        #expect(set.errors.isEmpty, "\(set.errors)")
        #expect(set.rules.map(\.id) == ["stalled-deal", "other"])
        let replaced = try #require(set.rules.first)
        #expect(replaced.condition == .noActivity(NoActivity(days: 21)) && replaced.shadow)
        #expect(
            set.overrides == [.init(id: "stalled-deal", replaced: "builtin:stalled.yaml", by: user.sources[0].name)])
        #expect((set.builtInCount, set.userCount) == (1, 1))
    }

    @Test func aMissingDirectoryIsAnError() {
        let set = RuleLoader.load(directory: URL(fileURLWithPath: "/nonexistent/pulse-rules"), includeBuiltIn: false)
        #expect(set.rules.isEmpty)
        #expect(set.errors.map(\.code) == [.unreadableFile])
        #expect(set.hasErrors)
    }

    @Test func theBuiltInPackLoadsWithoutErrors() {
        let set = RuleLoader.load(directory: nil)
        #expect(set.errors.filter { !$0.isWarning }.isEmpty, "\(set.errors.map(\.description))")
        #expect(set.builtInCount == set.rules.count)
        #expect(set.files.allSatisfy { $0.hasPrefix(RuleLoader.builtInPrefix) })
    }
}
