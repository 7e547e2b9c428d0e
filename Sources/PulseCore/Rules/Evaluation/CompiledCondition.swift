import Foundation

/// A `Condition` prepared for fast evaluation: catalogue names resolved to keys, phrases lower-cased, kind
/// filters as sets. A name the catalogue does not have, or an unresolved `ref`, compiles to `never`.
indirect enum CompiledCondition: Sendable {
    case all([CompiledCondition])
    case any([CompiledCondition])
    case not(CompiledCondition)
    case never
    case compare(Compare)
    case attribute(key: CatalogueKey, values: Set<String>)
    case text(Text)
    case aggregate(Aggregate)
    case change(Change)
    case noActivity(days: Int, kinds: Set<ActivityKind>)
    case date(key: CatalogueKey, direction: DateProximity.Direction)
    case distinctContacts(Distinct)
    case count(Count)
    case anomaly(Anomaly)

    struct Compare: Sendable {
        var key: CatalogueKey
        var op: ComparisonOperator
        var threshold: CompiledThreshold
        var alias: String
    }

    struct Text: Sendable {
        var matcher: PhraseMatcher
        var excluding: PhraseMatcher
        var kinds: Set<ActivityKind>
        var window: WindowSpec
        var minimum: Int
        var alias: String
    }

    struct Aggregate: Sendable {
        var measure: MeasureKey
        var entry: MetricCatalogue.Entry
        var kinds: Set<String>
        var window: WindowSpec
        var op: ComparisonOperator
        var threshold: CompiledThreshold
        var alias: String
    }

    struct Change: Sendable {
        var measure: MeasureKey
        var entry: MetricCatalogue.Entry
        var spec: BaselineChange
        var kinds: Set<String>
        var alias: String
    }

    struct Distinct: Sendable {
        var spec: DistinctContacts
        var kinds: Set<ActivityKind>
        var roles: Set<StakeholderRole>
        var alias: String
    }

    struct Anomaly: Sendable {
        var definition: MetricSeriesDefinition
        var check: AnomalyCheck
        /// Baseline and window points of the series built for each entity.
        var points: Int
        var alias: String
    }

    struct Count: Sendable {
        var of: RuleScope
        var condition: CompiledCondition
        var op: ComparisonOperator
        var value: Double
        var alias: String
    }

    /// Compiles a condition (refs are expected inlined already; a remaining one never holds).
    init(_ condition: Condition) {
        switch condition {
        case .all(let children): self = .all(children.map(CompiledCondition.init))
        case .any(let children): self = .any(children.map(CompiledCondition.init))
        case .not(let child): self = .not(CompiledCondition(child))
        case .ref: self = .never
        case .compare(let c):
            guard let key = CatalogueKey(rawValue: c.metric), let threshold = CompiledThreshold(c.value) else {
                self = .never
                return
            }
            self = .compare(.init(key: key, op: c.op, threshold: threshold, alias: c.alias ?? c.metric))
        case .attribute(let a):
            guard let key = CatalogueKey(rawValue: a.attribute) else {
                self = .never
                return
            }
            self = .attribute(key: key, values: Set(a.values.map { $0.lowercased() }))
        case .text(let t):
            self = .text(
                .init(
                    matcher: PhraseMatcher(t.phrases), excluding: PhraseMatcher(t.excluding), kinds: Set(t.kinds),
                    window: t.window, minimum: max(1, t.minimum), alias: t.alias ?? "text"))
        case .aggregate(let a):
            guard let key = MeasureKey(rawValue: a.measure), let entry = MetricCatalogue.entry(a.measure),
                let threshold = CompiledThreshold(a.value)
            else {
                self = .never
                return
            }
            self = .aggregate(
                .init(
                    measure: key, entry: entry, kinds: Set(a.kinds), window: a.window, op: a.op, threshold: threshold,
                    alias: a.alias ?? a.measure))
        case .change(let c):
            guard let key = MeasureKey(rawValue: c.measure), let entry = MetricCatalogue.entry(c.measure) else {
                self = .never
                return
            }
            self = .change(.init(measure: key, entry: entry, spec: c, kinds: Set(c.kinds), alias: c.alias ?? c.measure))
        case .noActivity(let n): self = .noActivity(days: n.days, kinds: Set(n.kinds))
        case .date(let d):
            guard let key = CatalogueKey(rawValue: d.field) else {
                self = .never
                return
            }
            self = .date(key: key, direction: d.direction)
        case .distinctContacts(let d):
            self = .distinctContacts(
                .init(spec: d, kinds: Set(d.kinds), roles: Set(d.roles), alias: d.alias ?? "contacts"))
        case .countWhere(let c):
            self = .count(
                .init(
                    of: c.of, condition: CompiledCondition(c.condition), op: c.op, value: c.value,
                    alias: c.alias ?? "matching"))
        case .anomaly(let a):
            guard let definition = MetricSeriesCatalogue.definition(a.series) else {
                self = .never
                return
            }
            self = .anomaly(
                .init(
                    definition: definition, check: AnomalyCheck(a, definition: definition),
                    points: AnomalyCheck.points(a, definition: definition), alias: a.alias ?? "anomaly"))
        }
    }
}

/// A comparison's right-hand side with catalogue names resolved.
enum CompiledThreshold: Sendable {
    case number(Double)
    case metric(CatalogueKey)
    case target(String, factor: Double)

    init?(_ threshold: Threshold) {
        switch threshold {
        case .number(let v): self = .number(v)
        case .target(let key, let factor): self = .target(key, factor: factor)
        case .metric(let name):
            guard let key = CatalogueKey(rawValue: name) else { return nil }
            self = .metric(key)
        }
    }
}
