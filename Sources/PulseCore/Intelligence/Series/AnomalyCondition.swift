import Foundation

/// The `anomaly` rule condition: the latest points of a metric series are unusual against the series' own past,
/// in a direction and at a sensitivity (YAML `anomaly: {series: win_rate, direction: drop, sensitivity: medium}`
/// or `anomaly(win_rate, drop, medium)`).
public struct AnomalyCondition: Hashable, Sendable {
    /// A `MetricSeriesCatalogue` name.
    public var series: String
    public var direction: AnomalyDirection
    public var sensitivity: AnomalySensitivity
    /// The recent part checked (nil = the series' default: its latest point, or 7 days for rates).
    public var window: RuleDuration?
    /// The history before the window the recent part is judged against (nil = 90 days, 13 weeks for weekly series).
    public var baseline: RuleDuration?
    /// Rate series: fewest trials in each of the window and the baseline (no win-rate alert on 3 deals).
    public var minimumTrials: Int
    /// Facts prefix: `<as>.value`, `<as>.expected`, `<as>.score`, `<as>.change_percent` …; defaults to `anomaly`.
    public var alias: String?

    public init(
        series: String, direction: AnomalyDirection = .both, sensitivity: AnomalySensitivity = .medium,
        window: RuleDuration? = nil, baseline: RuleDuration? = nil, minimumTrials: Int = 10, alias: String? = nil
    ) {
        self.series = series
        self.direction = direction
        self.sensitivity = sensitivity
        self.window = window
        self.baseline = baseline
        self.minimumTrials = minimumTrials
        self.alias = alias
    }

    /// The facts the condition produces for a series of `kind`, under `prefix` (default `anomaly`).
    public static func factNames(prefix: String, kind: SeriesKind) -> [String] {
        let common = ["value", "expected", "score", "change_percent", "problem"]
        let extra =
            kind == .rate
            ? ["p_value", "trials", "successes", "baseline_rate", "baseline_trials"] : ["at", "detector"]
        return (common + extra).map { prefix + "." + $0 }
    }
}
