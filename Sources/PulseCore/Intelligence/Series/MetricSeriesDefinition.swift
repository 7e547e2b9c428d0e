import Foundation

/// One named series of `MetricSeriesCatalogue`: what it counts, for which rule scopes, per day or per week, and
/// whether it is a value or a rate.
public struct MetricSeriesDefinition: Hashable, Sendable {
    /// How the points are computed from the windowed measures of `EvaluationData`.
    enum Source: Hashable, Sendable {
        /// One measure per bucket (missing when the measure has no value, e.g. a mean of nothing).
        case measure(MeasureKey)
        /// `successes ÷ trials` per bucket; both measures are counts.
        case ratio(successes: MeasureKey, trials: MeasureKey)
    }

    public let name: String
    /// One line for `pulse rules catalogue` and error hints.
    public let summary: String
    public let scopes: Set<RuleScope>
    public let bucket: SeriesBucket
    public let kind: SeriesKind
    /// How values print in facts (money is in cents, shown in whole units).
    public let unit: FactUnit
    public let isMoney: Bool
    let source: Source

    init(
        _ name: String, _ summary: String, scopes: Set<RuleScope>, bucket: SeriesBucket = .day, unit: FactUnit = .count,
        isMoney: Bool = false, source: Source
    ) {
        self.name = name
        self.summary = summary
        self.scopes = scopes
        self.bucket = bucket
        if case .ratio = source { self.kind = .rate } else { self.kind = .value }
        self.unit = unit
        self.isMoney = isMoney
        self.source = source
    }

    /// Points the seasonal baseline needs in the baseline part: two seasons and at least 8.
    public var minimumBaselinePoints: Int { kind == .rate ? 1 : max(8, 2 * bucket.period) }

    /// The window a rule gets when it names none: the latest point for value series, 7 days for rates.
    public var defaultWindow: RuleDuration { kind == .rate ? .days(7) : .init(seconds: bucket.seconds) }

    /// The baseline a rule gets when it names none: 90 days (13 weeks for weekly value series).
    public var defaultBaseline: RuleDuration { conditionBucket == .day ? .days(90) : .days(91) }

    /// The points the `anomaly` condition builds: the series' own for values; days for rates, whose test only
    /// sums successes and trials, so any whole-day window and baseline work.
    public var conditionBucket: SeriesBucket { kind == .rate ? .day : bucket }

    /// A fact for a value of this series (money in cents).
    func fact(_ value: Double) -> FactValue {
        if kind == .rate { return .number(value, .fraction) }
        return isMoney ? .money(Int64(value.rounded())) : .number(value, unit)
    }
}
