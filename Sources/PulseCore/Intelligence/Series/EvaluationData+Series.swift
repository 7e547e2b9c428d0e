import Foundation

extension EvaluationData {
    /// The last `points` points of a series for an entity, ending at `now` (only records before `now` count).
    /// `bucket` overrides the series' own (rate conditions sum daily points).
    func series(
        _ definition: MetricSeriesDefinition, _ e: EvaluationEntity, points: Int, now: Date,
        bucket: SeriesBucket? = nil
    ) -> MetricSeries {
        let bucket = bucket ?? definition.bucket
        let end = TimeWindow.seconds(now)
        let step = bucket.seconds
        var starts: [Date] = []
        var values: [Double?] = []
        var successes: [Int] = []
        var trials: [Int] = []
        starts.reserveCapacity(points)
        values.reserveCapacity(points)
        for i in 0..<max(0, points) {
            let start = end - Int64(points - i) * step
            let window = TimeWindow(startSeconds: start, endSeconds: start + step)
            starts.append(window.startDate)
            switch definition.source {
            case .measure(let key):
                values.append(measure(key, kinds: [], window: window, entity: e, now: now))
            case .ratio(let successKey, let trialKey):
                let s = Int(measure(successKey, kinds: [], window: window, entity: e, now: now) ?? 0)
                let t = Int(measure(trialKey, kinds: [], window: window, entity: e, now: now) ?? 0)
                successes.append(s)
                trials.append(t)
                values.append(t > 0 ? Double(s) / Double(t) : nil)
            }
        }
        return MetricSeries(
            name: definition.name, entity: e.ref, bucket: bucket, kind: definition.kind, starts: starts,
            values: values, successes: successes, trials: trials)
    }

    /// The series `name` for the entity `ref` over the `days` before `now` (whole buckets, at least one).
    /// Segment keys (`industry=Retail|region=EMEA`) name their own dimensions. Throws, listing what exists, when
    /// the series or the entity is unknown or the series does not apply to the entity's scope.
    public func series(named name: String, for ref: EntityRef, days: Int, now: Date) throws(SeriesLookupError)
        -> MetricSeries
    {
        let (definition, entity) = try resolveSeries(named: name, for: ref)
        let points = max(1, Int((Int64(days) * 86_400) / definition.bucket.seconds))
        return series(definition, entity, points: points, now: now)
    }

    /// The definition and the resolved entity for a series lookup (see `series(named:for:days:now:)`).
    func resolveSeries(named name: String, for ref: EntityRef) throws(SeriesLookupError)
        -> (MetricSeriesDefinition, EvaluationEntity)
    {
        guard let definition = MetricSeriesCatalogue.definition(name) else {
            throw .unknownSeries(name, suggestions: MetricSeriesCatalogue.suggestions(for: name))
        }
        guard definition.scopes.contains(ref.scope) else {
            throw .wrongScope(definition, ref.scope)
        }
        let dimensions =
            ref.scope == .segment
            ? ref.id.split(separator: "|").compactMap { $0.split(separator: "=").first.map(String.init) } : []
        guard let entity = resolve(ref, segments: ref.scope == .segment ? segmentIndex(dimensions) : [:]) else {
            let known =
                ref.scope == .segment && dimensions.isEmpty
                ? [] : entities(of: ref.scope, segmentBy: dimensions.isEmpty ? ["industry"] : dimensions)
            throw .unknownEntity(ref, examples: known.prefix(8).map(\.description), total: known.count)
        }
        return (definition, entity)
    }
}

/// Why `pulse anomalies` could not build a series: an unknown series or entity, or a series that does not apply
/// to the entity's scope; each says what exists instead.
public enum SeriesLookupError: Error, Hashable, Sendable, CustomStringConvertible {
    case unknownSeries(String, suggestions: [String])
    case wrongScope(MetricSeriesDefinition, RuleScope)
    case unknownEntity(EntityRef, examples: [String], total: Int)

    public var description: String {
        switch self {
        case .unknownSeries(let name, let near):
            let hint = near.isEmpty ? "" : "did you mean " + near.map { "'\($0)'" }.joined(separator: " or ") + "? "
            return "unknown series '\(name)'; \(hint)series: " + MetricSeriesCatalogue.names.joined(separator: ", ")
        case .wrongScope(let definition, let scope):
            let scopes = RuleScope.allCases.filter(definition.scopes.contains).map(\.rawValue)
            let here = MetricSeriesCatalogue.names(for: scope)
            return "series '\(definition.name)' exists for \(scopes.joined(separator: ", ")), not \(scope.rawValue); "
                + (here.isEmpty
                    ? "no series applies to \(scope.rawValue)"
                    : "\(scope.rawValue) series: \(here.joined(separator: ", "))")
        case .unknownEntity(let ref, let examples, let total):
            guard total > 0 else {
                return ref.scope == .segment
                    ? "no segment '\(ref.id)'; write segments as dimension=value joined by '|', "
                        + "e.g. segment:industry=Retail or segment:industry=Retail|region=EMEA"
                    : "no \(ref.scope.rawValue) '\(ref.id)': this tenant has none"
            }
            let more = total > examples.count ? " … (\(total) in all)" : ""
            return "no \(ref.scope.rawValue) '\(ref.id)'; some that exist: \(examples.joined(separator: ", "))\(more)"
        }
    }
}
