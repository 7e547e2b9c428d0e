import Foundation
import PulseCore
import Testing

@testable import PulseEngine

/// Bad input: each problem gets its code, line, column, field path and a hint, and the bad rule is not loaded.
@Suite struct RuleValidationTests {
    /// The only error of a one-rule file whose condition is `condition`; records an issue when there is not one.
    private func onlyError(
        scope: String = "deal", _ condition: String, extra: String = "",
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> RuleFileError? {
        let result = RuleLoader.parse(ruleFile(scope: scope, when: condition, extra: extra), source: "t.yaml")
        #expect(result.rules.isEmpty, "the bad rule must not load", sourceLocation: sourceLocation)
        #expect(result.errors.count == 1, "\(result.errors.map(\.description))", sourceLocation: sourceLocation)
        return result.errors.first
    }

    @Test func anUnknownMetricIsLocatedAndSuggestsTheNearestName() throws {
        let error = try #require(onlyError("{metric: deal.smii, op: \"<\", value: 0.07}"))
        #expect(error.code == .unknownName)
        #expect((error.line, error.column) == (7, 16))
        #expect(error.path == "rules[0].when.metric")
        #expect(
            error.description
                == "t.yaml:7:16: unknown metric 'deal.smii' at rules[0].when.metric — did you mean 'deal.smi'?")
        #expect(error.caretExcerpt == "          {metric: deal.smii, op: \"<\", value: 0.07}\n                   ^")
    }

    @Test func aNameOfAnotherScopeSaysWhichScopesHaveIt() throws {
        let error = try #require(onlyError("{metric: account.health, op: \"<\", value: 40}"))
        #expect(error.code == .wrongScope)
        #expect(error.message == "metric 'account.health' is not available in deal rules")
        #expect(error.hint.hasPrefix("it exists for account rules"))
    }

    @Test func aNameOfTheWrongKindSaysWhichConditionTakesIt() throws {
        let error = try #require(onlyError("{metric: deal.stage, op: \"==\", value: 1}"))
        #expect(error.code == .wrongKind)
        #expect(error.hint == "use it in a `attribute: deal.stage` condition")
    }

