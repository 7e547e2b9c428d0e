import Foundation
import PulseCore
import Yams

/// The `anomaly` condition in its three spellings: `anomaly: {series: win_rate, direction: drop, …}`,
/// `anomaly: "win_rate, drop, medium"` (with optional sibling keys `window`, `baseline`, `min_trials`, `as`) and
/// the plain item `anomaly(win_rate, drop, medium)`.
extension RuleParser {
    static let anomalyOptionKeys = ["window", "baseline", "min_trials", "as"]

    /// One written part of the condition: its text and where it is, for locating errors.
    struct AnomalyPart {
        var text: String
        var node: Node
        var path: String
        /// Column offset of the text inside its scalar (for comma-separated forms).
        var column: Int = 0
    }

    /// The argument text of an `anomaly(...)` scalar, else nil.
    static func anomalyCall(_ node: Node) -> String? {
        guard let text = node.scalar?.string.trimmingCharacters(in: .whitespaces), text.hasPrefix("anomaly("),
            text.hasSuffix(")")
        else { return nil }
        return String(text.dropFirst("anomaly(".count).dropLast())
    }

    /// `anomaly(series, direction, sensitivity)`.
    mutating func anomaly(call: String, node: Node, scope: RuleScope, path: String, file: File) -> Condition? {
        guard let parts = anomalyParts(call, node: node, path: path, offset: "anomaly(".count, file: file) else {
            return nil
        }
        return anomalyCondition(
            series: parts[0], direction: parts.count > 1 ? parts[1] : nil,
            sensitivity: parts.count > 2 ? parts[2] : nil, options: nil, optionsPath: path, scope: scope, file: file)
    }

    /// `anomaly:` as a mapping of keys, or as the compact "series, direction, sensitivity" text.
    mutating func anomaly(_ map: Node.Mapping, scope: RuleScope, path: String, file: File) -> Condition? {
        let value = map["anomaly"]!
        let here = Self.join(path, "anomaly")
        if let inner = value.mapping {
            checkKeys(map, allowed: ["anomaly"], path, file, what: "anomaly condition")
            checkKeys(
                inner, allowed: ["series", "direction", "sensitivity"] + Self.anomalyOptionKeys, here, file,
                what: "anomaly condition")
            func part(_ key: String) -> AnomalyPart? {
                guard let node = inner[key], let text = string(node, Self.join(here, key), file) else { return nil }
                return AnomalyPart(text: text, node: node, path: Self.join(here, key))
            }
            guard required(inner, "series", value, here, file) != nil, let series = part("series") else { return nil }
            return anomalyCondition(
                series: series, direction: part("direction"), sensitivity: part("sensitivity"), options: inner,
                optionsPath: here, scope: scope, file: file)
        }
        checkKeys(map, allowed: ["anomaly"] + Self.anomalyOptionKeys, path, file, what: "anomaly condition")
        guard let text = string(value, here, file),
            let parts = anomalyParts(text, node: value, path: here, offset: 0, file: file)
        else { return nil }
        return anomalyCondition(
            series: parts[0], direction: parts.count > 1 ? parts[1] : nil,
            sensitivity: parts.count > 2 ? parts[2] : nil, options: map, optionsPath: path, scope: scope, file: file)
    }

    /// Splits "series, direction, sensitivity" (1 to 3 parts) and remembers each part's column.
    private mutating func anomalyParts(
        _ text: String, node: Node, path: String, offset: Int, file: File
    ) -> [AnomalyPart]? {
        var parts: [AnomalyPart] = []
        var column = offset
        for piece in text.split(separator: ",", omittingEmptySubsequences: false) {
            let leading = piece.prefix { $0 == " " }.count
            parts.append(
                AnomalyPart(
                    text: piece.trimmingCharacters(in: .whitespaces), node: node, path: path,
                    column: column + leading))
            column += piece.count + 1
        }
        let names = ["series", "direction", "sensitivity"]
        guard (1...3).contains(parts.count), !parts.contains(where: \.text.isEmpty) else {
            errors.append(
                file.error(
                    .wrongType, at: node, path,
                    "anomaly needs 'series[, direction[, sensitivity]]', got '\(text)'",
                    hint: "e.g. anomaly(win_rate, drop, medium) or anomaly: \"logins, drop\""))
            return nil
        }
        for i in parts.indices { parts[i].path = path + "(\(names[i]))" }
        return parts
    }

    private mutating func anomalyError(
        _ code: RuleFileError.Code, _ part: AnomalyPart, _ message: String, hint: String, file: File
    ) {
        let mark = part.node.mark
        let quoted = part.node.scalar.map { $0.style == .singleQuoted || $0.style == .doubleQuoted } == true
        errors.append(
            file.error(
                code, line: mark?.line ?? 0, column: (mark?.column ?? 0) + part.column + (quoted ? 1 : 0), part.path,
                message, hint: hint))
    }

