import Foundation

/// The length of one point of a metric series: a day or a week, counted back from `now` (the last point is the
/// 24 hours or 7 days just before `now`, so no point is a partial day).
public enum SeriesBucket: String, Hashable, Sendable, Codable, CaseIterable {
    case day, week

    /// Length in seconds.
    public var seconds: Int64 { self == .day ? 86_400 : 7 * 86_400 }

    /// The season the seasonal baseline uses: 7 (day of week) for daily points, none (1) for weekly points.
    public var period: Int { self == .day ? 7 : 1 }

    /// "daily" / "weekly".
    public var adjective: String { self == .day ? "daily" : "weekly" }
}

/// Whether a series is plain values (counts, sums, averages) or a rate carrying successes and trials per point.
public enum SeriesKind: String, Hashable, Sendable, Codable {
    case value, rate
}
