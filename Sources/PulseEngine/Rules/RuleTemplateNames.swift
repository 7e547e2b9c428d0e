import PulseCore

/// The `{{name}}` variables a rule's message may use: catalogue metrics, attributes and dates of its scope, the
/// fixed names (`entity.name`, `owner.name`, `rule.title`, `severity`, `now`) and the facts its conditions produce.
public enum RuleTemplateNames {
    /// Names every message may use whatever its conditions.
    public static let fixed: Set<String> = ["entity.name", "owner.name", "rule.title", "severity", "now"]

    /// Every variable available to a rule of `scope` whose (ref-inlined) condition is `condition`.
    public static func available(scope: RuleScope, condition: Condition) -> Set<String> {
        var names = fixed
        for entry in MetricCatalogue.entries where entry.kind != .measure && entry.scopes.contains(scope) {
            names.insert(entry.name)
        }
        names.formUnion(facts(of: condition))
        return names
    }

    /// The fact names a condition tree produces (see docs/rules.md, "Template variables"). A `count` condition's
    /// inner condition runs on child entities, so only the count's own facts are exposed.
    public static func facts(of condition: Condition) -> Set<String> {
        switch condition {
        case .all(let children), .any(let children):
            return children.reduce(into: Set<String>()) { $0.formUnion(facts(of: $1)) }
        case .not(let child):
            return facts(of: child)
        case .ref:
            return []
        case .compare(let c):
            let alias = c.alias ?? c.metric
            return [alias, alias + ".threshold"]
        case .attribute:
            return []
        case .text(let t):
            return suffixed(t.alias ?? "text", ["phrase", "count", "excerpt", "at"])
        case .aggregate(let a):
            let alias = a.alias ?? a.measure
            return [alias, alias + ".threshold"]
        case .change(let c):
            return suffixed(c.alias ?? c.measure, ["current", "baseline", "change"])
        case .noActivity:
            return ["no_activity.days"]
        case .date(let d):
            return [d.field, d.field + ".days_until", d.field + ".days_overdue"]
        case .distinctContacts(let d):
            return suffixed(d.alias ?? "contacts", ["count", "names"])
        case .countWhere(let c):
            return suffixed(c.alias ?? "matching", ["count", "examples", "amount"])
        case .anomaly(let a):
            let kind = MetricSeriesCatalogue.definition(a.series)?.kind ?? .value
            return Set(AnomalyCondition.factNames(prefix: a.alias ?? "anomaly", kind: kind))
        }
    }

    private static func suffixed(_ alias: String, _ suffixes: [String]) -> Set<String> {
        Set(suffixes.map { alias + "." + $0 })
    }
}
