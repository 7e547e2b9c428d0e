import Foundation
import PulseCore
import Testing

@testable import PulseEngine

/// The `anomaly` condition in its three spellings, and its load errors with positions and hints.
@Suite struct AnomalyConditionParsingTests {
    /// The condition of a one-rule file of `scope` (segment rules by industry), or the errors.
    private func parse(scope: String = "account", _ condition: String) -> (Condition?, [RuleFileError]) {
        let extra = scope == "segment" ? "    segment_by: [industry]\n" : ""
        let result = RuleLoader.parse(ruleFile(scope: scope, when: condition, extra: extra), source: "test.yaml")
        return (result.rules.first?.condition, result.errors)
    }

    private func only(
        scope: String = "account", _ condition: String, sourceLocation: SourceLocation = #_sourceLocation
    ) -> RuleFileError? {
        let (parsed, errors) = parse(scope: scope, condition)
        #expect(parsed == nil, "the bad rule must not load", sourceLocation: sourceLocation)
        #expect(errors.count == 1, "\(errors.map(\.description))", sourceLocation: sourceLocation)
        return errors.first
    }

    @Test func theMappingFormSetsEveryKey() throws {
        let (condition, errors) = parse(
            scope: "segment",
            """
            anomaly: {series: win_rate, direction: drop, sensitivity: high, window: 14d, baseline: 60d, min_trials: 20, as: wins}
            """)
        #expect(errors.isEmpty, "\(errors.map(\.description))")
        #expect(
            condition
                == .anomaly(
                    AnomalyCondition(
                        series: "win_rate", direction: .drop, sensitivity: .high, window: .days(14),
                        baseline: .days(60), minimumTrials: 20, alias: "wins")))
    }

    @Test func theCompactTextAndTheCallFormReadTheSame() throws {
        let compact = parse("{anomaly: \"logins, drop, high\", baseline: 60d, as: usage}")
        #expect(compact.1.isEmpty, "\(compact.1.map(\.description))")
        #expect(
            compact.0
                == .anomaly(
                    AnomalyCondition(
                        series: "logins", direction: .drop, sensitivity: .high, baseline: .days(60), alias: "usage")))
        let call = parse("all:\n  - anomaly(error_rate, spike)\n  - {no_activity: 3}")
        #expect(call.1.isEmpty, "\(call.1.map(\.description))")
        #expect(
            call.0
                == .all([
                    .anomaly(AnomalyCondition(series: "error_rate", direction: .spike)), .noActivity(.init(days: 3)),
                ]))
        let bare = parse(scope: "tenant", "anomaly(call_volume)")
        #expect(bare.0 == .anomaly(AnomalyCondition(series: "call_volume")))
    }

    @Test func anUnknownSeriesIsLocatedAndSuggestsTheNearest() throws {
        let error = try #require(only(scope: "segment", "anomaly(win_rat, drop, medium)"))
        #expect(error.code == .unknownName)
        #expect((error.line, error.column) == (8, 15))
        #expect(error.path == "rules[0].when(series)")
        #expect(error.message == "unknown series 'win_rat'")
        #expect(error.hint.hasPrefix("did you mean 'win_rate'?"))
    }

    @Test func aBadDirectionOrSensitivityPointsAtItsPartOfTheText() throws {
        let direction = try #require(only(scope: "segment", "anomaly(win_rate, dorp, medium)"))
        #expect(direction.code == .unknownValue)
        #expect((direction.line, direction.column) == (8, 25))
        #expect(direction.message == "unknown direction 'dorp'")
        #expect(direction.hint == "did you mean 'drop'? (one of drop, spike, both)")
        let sensitivity = try #require(only("anomaly: \"logins, drop, hihg\""))
        #expect(sensitivity.code == .unknownValue)
        #expect((sensitivity.line, sensitivity.column) == (7, 31))
        #expect(sensitivity.path == "rules[0].when.anomaly(sensitivity)")
        #expect(sensitivity.hint.hasPrefix("did you mean 'high'?"))
        let mapped = try #require(only("anomaly: {series: logins, sensitivity: extreme}"))
        #expect(mapped.path == "rules[0].when.anomaly.sensitivity")
        #expect(mapped.hint == "use one of low, medium, high")
    }

    @Test func aSeriesOfAnotherScopeSaysWhereItExistsAndWhatThisScopeHas() throws {
        let error = try #require(only(scope: "segment", "anomaly(logins, drop)"))
        #expect(error.code == .wrongScope)
        #expect(error.message == "series 'logins' is not available in segment rules")
        #expect(error.hint == "it exists for account, tenant rules; segment series: pipeline_created, win_rate")
    }

    @Test func windowsMustBeWholePointsAndBaselinesLongEnough() throws {
        let weekly = try #require(only(scope: "tenant", "{anomaly: pipeline_created, window: 10d}"))
        #expect(weekly.code == .badWindow)
        #expect(
            weekly.message == "series 'pipeline_created' has weekly points; window 10d is not a whole number of weeks")
        let short = try #require(only("{anomaly: logins, baseline: 7d}"))
        #expect(short.code == .badWindow)
        #expect(short.message == "baseline 1w gives 7 daily points; the seasonal baseline needs at least 14")
        #expect(short.hint == "use baseline: 2w or longer")
        // Rate series sum their trials, so any whole number of days is fine.
        #expect(parse(scope: "segment", "{anomaly: win_rate, window: 10d, baseline: 45d}").1.isEmpty)
    }

    @Test func minTrialsBelongsToRateSeriesAndUnknownKeysAreNamed() throws {
        let trials = try #require(only("{anomaly: logins, min_trials: 5}"))
        #expect(trials.code == .unknownKey)
        #expect(trials.hint == "remove it; rate series are win_rate, error_rate")
        let key = try #require(only("anomaly: {series: logins, directon: drop}"))
        #expect(key.code == .unknownKey && key.hint == "did you mean 'direction'?")
        let missing = try #require(only("anomaly: {direction: drop}"))
        #expect(missing.code == .missingKey)
        let parts = try #require(only("anomaly(logins, drop, high, extra)"))
        #expect(parts.code == .wrongType && parts.message.contains("series[, direction[, sensitivity]]"))
    }

    @Test func templatesMayUseTheFactsOfTheSeriesKindOnly() {
        func errors(_ when: String, _ fact: String) -> [RuleFileError] {
            let yaml = """
                rules:
                  - id: t
                    title: T
                    scope: segment
                    segment_by: [industry]
                    severity: high
                    when: \(when)
                    message:
                      title: "{{\(fact)}}"

                """
            return RuleLoader.parse(yaml, source: "t.yaml").errors
        }
        #expect(errors("anomaly(win_rate)", "anomaly.p_value").isEmpty)
        #expect(errors("{anomaly: win_rate, as: wr}", "wr.baseline_trials").isEmpty)
        #expect(errors("anomaly(pipeline_created)", "anomaly.detector").isEmpty)
        #expect(errors("anomaly(pipeline_created)", "anomaly.p_value").map(\.code) == [.unknownTemplateVariable])
    }
}