    @Test func unknownMeasuresAttributesAndDatesSuggestTheirNearestNames() throws {
        let measure = try #require(
            onlyError(scope: "account", "{measure: tickets_open, window: 7d, op: \">\", value: 3}"))
        #expect(measure.code == .unknownName && measure.hint == "did you mean 'tickets_opened'?")
        let attribute = try #require(onlyError("{attribute: deal.stat, is: open}"))
        #expect(attribute.code == .unknownName && attribute.hint.contains("'deal.stage'"))
        let date = try #require(onlyError(scope: "account", "{date: account.renewal, within: 90d}"))
        #expect(date.code == .unknownName && date.hint == "did you mean 'account.renewal_date'?")
    }

    @Test func missingRequiredKeysAreNamed() {
        let yaml = """
            rules:
              - id: no-scope
                title: No scope
                severity: high
                when: {no_activity: 3}
            """
        let result = RuleLoader.parse(yaml, source: "t.yaml")
        #expect(result.rules.isEmpty)
        let error = result.errors.first
        #expect(error?.code == .missingKey)
        #expect(error?.message == "missing required key 'scope'")
        #expect(error?.line == 2 && error?.column == 5)
        #expect(error?.path == "rules[0]")
        let keys = ["id: r", "title: T", "scope: deal", "severity: high", "when: {no_activity: 3}"]
        for missing in keys.indices {
            let body = keys.indices.filter { $0 != missing }.map { keys[$0] }
            let yaml = "rules:\n  - " + body.joined(separator: "\n    ") + "\n"
            let key = String(keys[missing].prefix { $0 != ":" })
            let errors = RuleLoader.parse(yaml, source: "t.yaml").errors
            #expect(errors.map(\.message) == ["missing required key '\(key)'"], "\(key)")
        }
    }

    @Test func anUnknownKeySuggestsTheNearestAllowedKey() throws {
        let error = try #require(onlyError("no_activity: 3", extra: "    recipents: [owner]\n"))
        #expect(error.code == .unknownKey)
        #expect((error.line, error.column) == (6, 5))
        #expect(error.path == "rules[0].recipents")
        #expect(error.hint == "did you mean 'recipients'?")
        let inCondition = RuleLoader.parse(
            ruleFile(when: "{metric: deal.smi, op: \"<\", valu: 0.07}"), source: "t.yaml"
        ).errors
        #expect(inCondition.map(\.code) == [.missingKey, .unknownKey], "in position order")
        #expect(inCondition.last?.hint == "did you mean 'value'?")
    }

    @Test func wrongTypesAreReported() throws {
        let text = try #require(onlyError("{metric: deal.smi, op: \"<\", value: \"high\"}"))
        #expect(text.code == .wrongType && text.message == "expected a number, got 'high'")
        #expect(text.path == "rules[0].when.value")
        let notList = try #require(onlyError("{attribute: deal.stage, in: proposal}"))
        #expect(notList.code == .wrongType && notList.path == "rules[0].when.in")
        let maybe = try #require(onlyError("no_activity: 3", extra: "    enabled: maybe\n"))
        #expect(maybe.code == .wrongType && maybe.message == "expected true or false, got 'maybe'")
        #expect((maybe.line, maybe.column) == (6, 14))
        let fraction = try #require(onlyError("no_activity: 2.5"))
        #expect(fraction.code == .wrongType && fraction.message == "expected a whole number, got '2.5'")
    }

    @Test func impossibleWindowsAreRejected() throws {
        for window in ["0d", "-3d", "soon", "7"] {
            let error = try #require(onlyError("{text: budget, window: \(window)}"))
            #expect(error.code == .badWindow, "\(window)")
            #expect(error.path == "rules[0].when.window")
            #expect(error.message.contains("positive") == window.hasSuffix("d"), "\(window)")
        }
        let long = try #require(onlyError(scope: "account", "{measure: logins, window: 1200d, op: \">\", value: 1}"))
        #expect(long.code == .badWindow && long.message.contains("longer than 3 years"))
        let sla = try #require(onlyError("no_activity: 3", extra: "    sla: 0h\n"))
        #expect(sla.code == .badWindow && sla.path == "rules[0].sla")
        let zscore = try #require(
            onlyError(
                scope: "account", "{change: logins, window: 7d, baseline: 7d, mode: zscore, op: \"<\", value: -2}"))
        #expect(zscore.code == .badWindow && zscore.path == "rules[0].when.baseline")
        let noBaseline = try #require(
            onlyError(scope: "account", "{change: logins, window: 7d, mode: zscore, op: \"<\", value: -2}"))
        #expect(noBaseline.code == .missingKey)
        #expect(
            parseCondition(
                scope: "account", "{change: logins, window: 7d, baseline: 8w, mode: zscore, op: \"<\", value: -2}"
            )
            .1.isEmpty)
    }

    @Test func anUnknownSeverityListsTheVocabulary() throws {
        let yaml = ruleFile(when: "no_activity: 3").replacingOccurrences(of: "severity: high", with: "severity: P5")
        let error = try #require(RuleLoader.parse(yaml, source: "t.yaml").errors.first)
        #expect(error.code == .unknownSeverity)
        #expect((error.line, error.column) == (5, 15))
        #expect(error.hint.contains("critical") && error.hint.contains("p1") && error.hint.contains("urgent"))
    }

    @Test func unknownRecipientsOperatorsAndKindsAreRejected() throws {
        let recipient = try #require(onlyError("no_activity: 3", extra: "    recipients: [owner, boss]\n"))
        #expect(recipient.code == .unknownRecipient && recipient.path == "rules[0].recipients[1]")
        #expect((recipient.line, recipient.column) == (6, 25))
        let op = try #require(onlyError("{metric: deal.smi, op: \"=\", value: 0.07}"))
        #expect(op.code == .unknownOperator && op.hint.hasPrefix("did you mean '=='?"))
        let kind = try #require(onlyError("{text: budget, window: 7d, kinds: [email_inn]}"))
        #expect(kind.code == .unknownKind && kind.hint.hasPrefix("did you mean 'email_in'? (one of call_booked,"))
        let measureKind = try #require(
            onlyError(
                scope: "account", "{measure: engagement, kinds: [portal_logins], window: 7d, op: \">\", value: 1}"))
        #expect(measureKind.code == .unknownKind && measureKind.hint.hasPrefix("did you mean 'portal_login'? (one of"))
        let noFilter = try #require(
            onlyError(scope: "account", "{measure: logins, kinds: [portal_login], window: 7d, op: \">\", value: 1}"))
        #expect(noFilter.code == .unknownKind && noFilter.message == "measure 'logins' takes no kinds filter")
    }

    @Test func countMustNameAChildScope() throws {
        let error = try #require(
            onlyError(
                scope: "account",
                "{count: rep, where: {metric: rep.calls_this_week, op: \"<\", value: 5}, op: \">\", value: 0}"))
        #expect(error.code == .badCountScope && error.hint == "count one of: deal")
        let inner = try #require(
            onlyError(
                scope: "team", "{count: rep, where: {metric: deal.smi, op: \"<\", value: 5}, op: \">\", value: 0}"))
        #expect(inner.code == .wrongScope && inner.path == "rules[0].when.where.metric")
    }

    @Test func segmentByIsCheckedAgainstScopeAndDimensions() throws {
        let wrongScope = try #require(onlyError("no_activity: 3", extra: "    segment_by: [industry]\n"))
        #expect(wrongScope.code == .badSegment)
        let dimension = try #require(
            onlyError(
                scope: "segment", "{measure: win_rate, window: 30d, op: \"<\", value: 0.2}",
                extra: "    segment_by: [industy]\n"))
        #expect(dimension.code == .badSegment && dimension.hint == "did you mean 'industry'?")
        let missing = try #require(
            onlyError(scope: "segment", "{measure: win_rate, window: 30d, op: \"<\", value: 0.2}"))
        #expect(missing.code == .badSegment)
    }

    @Test func templatesMustBeWellFormedAndUseKnownVariables() throws {
        let base = ruleFile(when: "{no_activity: 14}")
        let syntax = RuleLoader.parse(base + "    message: {title: \"STALLED {{deal.name\"}\n", source: "t.yaml")
        #expect(syntax.rules.isEmpty)
        #expect(syntax.errors.map(\.code) == [.templateSyntax])
        #expect(syntax.errors.first?.path == "rules[0].message.title")
        let unknown = RuleLoader.parse(
            base + "    message: {why: [\"silent {{no_activity.dayz}} days\"]}\n", source: "t.yaml")
        #expect(unknown.errors.map(\.code) == [.unknownTemplateVariable])
        #expect(unknown.errors.first?.hint == "did you mean 'no_activity.days'?")
        #expect(unknown.errors.first?.path == "rules[0].message.why[0]")
        let otherScope = RuleLoader.parse(
            base + "    message: {facts: [\"health {{account.health}}\"]}\n", source: "t.yaml")
        #expect(otherScope.errors.first?.hint == "'account.health' belongs to account rules, not deal rules")
        let both = RuleLoader.parse(
            ruleFile(when: "{metric: deal.smii, op: \"<\", value: 1}") + "    message: {title: \"{{}}\"}\n",
            source: "t.yaml")
        #expect(
            both.errors.map(\.code) == [.unknownName, .templateSyntax],
            "syntax is checked even when the condition fails")
        let alias = RuleLoader.parse(
            ruleFile(when: "{metric: deal.smi, op: \"<\", value: 0.07, as: momentum}")
                + "    message: {facts: [\"SMI {{momentum}} below {{momentum.threshold}}\"]}\n", source: "t.yaml")
        #expect(alias.errors.isEmpty, "\(alias.errors)")
    }

    @Test func yamlSyntaxErrorsCarryTheParsersPosition() throws {
        let yaml = """
            rules:
              - id: broken
                title: "unclosed
                scope: deal
            """
        let result = RuleLoader.parse(yaml, source: "broken.yaml")
        let error = try #require(result.errors.first)
        #expect(result.rules.isEmpty)
        #expect(error.code == .yamlSyntax)
        #expect(error.line >= 3 && error.column > 0)
        #expect(error.description.hasPrefix("broken.yaml:\(error.line):\(error.column): YAML syntax error"))
        let duplicate = RuleLoader.parse("rules: []\nrules: []\n", source: "d.yaml").errors
        #expect(duplicate.map(\.code) == [.yamlSyntax])
    }

    @Test func aBadRuleDoesNotStopTheOthersInItsFile() {
        let yaml = """
            rules:
              - id: good-one
                title: Good
                scope: deal
                severity: high
                when: {no_activity: 14}
              - id: bad-one
                title: Bad
                scope: deal
                severity: high
                when: {metric: deal.smii, op: "<", value: 0.07}
              - id: good-two
                title: Good too
                scope: account
                severity: low
                when: {date: account.renewal_date, within: 90d}
            """
        let result = RuleLoader.parse(yaml, source: "mixed.yaml")
        #expect(result.rules.map(\.id) == ["good-one", "good-two"])
        #expect(result.errors.map(\.code) == [.unknownName])
        #expect(result.errors.first?.line == 11)
    }

    @Test func everyErrorInOneRuleIsReportedTogether() {
        let yaml = """
            rules:
              - id: Bad_Id
                title: T
                scope: dael
                severity: P9
                when: {no_activity: 3}
            """
        let codes = RuleLoader.parse(yaml, source: "t.yaml").errors.map(\.code)
        #expect(codes == [.badID, .unknownValue, .unknownSeverity])
    }

    @Test func aFileThatIsNotAMappingIsRejected() {
        let errors = RuleLoader.parse("- id: x\n", source: "list.yaml").errors
        #expect(errors.map(\.code) == [.wrongType])
        #expect(RuleLoader.parse("# nothing yet\n", source: "empty.yaml").errors.isEmpty)
    }
}
