import Foundation

/// A rule's firing condition: a tree of checks over one scope entity (a deal, an account, a rep …) at `now`.
///
/// Every leaf names what it measures by a `MetricCatalogue` name; `docs/rules.md` shows the YAML for each case.
public indirect enum Condition: Hashable, Sendable {
    /// All children hold (YAML `all: [...]`).
    case all([Condition])
    /// At least one child holds (YAML `any: [...]`).
    case any([Condition])
    /// The child does not hold (YAML `not: {...}`).
    case not(Condition)
    /// A named condition from a rule file's `conditions:` library (YAML `ref: name`); cycles are load errors.
    case ref(String)
    /// A point-in-time metric compared with a number, another metric or a KPI target.
    case compare(MetricComparison)
    /// A text attribute (deal.stage, rep.role …) is one of some values, case-insensitively.
    case attribute(AttributeMatch)
    /// A word or phrase occurs in activity text (subject + body) within a window.
    case text(TextMatch)
    /// A windowed measure (count, sum, average or rate over a window) compared with a threshold.
    case aggregate(WindowAggregate)
    /// A windowed measure now versus its baseline window: percent, absolute, ratio or z-score change.
    case change(BaselineChange)
    /// No activity (of some kinds) on the entity for at least N days.
    case noActivity(NoActivity)
    /// A date field falls within a horizon ahead of now, or is past due.
    case date(DateProximity)
    /// Number of distinct contacts taking part in activities in a window (optionally only new ones, or roles).
    case distinctContacts(DistinctContacts)
    /// Number of child entities (deals, accounts, reps) of the scope entity for which a condition holds.
    case countWhere(CountWhere)
    /// The latest points of a metric series are unusual against its own past (YAML `anomaly: {...}` or
    /// `anomaly(win_rate, drop, medium)`); see `AnomalyCondition` and `MetricSeriesCatalogue`.
    case anomaly(AnomalyCondition)
}

/// Comparison operators in rules: `<`, `<=`, `>`, `>=`, `==`, `!=`.
public enum ComparisonOperator: String, Hashable, Sendable, Codable, CaseIterable {
    case lessThan = "<", lessOrEqual = "<=", greaterThan = ">", greaterOrEqual = ">=", equal = "==", notEqual = "!="

    /// Applies the operator.
    public func holds(_ lhs: Double, _ rhs: Double) -> Bool {
        switch self {
        case .lessThan: lhs < rhs
        case .lessOrEqual: lhs <= rhs
        case .greaterThan: lhs > rhs
        case .greaterOrEqual: lhs >= rhs
        case .equal: lhs == rhs
        case .notEqual: lhs != rhs
        }
    }
}

/// What a comparison's right-hand side is.
public enum Threshold: Hashable, Sendable {
    /// A literal number (`value: 25`).
    case number(Double)
    /// Another metric of the same entity (`value: {metric: deal.amount}`).
    case metric(String)
    /// A KPI target by key, the entity's own (rep, team) before the tenant's (`value: {target: calls_per_bdr_week}`),
    /// optionally scaled (`factor: 0.8`). A missing target makes the comparison false.
    case target(String, factor: Double)
}

/// `metric op value`. A metric with no value for the entity (unknown, not applicable) makes the comparison false.
public struct MetricComparison: Hashable, Sendable {
    public var metric: String
    public var op: ComparisonOperator
    public var value: Threshold
    /// Name under which the value is exposed to message templates (`as:`); defaults to the metric name.
    public var alias: String?

    public init(metric: String, op: ComparisonOperator, value: Threshold, alias: String? = nil) {
        self.metric = metric
        self.op = op
        self.value = value
        self.alias = alias
    }
}

/// `attribute in [values]`, case-insensitive; a missing attribute never matches.
public struct AttributeMatch: Hashable, Sendable {
    public var attribute: String
    public var values: [String]

    public init(attribute: String, values: [String]) {
        self.attribute = attribute
        self.values = values
    }
}

/// Phrase search in activity text. Matching is case-insensitive on whole words ("ROI" does not match "heroic").
public struct TextMatch: Hashable, Sendable {
    public var phrases: [String]
    /// Phrases that cancel a match in the same activity ("not approved").
    public var excluding: [String]
    /// Activity kinds searched; empty = all kinds.
    public var kinds: [ActivityKind]
    public var window: WindowSpec
    /// Minimum number of matching activities (default 1).
    public var minimum: Int
    /// Template name prefix for the facts this produces (`<as>.phrase`, `<as>.count`, `<as>.excerpt`, `<as>.at`).
    public var alias: String?

    public init(
        phrases: [String], excluding: [String] = [], kinds: [ActivityKind] = [], window: WindowSpec,
        minimum: Int = 1, alias: String? = nil
    ) {
        self.phrases = phrases
        self.excluding = excluding
        self.kinds = kinds
        self.window = window
        self.minimum = minimum
        self.alias = alias
    }
}

/// `measure over window op threshold`, e.g. tickets_opened over 7d >= 3.
public struct WindowAggregate: Hashable, Sendable {
    /// A windowed measure name from `MetricCatalogue.measures`.
    public var measure: String
    /// Optional kind filter for activity / engagement measures (activity or engagement kind raw values).
    public var kinds: [String]
    public var window: WindowSpec
    public var op: ComparisonOperator
    public var value: Threshold
    /// Facts prefix (`<as>.value`); defaults to the measure name.
    public var alias: String?

