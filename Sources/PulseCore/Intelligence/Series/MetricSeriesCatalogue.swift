import Foundation

/// The metric series the `anomaly` rule condition and `pulse anomalies` work on, by name.
public enum MetricSeriesCatalogue {
    /// Every series, in the order they are documented.
    public static let all: [MetricSeriesDefinition] = [
        .init(
            "engagement", "Product engagement events per day (the events' count field summed)",
            scopes: [.account, .tenant], source: .measure(.engagement)),
        .init(
            "logins", "Portal logins per day", scopes: [.account, .tenant], source: .measure(.logins)),
        .init(
            "call_volume", "Calls conducted per day", scopes: [.rep, .team, .tenant], source: .measure(.calls)),
        .init(
            "activities", "Activities of any kind per day", scopes: [.rep, .team, .account, .tenant],
            source: .measure(.activities)),
        .init(
            "pipeline_created", "Amount of new deals created per week (whole currency units)",
            scopes: [.rep, .team, .segment, .tenant], bucket: .week, isMoney: true,
            source: .measure(.createdAmount)),
        .init(
            "win_rate", "Deals won ÷ deals closed per week (a rate carrying both counts)",
            scopes: [.rep, .team, .segment, .tenant], bucket: .week,
            source: .ratio(successes: .dealsWon, trials: .dealsClosed)),
        .init(
            "response_time",
            "Mean first-response minutes of the support tickets opened per day (missing on days "
                + "without answered tickets)",
            scopes: [.account, .tenant], unit: .minutes, source: .measure(.ticketFirstResponseMinutes)),
        .init(
            "error_rate", "Usage errors ÷ engagement events per day (a rate: errorCount over count)",
            scopes: [.account, .tenant], source: .ratio(successes: .usageErrors, trials: .engagement)),
    ]

    private static let byName = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })

    /// The series called `name`, if any.
    public static func definition(_ name: String) -> MetricSeriesDefinition? { byName[name] }

    /// Every series name, in catalogue order.
    public static var names: [String] { all.map(\.name) }

    /// Names of the series available to `scope`.
    public static func names(for scope: RuleScope) -> [String] {
        all.filter { $0.scopes.contains(scope) }.map(\.name)
    }

    /// Up to `limit` series names close to `name`, nearest first.
    public static func suggestions(for name: String, limit: Int = 2) -> [String] {
        names.map { ($0, EditDistance.between($0, name.lowercased())) }
            .filter { $0.1 <= max(2, name.count / 3) }
            .sorted { ($0.1, $0.0) < ($1.1, $1.0) }
            .prefix(limit).map(\.0)
    }
}
