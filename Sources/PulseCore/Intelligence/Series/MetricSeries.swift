import Foundation

/// The points of one named series for one entity, oldest first, ending at the `now` it was built for. Count
/// series have a value every period (0 on quiet ones); averages and rates are `nil` where nothing was measured.
public struct MetricSeries: Hashable, Sendable {
    public var name: String
    public var entity: EntityRef
    public var bucket: SeriesBucket
    public var kind: SeriesKind
    /// Start of each point's period (each is `bucket.seconds` long).
    public var starts: [Date]
    /// The value of each point: a count, sum or mean, or for rates successes ÷ trials; nil = missing.
    public var values: [Double?]
    /// For rate series: successes and trials of each point (empty for value series).
    public var successes: [Int]
    public var trials: [Int]

    public init(
        name: String, entity: EntityRef, bucket: SeriesBucket, kind: SeriesKind, starts: [Date], values: [Double?],
        successes: [Int] = [], trials: [Int] = []
    ) {
        self.name = name
        self.entity = entity
        self.bucket = bucket
        self.kind = kind
        self.starts = starts
        self.values = values
        self.successes = successes
        self.trials = trials
    }

    public var count: Int { values.count }

    /// Points with a value.
    public var presentCount: Int { values.count { $0 != nil } }

    /// Index of the first point without a value, if any.
    public var firstMissing: Int? { values.firstIndex { $0 == nil } }

    /// The day a point starts, `YYYY-MM-DD`.
    public func day(_ index: Int) -> String {
        String(UTCCalendar.iso8601(Int64(starts[index].timeIntervalSince1970.rounded(.down))).prefix(10))
    }

    /// A one-line summary: points, missing, min / median / max and the latest value.
    public var summary: SeriesSummary { SeriesSummary(self) }
}

/// Descriptive numbers of a series for `pulse anomalies`: size, missing points and the spread of the values.
public struct SeriesSummary: Hashable, Sendable, Codable {
    public var points: Int
    public var missing: Int
    public var minimum: Double?
    public var median: Double?
    public var maximum: Double?
    public var latest: Double?
    /// Rate series: successes and trials over the whole series.
    public var successes: Int?
    public var trials: Int?

    public init(_ series: MetricSeries) {
        let present = series.values.compactMap { $0 }.filter(\.isFinite)
        points = series.count
        missing = series.count - series.presentCount
        minimum = present.min()
        maximum = present.max()
        median = present.isEmpty ? nil : RobustStatistics.median(present)
        latest = series.values.last ?? nil
        if series.kind == .rate {
            successes = series.successes.reduce(0, +)
            trials = series.trials.reduce(0, +)
        }
    }
}