    private mutating func anomalyCondition(
        series: AnomalyPart, direction: AnomalyPart?, sensitivity: AnomalyPart?, options: Node.Mapping?,
        optionsPath: String, scope: RuleScope, file: File
    ) -> Condition? {
        let before = errors.count { !$0.isWarning }
        var condition = AnomalyCondition(series: series.text)
        let definition = MetricSeriesCatalogue.definition(series.text)
        if definition == nil {
            anomalyError(
                .unknownName, series, "unknown series '\(series.text)'",
                hint: Self.didYouMeanOrList(series.text, among: MetricSeriesCatalogue.names), file: file)
        } else if let definition, !definition.scopes.contains(scope) {
            let here = MetricSeriesCatalogue.names(for: scope)
            anomalyError(
                .wrongScope, series, "series '\(series.text)' is not available in \(scope.rawValue) rules",
                hint: "it exists for \(Self.scopeList(definition.scopes)) rules"
                    + (here.isEmpty ? "" : "; \(scope.rawValue) series: " + here.joined(separator: ", ")),
                file: file)
        }
        if let direction {
            if let value = AnomalyDirection(rawValue: direction.text.lowercased()) {
                condition.direction = value
            } else {
                anomalyError(
                    .unknownValue, direction, "unknown direction '\(direction.text)'",
                    hint: Self.didYouMeanOrList(direction.text, among: AnomalyDirection.allCases.map(\.rawValue)),
                    file: file)
            }
        }
        if let sensitivity {
            if let value = AnomalySensitivity(rawValue: sensitivity.text.lowercased()) {
                condition.sensitivity = value
            } else {
                anomalyError(
                    .unknownValue, sensitivity, "unknown sensitivity '\(sensitivity.text)'",
                    hint: Self.didYouMeanOrList(sensitivity.text, among: AnomalySensitivity.allCases.map(\.rawValue)),
                    file: file)
            }
        }
        if let options {
            anomalyOptions(options, path: optionsPath, definition: definition, into: &condition, file: file)
        }
        guard errors.count(where: { !$0.isWarning }) == before else { return nil }
        return .anomaly(condition)
    }

    /// `window`, `baseline`, `min_trials` and `as`, checked against the series' bucket and kind.
    private mutating func anomalyOptions(
        _ map: Node.Mapping, path: String, definition: MetricSeriesDefinition?, into condition: inout AnomalyCondition,
        file: File
    ) {
        func length(_ key: String) -> RuleDuration? {
            guard let node = map[key], let d = duration(node, Self.join(path, key), file) else { return nil }
            guard let definition else { return d }
            let bucket = definition.conditionBucket
            guard d.seconds % bucket.seconds == 0 else {
                errors.append(
                    file.error(
                        .badWindow, at: node, Self.join(path, key),
                        "series '\(definition.name)' has \(bucket.adjective) points; \(key) \(d) is not a whole "
                            + "number of \(bucket.rawValue)s",
                        hint: bucket == .week ? "use 7d, 14d, 2w …" : "use whole days, e.g. 7d"))
                return nil
            }
            return d
        }
        condition.window = length("window")
        condition.baseline = length("baseline")
        if let definition, let node = map["baseline"], let baseline = condition.baseline {
            let points = Int(baseline.seconds / definition.conditionBucket.seconds)
            if points < definition.minimumBaselinePoints {
                let needed = RuleDuration(
                    seconds: Int64(definition.minimumBaselinePoints) * definition.conditionBucket.seconds)
                errors.append(
                    file.error(
                        .badWindow, at: node, Self.join(path, "baseline"),
                        "baseline \(baseline) gives \(points) \(definition.conditionBucket.adjective) points; the seasonal "
                            + "baseline needs at least \(definition.minimumBaselinePoints)",
                        hint: "use baseline: \(needed) or longer"))
            }
        }
        if let node = map["min_trials"], let n = int(node, Self.join(path, "min_trials"), file) {
            if n < 1 {
                errors.append(
                    file.error(.wrongType, at: node, Self.join(path, "min_trials"), "min_trials must be at least 1"))
            } else if let definition, definition.kind != .rate {
                let rates = MetricSeriesCatalogue.all.filter { $0.kind == .rate }.map(\.name)
                errors.append(
                    file.error(
                        .unknownKey, at: node, Self.join(path, "min_trials"),
                        "min_trials applies to rate series, and '\(definition.name)' is a value series",
                        hint: "remove it; rate series are " + rates.joined(separator: ", ")))
            }
            condition.minimumTrials = n
        }
        condition.alias = alias(map, path, file)
    }
}
