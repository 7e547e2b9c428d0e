import Foundation

/// Replays history day by day with the rules in shadow mode: rebuilds the records as they stood at the end of
/// each replayed day, evaluates every enabled rule (shadow rules too) and turns the firing days into
/// `AlertEpisode`s. Pure: no alert book, no store, no clock.
public struct ShadowReplay: Sendable {
    /// The episodes found and what the replay did.
    public struct Result: Sendable {
        public var episodes: [AlertEpisode]
        public var rules: [Rule]
        public var days: Int
        /// Rule × entity pairs evaluated over all days.
        public var evaluations: Int
    }

    public let evaluator: ShadowEvaluator

    public init(rules: [Rule]) {
        evaluator = ShadowEvaluator(rules: rules)
    }

    /// Runs the replay; `progress(done, total)` is called after each day.
    public func run(
        _ records: BacktestRecords, options: BacktestOptions, progress: (Int, Int) -> Void = { _, _ in }
    ) -> Result {
        let rules = evaluator.rules
        let days = options.days
        var open: [Int: [EntityRef: Int]] = [:]
        var episodes: [AlertEpisode] = []
        var evaluations = 0
        var previousDay: Date?
        for (done, day) in days.enumerated() {
            let cutoff = day.addingTimeInterval(TimeInterval(Days.seconds))
            let data = AsOfReconstruction.evaluationData(records, before: cutoff)
            var stillOpen: [Int: [EntityRef: Int]] = [:]
            for firing in evaluator.firing(data, now: cutoff, evaluated: &evaluations) {
                if let index = open[firing.rule]?[firing.entity] {
                    episodes[index].last = day
                    stillOpen[firing.rule, default: [:]][firing.entity] = index
                } else {
                    stillOpen[firing.rule, default: [:]][firing.entity] = episodes.count
                    episodes.append(
                        AlertEpisode(
                            rule: rules[firing.rule].id, entity: firing.entity, owner: firing.owner, start: day,
                            last: day, ongoing: false))
                }
            }
            open = stillOpen
            previousDay = day
            progress(done + 1, days.count)
        }
        if previousDay != nil {
            for (_, entities) in open { for (_, index) in entities { episodes[index].ongoing = true } }
        }
        return Result(episodes: episodes, rules: rules, days: days.count, evaluations: evaluations)
    }
}