    public init(
        measure: String, kinds: [String] = [], window: WindowSpec, op: ComparisonOperator, value: Threshold,
        alias: String? = nil
    ) {
        self.measure = measure
        self.kinds = kinds
        self.window = window
        self.op = op
        self.value = value
        self.alias = alias
    }
}

/// How a change versus baseline is measured.
public enum ChangeMode: String, Hashable, Sendable, Codable, CaseIterable {
    /// (current − baseline) / baseline × 100.
    case percent
    /// current − baseline (rates are fractions, so 5 points = 0.05).
    case absolute
    /// current / baseline.
    case ratio
    /// (current − mean) / standard deviation of the baseline split into windows of the current length.
    case zscore
}

/// A measure in the current window against a baseline window. Counts and sums in a baseline longer than the
/// current window are scaled to the current window's length; averages and rates are compared as they are.
public struct BaselineChange: Hashable, Sendable {
    public var measure: String
    public var kinds: [String]
    public var window: WindowSpec
    /// Baseline window. A `.last(d)` baseline is the `d` just before the current window starts
    /// ([start − d, start)); a calendar baseline is that calendar period; nil = the same length just before
    /// the current window (`WindowSpec.previousInterval`).
    public var baseline: WindowSpec?
    public var mode: ChangeMode
    public var op: ComparisonOperator
    public var value: Double
    /// The change is not evaluated (condition false) when the baseline is below this (avoids 1 → 2 = +100 %).
    public var minimumBaseline: Double
    /// The change is not evaluated when the current value is below this.
    public var minimumCurrent: Double
    /// Facts prefix: `<as>.current`, `<as>.baseline`, `<as>.change`; defaults to the measure name.
    public var alias: String?

    public init(
        measure: String, kinds: [String] = [], window: WindowSpec, baseline: WindowSpec? = nil, mode: ChangeMode,
        op: ComparisonOperator, value: Double, minimumBaseline: Double = 0, minimumCurrent: Double = 0,
        alias: String? = nil
    ) {
        self.measure = measure
        self.kinds = kinds
        self.window = window
        self.baseline = baseline
        self.mode = mode
        self.op = op
        self.value = value
        self.minimumBaseline = minimumBaseline
        self.minimumCurrent = minimumCurrent
        self.alias = alias
    }
}

/// True when the entity's most recent activity (of `kinds`) is at least `days` old; an entity with none counts
/// from its creation (deal `createdAt`, account `createdAt`), and is skipped when that is unknown too.
public struct NoActivity: Hashable, Sendable {
    public var days: Int
    public var kinds: [ActivityKind]

    public init(days: Int, kinds: [ActivityKind] = []) {
        self.days = days
        self.kinds = kinds
    }
}

/// A date field relative to now: `within` a horizon ahead (0 ≤ date − now ≤ within), or `overdue` (date < now,
/// by at least `overdueBy`, default any amount).
public struct DateProximity: Hashable, Sendable {
    public enum Direction: Hashable, Sendable {
        case within(RuleDuration)
        case overdue(by: RuleDuration?)
    }
    /// A date field name from `MetricCatalogue.dates` (account.renewal_date, deal.expected_close …).
    public var field: String
    public var direction: Direction

    public init(field: String, direction: Direction) {
        self.field = field
        self.direction = direction
    }
}

/// Distinct contacts who took part (participants and the activity's contact) in activities within a window.
public struct DistinctContacts: Hashable, Sendable {
    public var window: WindowSpec
    public var kinds: [ActivityKind]
    /// Count only contacts never seen in the entity's activities before the window.
    public var newOnly: Bool
    /// Count only contacts with these stakeholder roles; empty = any role.
    public var roles: [StakeholderRole]
    public var op: ComparisonOperator
    public var value: Double
    /// Facts prefix: `<as>.count`, `<as>.names`; defaults to `contacts`.
    public var alias: String?

    public init(
        window: WindowSpec, kinds: [ActivityKind] = [], newOnly: Bool = false, roles: [StakeholderRole] = [],
        op: ComparisonOperator, value: Double, alias: String? = nil
    ) {
        self.window = window
        self.kinds = kinds
        self.newOnly = newOnly
        self.roles = roles
        self.op = op
        self.value = value
        self.alias = alias
    }
}

/// Counts child entities for which `condition` holds: a tenant's deals, a rep's deals, a team's reps, a segment's
/// deals, a tenant's accounts … (see `RuleScope.children`).
public struct CountWhere: Hashable, Sendable {
    public var of: RuleScope
    public var condition: Condition
    public var op: ComparisonOperator
    public var value: Double
    /// Facts prefix: `<as>.count`, `<as>.examples` (up to five names), `<as>.amount` (sum of deal amounts);
    /// defaults to `matching`.
    public var alias: String?

    public init(of: RuleScope, condition: Condition, op: ComparisonOperator, value: Double, alias: String? = nil) {
        self.of = of
        self.condition = condition
        self.op = op
        self.value = value
        self.alias = alias
    }
}
