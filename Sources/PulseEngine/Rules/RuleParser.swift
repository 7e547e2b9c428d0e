import Foundation
import PulseCore
import Yams

/// Turns composed YAML nodes into `Rule`s, validating every key, name, type and window, and collecting located
/// errors instead of stopping at the first one. `ref:` conditions are inlined from `named`.
struct RuleParser {
    /// One rule file's name and lines, for locating errors.
    struct File: Sendable {
        let source: String
        let lines: [String]

        init(source: String, text: String) {
            self.source = source
            self.lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
                String($0.hasSuffix("\r") ? $0.dropLast() : $0)
            }
        }

        /// An error at `node`'s position (the file start when the node has no mark).
        func error(
            _ code: RuleFileError.Code, at node: Node?, _ path: String, _ message: String, hint: String = "",
            warning: Bool = false
        ) -> RuleFileError {
            let mark = node?.mark
            return error(
                code, line: mark?.line ?? 0, column: mark?.column ?? 0, path, message, hint: hint,
                warning: warning)
        }

        /// An error at a line and column.
        func error(
            _ code: RuleFileError.Code, line: Int, column: Int, _ path: String, _ message: String, hint: String = "",
            warning: Bool = false
        ) -> RuleFileError {
            let text = line > 0 && line <= lines.count ? lines[line - 1] : nil
            return RuleFileError(
                code: code, file: source, line: line, column: column, path: path, message: message, hint: hint,
                isWarning: warning, lineText: text)
        }
    }

    /// A `conditions:` entry, parsed on use in the scope of the rule that uses it.
    struct NamedCondition {
        let node: Node
        let file: File
        let path: String
    }

    /// A parsed rule and the warnings to raise if its `inhibits` entries name no loaded rule.
    struct Parsed {
        let rule: Rule
        let inhibitWarnings: [(target: String, warning: RuleFileError)]
    }

    static let ruleKeys = [
        "id", "title", "description", "category", "scope", "segment_by", "severity", "sla", "recipients", "labels",
        "inhibits", "pending_for", "resolve_after", "enabled", "shadow", "when", "message",
    ]
    static let messageKeys = ["title", "facts", "why", "actions", "impact", "impact_metric"]
    static let conditionKinds = [
        "all", "any", "not", "ref", "metric", "attribute", "text", "measure", "change", "no_activity", "date",
        "distinct_contacts", "count", "anomaly",
    ]
    static let segmentDimensions = [
        "industry", "region", "segment", "lead_source", "product", "pipeline", "engagement_segment",
    ]
    /// Longest window a rule may measure over.
    static let maximumWindow = RuleDuration.days(3 * 366)

    let named: [String: NamedCondition]
    var errors: [RuleFileError] = []
    /// Named conditions some rule (or another used condition) referred to.
    var used: Set<String> = []

    init(named: [String: NamedCondition]) {
        self.named = named
    }

    private var errorCount: Int { errors.count { !$0.isWarning } }

    // MARK: Rules

    /// The rule in `node`, or nil when it has any error (recorded in `errors`).
    mutating func rule(_ node: Node, path: String, file: File, extraKeys: [String] = []) -> Parsed? {
        let before = errorCount
        guard let map = mapping(node, path, file, what: "a rule") else { return nil }
        checkKeys(map, allowed: Self.ruleKeys + extraKeys, path, file, what: "rule")
        let at = { (key: String) in Self.join(path, key) }

        let id = required(map, "id", node, path, file).flatMap { value -> String? in
            guard let id = string(value, at("id"), file) else { return nil }
            let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789-")
            guard !id.isEmpty, id.allSatisfy({ allowed.contains($0) }) else {
                errors.append(
                    file.error(
                        .badID, at: value, at("id"), "rule id '\(id)' is not lower-case letters, digits and '-'",
                        hint: "write it like 'stalled-deal'"))
                return nil
            }
            return id
        }
        let title = required(map, "title", node, path, file).flatMap { string($0, at("title"), file) }
        let description = map["description"].flatMap { string($0, at("description"), file) } ?? ""
        let category = map["category"].flatMap { string($0, at("category"), file) } ?? ""
        let scope = required(map, "scope", node, path, file).flatMap { scopeValue($0, at("scope"), file) }
        let severity = required(map, "severity", node, path, file).flatMap { severityValue($0, at("severity"), file) }
        let sla = map["sla"].flatMap { duration($0, at("sla"), file) }
        let pendingFor = map["pending_for"].flatMap { duration($0, at("pending_for"), file) }
        let resolveAfter = map["resolve_after"].flatMap { duration($0, at("resolve_after"), file) }
        let enabled = map["enabled"].flatMap { bool($0, at("enabled"), file) } ?? true
        let shadow = map["shadow"].flatMap { bool($0, at("shadow"), file) } ?? false
        let recipients = map["recipients"].map { recipientList($0, at("recipients"), file) } ?? [.owner]
        let labels = map["labels"].map { labelMap($0, at("labels"), file) } ?? [:]
        var inhibitWarnings: [(String, RuleFileError)] = []
        var inhibits: [String] = []
        if let list = map["inhibits"].flatMap({ sequence($0, at("inhibits"), file) }) {
            for (i, item) in list.enumerated() {
                guard let target = string(item, at("inhibits") + "[\(i)]", file) else { continue }
                inhibits.append(target)
                inhibitWarnings.append(
                    (
                        target,
                        file.error(
                            .unknownInhibitedRule, at: item, at("inhibits") + "[\(i)]",
                            "inhibits unknown rule '\(target)'",
                            hint: "name the id of a loaded rule; the rule loads but inhibits nothing", warning: true)
                    ))
            }
        }
        var segmentBy: [String] = []
        if let value = map["segment_by"] {
            segmentBy = stringList(value, at("segment_by"), file) ?? []
            if let scope, scope != .segment {
                errors.append(
                    file.error(
                        .badSegment, at: value, at("segment_by"), "segment_by is only for scope: segment",
                        hint: "remove it, or set scope: segment"))
            }
            let list = map["segment_by"].flatMap(\.sequence).map(Array.init) ?? []
            for (i, dimension) in segmentBy.enumerated() where !Self.segmentDimensions.contains(dimension) {
                errors.append(
                    file.error(
                        .badSegment, at: i < list.count ? list[i] : value, at("segment_by") + "[\(i)]",
                        "unknown segment dimension '\(dimension)'",
                        hint: Self.didYouMean(dimension, among: Self.segmentDimensions, listing: true)))
            }
        } else if scope == .segment {
            errors.append(
                file.error(
                    .badSegment, at: node, path, "a segment rule needs segment_by",
                    hint: "add segment_by: [industry] (any of \(Self.segmentDimensions.joined(separator: ", ")))"))
        }

        var condition: Condition?
        if let when = required(map, "when", node, path, file), let scope {
            condition = self.condition(when, scope: scope, path: at("when"), file: file, refs: [])
        }
        let message = map["message"].flatMap { messageValue($0, at("message"), file) }

        if let message {
            checkTemplates(message.templates, scope: scope, condition: condition, path: at("message"), file: file)
        }
        guard errorCount == before, let id, let title, let scope, let severity, let condition else { return nil }
        let rule = Rule(
            id: id, title: title, description: description, scope: scope, segmentBy: segmentBy,
            condition: condition, severity: severity, sla: sla, recipients: recipients,
            message: message?.message ?? RuleMessage(), labels: labels, inhibits: inhibits, pendingFor: pendingFor,
            resolveAfter: resolveAfter, enabled: enabled, shadow: shadow, source: file.source, category: category)
        return Parsed(rule: rule, inhibitWarnings: inhibitWarnings)
    }

    /// A message and the node of each template in it, for locating template errors.
    struct ParsedMessage {
        var message = RuleMessage()
        var templates: [(text: String, node: Node, path: String)] = []
    }

    private mutating func messageValue(_ node: Node, _ path: String, _ file: File) -> ParsedMessage? {
        guard let map = mapping(node, path, file, what: "a message") else { return nil }
        checkKeys(map, allowed: Self.messageKeys, path, file, what: "message")
        var parsed = ParsedMessage()
        func one(_ key: String) -> String? {
            guard let value = map[key], let text = string(value, Self.join(path, key), file) else { return nil }
            parsed.templates.append((text, value, Self.join(path, key)))
            return text
        }
        func list(_ key: String) -> [String] {
            guard let value = map[key], let items = sequence(value, Self.join(path, key), file) else { return [] }
            var texts: [String] = []
            for (i, item) in items.enumerated() {
                let itemPath = Self.join(path, key) + "[\(i)]"
                guard let text = string(item, itemPath, file) else { continue }
                parsed.templates.append((text, item, itemPath))
                texts.append(text)
            }
            return texts
        }
        parsed.message.title = one("title")
        parsed.message.facts = list("facts")
        parsed.message.why = list("why")
        parsed.message.actions = list("actions")
        parsed.message.impact = one("impact")
        if let value = map["impact_metric"], let name = string(value, Self.join(path, "impact_metric"), file) {
            parsed.message.impactMetric = name
            parsed.templates.append(("{{\(name)}}", value, Self.join(path, "impact_metric")))
        }
        return parsed
    }

    private mutating func checkTemplates(
        _ templates: [(text: String, node: Node, path: String)], scope: RuleScope?, condition: Condition?,
        path: String, file: File
    ) {
        for (text, node, itemPath) in templates {
            if let problem = MessageTemplate.syntaxError(in: text) {
                errors.append(
                    file.error(
                        .templateSyntax, at: node, itemPath, "template has \(problem)",
                        hint: "write variables as {{name}}"))
                continue
            }
            // Which variables exist depends on the scope and the condition; without them only syntax is checked.
            guard let scope, let condition else { continue }
            let available = RuleTemplateNames.available(scope: scope, condition: condition)
            for name in MessageTemplate.variables(in: text) where !available.contains(name) {
                let catalogue = MetricCatalogue.entry(name)
                let hint: String
                if let catalogue, catalogue.kind != .measure {
                    hint =
                        "'\(name)' belongs to \(Self.scopeList(catalogue.scopes)) rules, not \(scope.rawValue) rules"
                } else {
                    let near = available.map { ($0, EditDistance.between($0, name)) }
                        .filter { $0.1 <= max(2, name.count / 3) }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.prefix(2)
                        .map { "'\($0.0)'" }
                    hint =
                        near.isEmpty
                        ? "use a catalogue name of a \(scope.rawValue) rule or a fact a condition produces "
                            + "(docs/rules.md, Template variables)"
                        : "did you mean \(near.joined(separator: " or "))?"
                }
                errors.append(
                    file.error(
                        .unknownTemplateVariable, at: node, itemPath,
                        "template variable '\(name)' has no source in this rule", hint: hint))
            }
        }
    }

    /// Checks a named condition no rule uses, so library files get checked too: it is fine when it loads in at
    /// least one scope; otherwise the errors of the scope with the fewest are reported.
    mutating func checkUnused(_ name: String) {
        guard let target = named[name] else { return }
        var best: [RuleFileError]?
        for scope in RuleScope.allCases {
            var trial = RuleParser(named: named)
            _ = trial.condition(target.node, scope: scope, path: target.path, file: target.file, refs: [name])
            let failures = trial.errors.filter { !$0.isWarning }
            if failures.isEmpty { return }
            if best == nil || failures.count < best!.count { best = failures }
        }
        errors += (best ?? []).map {
            var error = $0
            error.hint +=
                (error.hint.isEmpty ? "" : " ") + "(condition '\(name)' is used by no rule; checked in every scope)"
            return error
        }
    }

    // MARK: Conditions

    /// The condition in `node` for an entity of `scope`, refs inlined; nil when it has any error.
    mutating func condition(_ node: Node, scope: RuleScope, path: String, file: File, refs: [String]) -> Condition? {
        if let call = Self.anomalyCall(node) {
            return anomaly(call: call, node: node, scope: scope, path: path, file: file)
        }
        guard let map = mapping(node, path, file, what: "a condition") else { return nil }
        let keys = map.keys.compactMap(\.string)
        let kinds = keys.filter { Self.conditionKinds.contains($0) }
        guard let kind = kinds.first else {
            let nearest = keys.flatMap { key in Self.conditionKinds.map { ($0, EditDistance.between($0, key)) } }
                .filter { $0.1 <= 2 }.min { $0.1 < $1.1 }
            errors.append(
                file.error(
                    .missingKey, at: node, path,
                    "a condition needs one of \(Self.conditionKinds.joined(separator: ", "))",
                    hint: nearest.map { "did you mean '\($0.0)'?" } ?? "see docs/rules.md, Conditions"))
            return nil
        }
        guard kinds.count == 1 else {
            errors.append(
                file.error(
                    .wrongType, at: node, path,
                    "a condition has one kind, this one has \(kinds.joined(separator: " and "))",
                    hint: "split it into two conditions under all: or any:"))
            return nil
        }
        let value = map[kind]!
        let here = Self.join(path, kind)
        switch kind {
        case "all", "any":
            checkKeys(map, allowed: [kind], path, file, what: "\(kind) condition")
            guard let items = sequence(value, here, file) else { return nil }
            guard !items.isEmpty else {
                errors.append(file.error(.wrongType, at: value, here, "\(kind) needs at least one condition"))
                return nil
            }
            let children = items.enumerated().map {
                condition($0.element, scope: scope, path: here + "[\($0.offset)]", file: file, refs: refs)
            }
            let all = children.compactMap { $0 }
            guard all.count == children.count else { return nil }
            return kind == "all" ? .all(all) : .any(all)
        case "not":
            checkKeys(map, allowed: [kind], path, file, what: "not condition")
            return condition(value, scope: scope, path: here, file: file, refs: refs).map { .not($0) }
        case "ref":
            checkKeys(map, allowed: [kind], path, file, what: "ref condition")
            return reference(value, scope: scope, path: here, file: file, refs: refs)
        case "metric": return compare(map, scope: scope, path: path, file: file)
        case "attribute": return attribute(map, scope: scope, path: path, file: file)
        case "text": return text(map, path: path, file: file)
        case "measure": return aggregate(map, scope: scope, path: path, file: file)
        case "change": return change(map, scope: scope, path: path, file: file)
        case "no_activity": return noActivity(map, path: path, file: file)
        case "date": return date(map, scope: scope, path: path, file: file)
        case "distinct_contacts": return distinctContacts(map, path: path, file: file)
        case "anomaly": return anomaly(map, scope: scope, path: path, file: file)
        default: return countWhere(map, scope: scope, path: path, file: file, refs: refs)
        }
    }

    private mutating func reference(
        _ node: Node, scope: RuleScope, path: String, file: File, refs: [String]
    ) -> Condition? {
        guard let name = string(node, path, file) else { return nil }
        if let start = refs.firstIndex(of: name) {
            let chain = (refs[start...] + [name]).joined(separator: " → ")
            errors.append(
                file.error(
                    .cyclicReference, at: node, path, "cyclic reference \(chain)",
                    hint: "a named condition may not use itself, directly or through others"))
            return nil
        }
        guard let target = named[name] else {
            errors.append(
                file.error(
                    .unknownReference, at: node, path, "unknown condition '\(name)'",
                    hint: Self.didYouMean(name, among: named.keys.sorted(), listing: false)
                        + (named.isEmpty ? "define it under conditions: in any rule file" : "")))
            return nil
        }
        used.insert(name)
        return condition(target.node, scope: scope, path: target.path, file: target.file, refs: refs + [name])
    }

    private mutating func compare(_ map: Node.Mapping, scope: RuleScope, path: String, file: File) -> Condition? {
        checkKeys(map, allowed: ["metric", "op", "value", "as"], path, file, what: "metric condition")
        let metric = catalogueName(map["metric"]!, kind: .metric, scope: scope, Self.join(path, "metric"), file)
        let op = requiredOperator(map, path, file)
        let value = required(map, "value", nil, path, file).flatMap {
            threshold($0, scope: scope, Self.join(path, "value"), file)
        }
        let alias = self.alias(map, path, file)
        guard let metric, let op, let value else { return nil }
        return .compare(MetricComparison(metric: metric, op: op, value: value, alias: alias))
    }

    private mutating func attribute(_ map: Node.Mapping, scope: RuleScope, path: String, file: File) -> Condition? {
        checkKeys(map, allowed: ["attribute", "in", "is"], path, file, what: "attribute condition")
        let name = catalogueName(map["attribute"]!, kind: .attribute, scope: scope, Self.join(path, "attribute"), file)
        var values: [String]?
        switch (map["in"], map["is"]) {
        case (let list?, nil): values = stringList(list, Self.join(path, "in"), file)
        case (nil, let one?): values = string(one, Self.join(path, "is"), file).map { [$0] }
        case (nil, nil):
            errors.append(
                file.error(
                    .missingKey, at: map["attribute"], path, "attribute condition needs in: [values] or is: value",
                    hint: "add in: [open] or is: open"))
        default:
            errors.append(
                file.error(
                    .wrongType, at: map["is"], Self.join(path, "is"), "attribute condition has both in: and is:",
                    hint: "keep one of them"))
        }
        guard let name, let values else { return nil }
        return .attribute(AttributeMatch(attribute: name, values: values))
    }

    private mutating func text(_ map: Node.Mapping, path: String, file: File) -> Condition? {
        checkKeys(
            map, allowed: ["text", "window", "kinds", "excluding", "min", "as"], path, file, what: "text condition")
        let phrases = stringList(map["text"]!, Self.join(path, "text"), file, allowScalar: true)
        if let phrases, phrases.isEmpty || phrases.contains(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty })
        {
            errors.append(
                file.error(.wrongType, at: map["text"], Self.join(path, "text"), "text needs non-empty phrases"))
        }
        let excluding = map["excluding"].flatMap {
            stringList($0, Self.join(path, "excluding"), file, allowScalar: true)
        }
        let window = requiredWindow(map, path, file)
        let kinds = activityKinds(map, path, file)
        var minimum = 1
        if let node = map["min"], let n = int(node, Self.join(path, "min"), file) {
            if n < 1 {
                errors.append(file.error(.wrongType, at: node, Self.join(path, "min"), "min must be at least 1"))
            }
            minimum = n
        }
        let alias = self.alias(map, path, file)
        guard let phrases, let window, let kinds else { return nil }
        return .text(
            TextMatch(
                phrases: phrases, excluding: excluding ?? [], kinds: kinds, window: window, minimum: minimum,
                alias: alias))
    }

    private mutating func aggregate(_ map: Node.Mapping, scope: RuleScope, path: String, file: File) -> Condition? {
        checkKeys(
            map, allowed: ["measure", "window", "op", "value", "kinds", "as"], path, file, what: "measure condition")
        let measure = catalogueName(map["measure"]!, kind: .measure, scope: scope, Self.join(path, "measure"), file)
        let window = requiredWindow(map, path, file)
        let kinds = measureKinds(map, measure: measure, path, file)
        let op = requiredOperator(map, path, file)
        let value = required(map, "value", nil, path, file).flatMap {
            threshold($0, scope: scope, Self.join(path, "value"), file)
        }
        let alias = self.alias(map, path, file)
        guard let measure, let window, let kinds, let op, let value else { return nil }
        return .aggregate(
            WindowAggregate(measure: measure, kinds: kinds, window: window, op: op, value: value, alias: alias))
    }

    private mutating func change(_ map: Node.Mapping, scope: RuleScope, path: String, file: File) -> Condition? {
        checkKeys(
            map,
            allowed: [
                "change", "window", "baseline", "mode", "op", "value", "min_baseline", "min_current", "kinds", "as",
            ], path, file, what: "change condition")
        let measure = catalogueName(map["change"]!, kind: .measure, scope: scope, Self.join(path, "change"), file)
        let window = requiredWindow(map, path, file)
        let baseline = map["baseline"].flatMap { self.window($0, Self.join(path, "baseline"), file) }
        var mode: ChangeMode?
        if let node = required(map, "mode", nil, path, file),
            let word = string(node, Self.join(path, "mode"), file)
        {
            mode = ChangeMode(rawValue: word.lowercased())
            if mode == nil {
                errors.append(
                    file.error(
                        .unknownValue, at: node, Self.join(path, "mode"), "unknown change mode '\(word)'",
                        hint: "use one of " + ChangeMode.allCases.map(\.rawValue).joined(separator: ", ")))
            }
        }
        if mode == .zscore, let window {
            let needed = Self.approximateLength(window).seconds * 2
            if let baseline {
                if Self.approximateLength(baseline).seconds < needed {
                    errors.append(
                        file.error(
                            .badWindow, at: map["baseline"], Self.join(path, "baseline"),
                            "z-score baseline \(baseline) is shorter than two \(window) windows",
                            hint: "use a baseline at least twice the window, e.g. \(RuleDuration(seconds: needed * 4))")
                    )
                }
            } else {
                errors.append(
                    file.error(
                        .missingKey, at: map["change"], path, "a z-score change needs a baseline: window",
                        hint: "add baseline: \(RuleDuration(seconds: needed * 4)) (several windows give the spread)"))
            }
        }
        let kinds = measureKinds(map, measure: measure, path, file)
        let op = requiredOperator(map, path, file)
        let value = required(map, "value", nil, path, file).flatMap {
            number($0, Self.join(path, "value"), file)
        }
        let minimumBaseline = map["min_baseline"].flatMap { number($0, Self.join(path, "min_baseline"), file) } ?? 0
        let minimumCurrent = map["min_current"].flatMap { number($0, Self.join(path, "min_current"), file) } ?? 0
        let alias = self.alias(map, path, file)
        guard let measure, let window, let mode, let kinds, let op, let value else { return nil }
        return .change(
            BaselineChange(
                measure: measure, kinds: kinds, window: window, baseline: baseline, mode: mode, op: op, value: value,
                minimumBaseline: minimumBaseline, minimumCurrent: minimumCurrent, alias: alias))
    }

    private mutating func noActivity(_ map: Node.Mapping, path: String, file: File) -> Condition? {
        checkKeys(map, allowed: ["no_activity"], path, file, what: "no_activity condition")
        let node = map["no_activity"]!
        let here = Self.join(path, "no_activity")
        var days: Int?
        var kinds: [ActivityKind]? = []
        if let inner = node.mapping {
            checkKeys(inner, allowed: ["days", "kinds"], here, file, what: "no_activity")
            days = required(inner, "days", node, here, file).flatMap { int($0, Self.join(here, "days"), file) }
            kinds = activityKinds(inner, here, file)
        } else {
            days = int(node, here, file)
        }
        if let d = days, d < 1 {
            errors.append(
                file.error(
                    .badWindow, at: node.mapping?["days"] ?? node, here, "no_activity needs at least 1 day, got \(d)",
                    hint: "write the number of silent days, e.g. no_activity: 14"))
            return nil
        }
        guard let days, let kinds else { return nil }
        return .noActivity(NoActivity(days: days, kinds: kinds))
    }

    private mutating func date(_ map: Node.Mapping, scope: RuleScope, path: String, file: File) -> Condition? {
        checkKeys(map, allowed: ["date", "within", "overdue"], path, file, what: "date condition")
        let field = catalogueName(map["date"]!, kind: .date, scope: scope, Self.join(path, "date"), file)
        var direction: DateProximity.Direction?
        switch (map["within"], map["overdue"]) {
        case (let within?, nil):
            direction = duration(within, Self.join(path, "within"), file).map { .within($0) }
        case (nil, let overdue?):
            let here = Self.join(path, "overdue")
            if let scalar = overdue.scalar, !Self.isQuoted(scalar), let flag = Bool.construct(from: scalar) {
                if flag {
                    direction = .overdue(by: nil)
                } else {
                    errors.append(
                        file.error(
                            .wrongType, at: overdue, here, "overdue: false never fires",
                            hint: "use overdue: true, overdue: 3d, or within: 90d"))
                }
            } else {
                direction = duration(overdue, here, file).map { .overdue(by: $0) }
            }
        case (nil, nil):
            errors.append(
                file.error(
                    .missingKey, at: map["date"], path, "date condition needs within: or overdue:",
                    hint: "add within: 90d (ahead) or overdue: true (past due)"))
        default:
            errors.append(
                file.error(
                    .wrongType, at: map["overdue"], Self.join(path, "overdue"),
                    "date condition has both within: and overdue:", hint: "keep one of them"))
        }
        guard let field, let direction else { return nil }
        return .date(DateProximity(field: field, direction: direction))
    }

    private mutating func distinctContacts(_ map: Node.Mapping, path: String, file: File) -> Condition? {
        checkKeys(
            map, allowed: ["distinct_contacts", "op", "value", "as"], path, file, what: "distinct_contacts condition")
        let node = map["distinct_contacts"]!
        let here = Self.join(path, "distinct_contacts")
        guard let inner = mapping(node, here, file, what: "{window: 14d, …}") else { return nil }
        checkKeys(inner, allowed: ["window", "kinds", "new_only", "roles"], here, file, what: "distinct_contacts")
        let window = requiredWindow(inner, here, file)
        let kinds = activityKinds(inner, here, file)
        let newOnly = inner["new_only"].flatMap { bool($0, Self.join(here, "new_only"), file) } ?? false
        var roles: [StakeholderRole]? = []
        if let rolesNode = inner["roles"] {
            roles = enumList(rolesNode, Self.join(here, "roles"), file, what: "stakeholder role") {
                StakeholderRole(rawValue: $0)
            }
        }
        let op = requiredOperator(map, path, file)
        let value = required(map, "value", nil, path, file).flatMap {
            number($0, Self.join(path, "value"), file)
        }
        let alias = self.alias(map, path, file)
        guard let window, let kinds, let roles, let op, let value else { return nil }
        return .distinctContacts(
            DistinctContacts(
                window: window, kinds: kinds, newOnly: newOnly, roles: roles, op: op, value: value, alias: alias))
    }

    private mutating func countWhere(
        _ map: Node.Mapping, scope: RuleScope, path: String, file: File, refs: [String]
    ) -> Condition? {
        checkKeys(map, allowed: ["count", "where", "op", "value", "as"], path, file, what: "count condition")
        let node = map["count"]!
        let here = Self.join(path, "count")
        var child: RuleScope?
        if let word = string(node, here, file) {
            if let s = RuleScope(rawValue: word), scope.children.contains(s) {
                child = s
            } else {
                let children = scope.children.map(\.rawValue)
                errors.append(
                    file.error(
                        .badCountScope, at: node, here, "\(Self.article(scope.rawValue)) rule cannot count '\(word)'",
                        hint: children.isEmpty
                            ? "\(Self.article(scope.rawValue)) rule has no child entities to count"
                            : "count one of: \(children.joined(separator: ", "))"))
            }
        }
        var inner: Condition?
        if let child, let whereNode = required(map, "where", nil, path, file) {
            inner = condition(whereNode, scope: child, path: Self.join(path, "where"), file: file, refs: refs)
        }
        let op = requiredOperator(map, path, file)
        let value = required(map, "value", nil, path, file).flatMap {
            number($0, Self.join(path, "value"), file)
        }
        let alias = self.alias(map, path, file)
        guard let child, let inner, let op, let value else { return nil }
        return .countWhere(CountWhere(of: child, condition: inner, op: op, value: value, alias: alias))
    }

    // MARK: Values

    private mutating func catalogueName(
        _ node: Node, kind: MetricCatalogue.Kind, scope: RuleScope, _ path: String, _ file: File
    ) -> String? {
        guard let name = string(node, path, file) else { return nil }
        guard let entry = MetricCatalogue.entry(name) else {
            let near = MetricCatalogue.suggestions(for: name, kind: kind)
            errors.append(
                file.error(
                    .unknownName, at: node, path, "unknown \(kind.rawValue) '\(name)'",
                    hint: near.isEmpty
                        ? "`pulse rules catalogue` lists every \(kind.rawValue) of \(scope.rawValue) rules"
                        : "did you mean " + near.map { "'\($0)'" }.joined(separator: " or ") + "?"))
            return nil
        }
        guard entry.kind == kind else {
            let key =
                entry.kind == .metric
                ? "metric"
                : entry.kind == .attribute
                    ? "attribute"
                    : entry.kind == .date
                        ? "date" : "measure"
            errors.append(
                file.error(
                    .wrongKind, at: node, path,
                    "'\(name)' is \(Self.article(entry.kind.rawValue)), not \(Self.article(kind.rawValue))",
                    hint: "use it in a `\(key): \(name)` condition"))
            return nil
        }
        guard entry.scopes.contains(scope) else {
            let inScope = MetricCatalogue.names(kind, scope: scope)
                .map { ($0, EditDistance.between($0, name)) }.filter { $0.1 <= max(3, name.count / 3) }
                .sorted { ($0.1, $0.0) < ($1.1, $1.0) }.prefix(1).map { " (nearest for \(scope.rawValue): '\($0.0)')" }
            errors.append(
                file.error(
                    .wrongScope, at: node, path,
                    "\(kind.rawValue) '\(name)' is not available in \(scope.rawValue) rules",
                    hint: "it exists for \(Self.scopeList(entry.scopes)) rules" + (inScope.first ?? "")))
            return nil
        }
        return name
    }

    private mutating func threshold(_ node: Node, scope: RuleScope, _ path: String, _ file: File) -> Threshold? {
        if let map = node.mapping {
            if let metric = map["metric"] {
                checkKeys(map, allowed: ["metric"], path, file, what: "value")
                return catalogueName(metric, kind: .metric, scope: scope, Self.join(path, "metric"), file)
                    .map { .metric($0) }
            }
            if let target = map["target"] {
                checkKeys(map, allowed: ["target", "factor"], path, file, what: "value")
                let key = string(target, Self.join(path, "target"), file)
                var factor = 1.0
                if let node = map["factor"], let f = number(node, Self.join(path, "factor"), file) {
                    if f <= 0 {
                        errors.append(
                            file.error(.wrongType, at: node, Self.join(path, "factor"), "factor must be above 0"))
                    }
                    factor = f
                }
                return key.map { .target($0, factor: factor) }
            }
            errors.append(
                file.error(
                    .wrongType, at: node, path, "value must be a number, {metric: NAME} or {target: KEY, factor: X}",
                    hint: "e.g. value: 25"))
            return nil
        }
        return number(node, path, file).map { .number($0) }
    }

    private mutating func requiredOperator(_ map: Node.Mapping, _ path: String, _ file: File) -> ComparisonOperator? {
        guard let node = required(map, "op", nil, path, file),
            let word = string(node, Self.join(path, "op"), file)
        else { return nil }
        let aliases = ["=": "==", "≤": "<=", "≥": ">=", "≠": "!=", "<>": "!="]
        guard let op = ComparisonOperator(rawValue: word) else {
            let all = ComparisonOperator.allCases.map(\.rawValue).joined(separator: " ")
            errors.append(
                file.error(
                    .unknownOperator, at: node, Self.join(path, "op"), "unknown operator '\(word)'",
                    hint: (aliases[word].map { "did you mean '\($0)'? " } ?? "") + "operators are \(all)"))
            return nil
        }
        return op
    }

    private mutating func requiredWindow(_ map: Node.Mapping, _ path: String, _ file: File) -> WindowSpec? {
        guard let node = required(map, "window", nil, path, file) else { return nil }
        return window(node, Self.join(path, "window"), file)
    }

    private mutating func window(_ node: Node, _ path: String, _ file: File) -> WindowSpec? {
        guard let text = string(node, path, file) else { return nil }
        guard let window = WindowSpec(text) else {
            let number = text.trimmingCharacters(in: .whitespaces).dropLast()
            let nonPositive = Int(number.hasPrefix("next ") ? number.dropFirst(5) : number).map { $0 <= 0 } ?? false
            errors.append(
                file.error(
                    .badWindow, at: node, path,
                    nonPositive ? "window '\(text)' is not a positive length" : "'\(text)' is not a window",
                    hint: "use a positive duration (7d, 2w, 24h), 'next 7d', or this_week, last_week, next_week, "
                        + "this_month, last_month, this_quarter, last_quarter, today, yesterday"))
            return nil
        }
        if Self.approximateLength(window) > Self.maximumWindow {
            errors.append(
                file.error(
                    .badWindow, at: node, path, "window '\(text)' is longer than 3 years",
                    hint: "use at most \(Self.maximumWindow)"))
            return nil
        }
        return window
    }

    mutating func duration(_ node: Node, _ path: String, _ file: File) -> RuleDuration? {
        guard let text = string(node, path, file) else { return nil }
        guard let duration = RuleDuration(text) else {
            errors.append(
                file.error(
                    .badWindow, at: node, path, "'\(text)' is not a positive duration",
                    hint: "write a whole number and a unit: 30m, 24h, 14d or 2w"))
            return nil
        }
        if duration > Self.maximumWindow {
            errors.append(
                file.error(
                    .badWindow, at: node, path, "duration '\(text)' is longer than 3 years",
                    hint: "use at most \(Self.maximumWindow)"))
            return nil
        }
        return duration
    }

    private mutating func measureKinds(
        _ map: Node.Mapping, measure: String?, _ path: String, _ file: File
    ) -> [String]? {
        guard let node = map["kinds"] else { return [] }
        let here = Self.join(path, "kinds")
        guard let kinds = stringList(node, here, file) else { return nil }
        guard let measure, let entry = MetricCatalogue.entry(measure) else { return kinds }
        guard !entry.kindFilter.isEmpty else {
            errors.append(
                file.error(
                    .unknownKind, at: node, here, "measure '\(measure)' takes no kinds filter",
                    hint: "remove kinds:, or use measure 'activities' or 'engagement' which take one"))
            return nil
        }
        let items = node.sequence.map(Array.init) ?? []
        var ok = true
        for (i, kind) in kinds.enumerated() where !entry.kindFilter.contains(kind) {
            ok = false
            errors.append(
                file.error(
                    .unknownKind, at: i < items.count ? items[i] : node, here + "[\(i)]",
                    "'\(kind)' is not a kind of measure '\(measure)'",
                    hint: Self.didYouMeanOrList(kind, among: entry.kindFilter)))
        }
        return ok ? kinds : nil
    }

    private mutating func activityKinds(_ map: Node.Mapping, _ path: String, _ file: File) -> [ActivityKind]? {
        guard let node = map["kinds"] else { return [] }
        return enumList(node, Self.join(path, "kinds"), file, what: "activity kind") { ActivityKind(rawValue: $0) }
    }

    private mutating func enumList<T: CaseIterable & RawRepresentable>(
        _ node: Node, _ path: String, _ file: File, what: String, code: RuleFileError.Code = .unknownKind,
        _ make: (String) -> T?
    ) -> [T]? where T.RawValue == String {
        guard let words = stringList(node, path, file) else { return nil }
        let items = node.sequence.map(Array.init) ?? []
        var values: [T] = []
        for (i, word) in words.enumerated() {
            if let value = make(word) {
                values.append(value)
            } else {
                errors.append(
                    file.error(
                        code, at: i < items.count ? items[i] : node, path + "[\(i)]", "unknown \(what) '\(word)'",
                        hint: Self.didYouMeanOrList(word, among: T.allCases.map(\.rawValue))))
            }
        }
        return values.count == words.count ? values : nil
    }

    private mutating func scopeValue(_ node: Node, _ path: String, _ file: File) -> RuleScope? {
        guard let word = string(node, path, file) else { return nil }
        guard let scope = RuleScope(rawValue: word) else {
            errors.append(
                file.error(
                    .unknownValue, at: node, path, "unknown scope '\(word)'",
                    hint: Self.didYouMean(word, among: RuleScope.allCases.map(\.rawValue), listing: true)))
            return nil
        }
        return scope
    }

    private mutating func severityValue(_ node: Node, _ path: String, _ file: File) -> Severity? {
        guard let word = string(node, path, file) else { return nil }
        guard let severity = Severity(word: word) else {
            errors.append(
                file.error(
                    .unknownSeverity, at: node, path, "unknown severity '\(word)'",
                    hint: "use one of " + Severity.vocabulary.keys.sorted().joined(separator: ", ")))
            return nil
        }
        return severity
    }

    private mutating func recipientList(_ node: Node, _ path: String, _ file: File) -> [RecipientRole] {
        let roles =
            enumList(node, path, file, what: "recipient role", code: .unknownRecipient) {
                RecipientRole(rawValue: $0)
            } ?? [.owner]
        if roles.isEmpty {
            errors.append(
                file.error(
                    .wrongType, at: node, path, "recipients is empty",
                    hint: "name at least one of " + RecipientRole.allCases.map(\.rawValue).joined(separator: ", ")))
        }
        return roles
    }

    private mutating func labelMap(_ node: Node, _ path: String, _ file: File) -> [String: String] {
        guard let map = mapping(node, path, file, what: "a mapping of label: value") else { return [:] }
        var labels: [String: String] = [:]
        for (key, value) in map {
            guard let name = string(key, path, file) else { continue }
            if let text = string(value, Self.join(path, name), file) { labels[name] = text }
        }
        return labels
    }

    mutating func alias(_ map: Node.Mapping, _ path: String, _ file: File) -> String? {
        guard let node = map["as"], let name = string(node, Self.join(path, "as"), file) else { return nil }
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.")
        guard !name.isEmpty, name.allSatisfy({ allowed.contains($0) }) else {
            errors.append(
                file.error(
                    .wrongType, at: node, Self.join(path, "as"), "alias '\(name)' is not a template name",
                    hint: "use letters, digits, '_' and '.', e.g. as: tickets"))
            return nil
        }
        return name
    }

    // MARK: Node helpers

    mutating func required(
        _ map: Node.Mapping, _ key: String, _ owner: Node?, _ path: String, _ file: File
    ) -> Node? {
        if let value = map[key] { return value }
        let line = owner?.mark ?? map.mark
        errors.append(
            file.error(
                .missingKey, line: line?.line ?? 0, column: line?.column ?? 0, path, "missing required key '\(key)'",
                hint: Self.keyHint[key] ?? "add \(key):"))
        return nil
    }

    private static let keyHint: [String: String] = [
        "id": "add id: a-unique-id (lower-case words joined by '-')",
        "title": "add title: a short headline",
        "scope": "add scope: one of " + RuleScope.allCases.map(\.rawValue).joined(separator: ", "),
        "severity": "add severity: critical, high, medium or low (or P1, P2, P3, urgent …)",
        "when": "add when: with the condition that fires the rule",
        "op": "add op: one of < <= > >= == !=",
        "value": "add value: the number to compare with",
        "window": "add window: 7d (or next 7d, this_week …)",
        "mode": "add mode: percent, absolute, ratio or zscore",
    ]

    private mutating func mapping(_ node: Node, _ path: String, _ file: File, what: String) -> Node.Mapping? {
        if let map = node.mapping { return map }
        errors.append(
            file.error(
                .wrongType, at: node, path, "expected \(what) (a mapping of key: value), got \(Self.describe(node))"))
        return nil
    }

    private mutating func sequence(_ node: Node, _ path: String, _ file: File) -> [Node]? {
        if let list = node.sequence { return Array(list) }
        errors.append(
            file.error(
                .wrongType, at: node, path, "expected a list, got \(Self.describe(node))",
                hint: "write it as [a, b] or one '- item' per line"))
        return nil
    }

    mutating func string(_ node: Node, _ path: String, _ file: File) -> String? {
        if let scalar = node.scalar, !Self.isNull(scalar) { return scalar.string }
        errors.append(file.error(.wrongType, at: node, path, "expected text, got \(Self.describe(node))"))
        return nil
    }

    private mutating func stringList(_ node: Node, _ path: String, _ file: File, allowScalar: Bool = false) -> [String]?
    {
        if allowScalar, let scalar = node.scalar, !Self.isNull(scalar) { return [scalar.string] }
        guard let items = sequence(node, path, file) else { return nil }
        var values: [String] = []
        for (i, item) in items.enumerated() {
            if let text = string(item, path + "[\(i)]", file) { values.append(text) }
        }
        return values.count == items.count ? values : nil
    }

    private mutating func number(_ node: Node, _ path: String, _ file: File) -> Double? {
        if let scalar = node.scalar, !Self.isQuoted(scalar), let value = Double.construct(from: scalar),
            value.isFinite
        {
            return value
        }
        errors.append(
            file.error(
                .wrongType, at: node, path, "expected a number, got \(Self.describe(node))",
                hint: "write a plain number such as 25 or 0.38 (rates are fractions; money in whole units)"))
        return nil
    }

    mutating func int(_ node: Node, _ path: String, _ file: File) -> Int? {
        if let scalar = node.scalar, !Self.isQuoted(scalar), let value = Int.construct(from: scalar) { return value }
        errors.append(
            file.error(.wrongType, at: node, path, "expected a whole number, got \(Self.describe(node))"))
        return nil
    }

    private mutating func bool(_ node: Node, _ path: String, _ file: File) -> Bool? {
        if let scalar = node.scalar, !Self.isQuoted(scalar), let value = Bool.construct(from: scalar) {
            return value
        }
        errors.append(
            file.error(.wrongType, at: node, path, "expected true or false, got \(Self.describe(node))"))
        return nil
    }

    /// Reports every key of `map` not in `allowed`, naming the nearest allowed key.
    mutating func checkKeys(_ map: Node.Mapping, allowed: [String], _ path: String, _ file: File, what: String) {
        for key in map.keys {
            guard let name = key.scalar?.string else {
                errors.append(file.error(.wrongType, at: key, path, "keys must be plain words"))
                continue
            }
            guard !allowed.contains(name) else { continue }
            errors.append(
                file.error(
                    .unknownKey, at: key, Self.join(path, name), "unknown key '\(name)' in \(what)",
                    hint: Self.didYouMean(name, among: allowed, listing: true)))
        }
    }

    // MARK: Static helpers

    static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : path + "." + key }

    /// "did you mean 'x'?" for the nearest candidate, else (when `listing`) the list of candidates.
    static func didYouMean(_ word: String, among candidates: [String], listing: Bool) -> String {
        let nearest = candidates.map { ($0, EditDistance.between($0, word.lowercased())) }
            .filter { $0.1 <= max(2, word.count / 3) }.min { ($0.1, $0.0) < ($1.1, $1.0) }
        if let nearest { return "did you mean '\(nearest.0)'?" }
        return listing ? "use one of " + candidates.joined(separator: ", ") : ""
    }

    /// "did you mean 'x'? (one of a, b, c)", or "use one of a, b, c" when nothing is near.
    static func didYouMeanOrList(_ word: String, among candidates: [String]) -> String {
        let near = didYouMean(word, among: candidates, listing: false)
        let list = candidates.joined(separator: ", ")
        return near.isEmpty ? "use one of " + list : near + " (one of " + list + ")"
    }

    static func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let s): isNull(s) ? "nothing" : "'\(s.string)'"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }

    /// True for a scalar written as text (quoted, or resolved to a string).
    static func isQuoted(_ scalar: Node.Scalar) -> Bool { scalar.tag.rawValue == Tag.Name.str.rawValue }

    /// True for `~`, `null` or an empty value.
    static func isNull(_ scalar: Node.Scalar) -> Bool { scalar.tag.rawValue == Tag.Name.null.rawValue }

    static func article(_ word: String) -> String {
        ("aeiou".contains(word.first ?? "x") ? "an " : "a ") + word
    }

    static func scopeList(_ scopes: Set<RuleScope>) -> String {
        RuleScope.allCases.filter(scopes.contains).map(\.rawValue).joined(separator: ", ")
    }

    /// A window's length for limits: calendar periods count as their longest length.
    static func approximateLength(_ window: WindowSpec) -> RuleDuration {
        switch window {
        case .last(let d), .next(let d): d
        case .calendar(.day, _): .days(1)
        case .calendar(.week, _): .days(7)
        case .calendar(.month, _): .days(31)
        case .calendar(.quarter, _): .days(92)
        }
    }
}
