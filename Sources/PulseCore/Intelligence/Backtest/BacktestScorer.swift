import Foundation

/// Joins replayed alert episodes with the outcomes that followed and scores each rule: precision, recall of
/// the outcomes it predicts, median lead time and alerts per owner per week. Pure.
public enum BacktestScorer {
    /// Scores `replay` against the outcomes in `ledger`; `dataEnd` is the latest date outcomes are known to.
    public static func score(
        _ replay: ShadowReplay.Result, ledger: OutcomeLedger, options: BacktestOptions, dataEnd: Date?
    ) -> BacktestReport {
        let byRule = Dictionary(grouping: replay.episodes, by: \.rule)
        let rangeEnd = options.to.addingTimeInterval(TimeInterval(Days.seconds))
        let inRange = ledger.outcomes.filter { $0.date >= options.from && $0.date < rangeEnd }
        var scores: [RuleBacktestScore] = []
        var allLeads: [Int] = []
        for rule in replay.rules {
            let (score, leads) = Self.score(
                rule, episodes: byRule[rule.id] ?? [], ledger: ledger, inRange: inRange, options: options,
                dataEnd: dataEnd)
            scores.append(score)
            allLeads += leads
        }
        scores.sort { ($0.episodes, $1.rule) > ($1.episodes, $0.rule) }
        let scored = scores.filter(\.isScored)
        let hits = scored.reduce(0) { $0 + $1.hits }
        let censored = scored.reduce(0) { $0 + $1.censored }
        let judged = scored.reduce(0) { $0 + $1.episodes } - censored
        let owners = ownerCount(replay.episodes)
        let bad = inRange.filter(\.kind.isBad)
        let riskRules = Set(replay.rules.filter { RuleExpectation(category: $0.category) == .bad }.map(\.id))
        let riskEpisodes = index(replay.episodes.filter { riskRules.contains($0.rule) })
        let recalled = bad.filter { outcome in
            entities(of: outcome).contains { preceded(outcome, by: riskEpisodes[$0] ?? [], options: options) }
        }.count
        let total = BacktestReport.Total(
            episodes: replay.episodes.count, owners: owners, hits: hits, censored: censored,
            precision: ratio(hits, judged), badOutcomesInRange: bad.count, recalled: recalled,
            recall: ratio(recalled, bad.count), medianLeadDays: median(allLeads),
            alertsPerOwnerPerWeek: perOwnerPerWeek(replay.episodes.count, owners: owners, options: options))
        var notes: [String] = []
        if !ledger.outcomes.contains(where: { $0.kind == .slipped }) {
            notes.append("no deal slipped past an expected close date (none recorded, or none passed while open)")
        }
        if !ledger.outcomes.contains(where: { $0.kind == .expanded }) {
            notes.append("no account expansion in the data (no subscription upgrades or ARR increases)")
        }
        if !ledger.outcomes.contains(where: { $0.kind == .churned }) {
            notes.append("no dated account churn in the data")
        }
        var bySeverity: [String: Double] = [:]
        for (severity, group) in Dictionary(grouping: scored, by: \.severity.rawValue) {
            let decided = group.reduce(0) { $0 + $1.episodes - $1.censored }
            if let p = ratio(group.reduce(0) { $0 + $1.hits }, decided) { bySeverity[severity] = p }
        }
        return BacktestReport(
            from: options.from, to: options.to, stepDays: options.stepDays, horizonDays: options.horizonDays,
            daysReplayed: replay.days, evaluations: replay.evaluations, dataEnd: dataEnd, rules: scores, total: total,
            precisionBySeverity: bySeverity,
            outcomesInRange: Dictionary(grouping: inRange, by: \.kind.rawValue).mapValues(\.count),
            undatedChurns: ledger.undatedChurns, notes: notes)
    }

    /// One rule's score and the lead days of its hits.
    static func score(
        _ rule: Rule, episodes: [AlertEpisode], ledger: OutcomeLedger, inRange: [BacktestOutcome],
        options: BacktestOptions, dataEnd: Date?
    ) -> (RuleBacktestScore, [Int]) {
        let expectation = RuleExpectation(category: rule.category)
        let owners = ownerCount(episodes)
        var score = RuleBacktestScore(
            rule: rule.id, title: rule.title, severity: rule.severity, scope: rule.scope, category: rule.category,
            expectation: expectation, shadow: rule.shadow, episodes: episodes.count, owners: owners,
            alertsPerOwnerPerWeek: perOwnerPerWeek(episodes.count, owners: owners, options: options))
        guard score.isScored else { return (score, []) }
        let kinds = expectation.kinds
        var leads: [Int] = []
        for episode in episodes {
            let alertAt = alertTime(episode)
            let windowEnd = alertAt.addingTimeInterval(TimeInterval(Int64(options.horizonDays) * Days.seconds))
            let outcomes = ledger.outcomes(of: episode.entity)
            let hit = outcomes.first { kinds.contains($0.kind) && $0.date >= alertAt && $0.date <= windowEnd }
            if let hit {
                score.hits += 1
                score.hitsByOutcome[hit.kind.rawValue, default: 0] += 1
                leads.append(Days.between(episode.start, hit.date))
            } else if let dataEnd, windowEnd > dataEnd, !closed(episode.entity, after: alertAt, outcomes) {
                score.censored += 1
            }
        }
        score.precision = ratio(score.hits, episodes.count - score.censored)
        score.medianLeadDays = median(leads)
        let starts = index(episodes)
        let expected = inRange.filter { outcome in
            guard kinds.contains(outcome.kind) else { return false }
            return rule.scope == .deal ? outcome.entity.scope == .deal : !entities(of: outcome, deals: false).isEmpty
        }
        score.outcomesInRange = expected.count
        score.recalled =
            expected.filter { outcome in
                let candidates = rule.scope == .deal ? [outcome.entity] : entities(of: outcome, deals: false)
                return candidates.contains { preceded(outcome, by: starts[$0] ?? [], options: options) }
            }.count
        score.recall = ratio(score.recalled, score.outcomesInRange)
        return (score, leads)
    }

    /// True when a deal closed (won or lost) at or after `time`: its episode is decided even if its horizon runs
    /// past the data.
    static func closed(_ entity: EntityRef, after time: Date, _ outcomes: [BacktestOutcome]) -> Bool {
        entity.scope == .deal && outcomes.contains { ($0.kind == .won || $0.kind == .lost) && $0.date >= time }
    }

    /// The end of an episode's first day: when its alert would have been raised.
    static func alertTime(_ episode: AlertEpisode) -> Date { episode.start.addingTimeInterval(86_400) }

    /// Episode start days per entity, ascending.
    static func index(_ episodes: [AlertEpisode]) -> [EntityRef: [Date]] {
        Dictionary(grouping: episodes, by: \.entity).mapValues { $0.map(\.start).sorted() }
    }

    /// The entities an outcome belongs to: the deal (unless `deals` is false) and the account.
    static func entities(of outcome: BacktestOutcome, deals: Bool = true) -> [EntityRef] {
        switch outcome.entity.scope {
        case .deal:
            let account = outcome.account.map { [EntityRef(.account, $0.rawValue)] } ?? []
            return (deals ? [outcome.entity] : []) + account
        default: return [outcome.entity]
        }
    }

    /// True when an episode starting on one of `starts` raised its alert at most the horizon before the outcome.
    static func preceded(_ outcome: BacktestOutcome, by starts: [Date], options: BacktestOptions) -> Bool {
        let horizon = TimeInterval(Int64(options.horizonDays) * Days.seconds)
        return starts.contains { start in
            let alertAt = start.addingTimeInterval(86_400)
            return alertAt <= outcome.date && outcome.date <= alertAt.addingTimeInterval(horizon)
        }
    }

    /// Distinct owners of the episodes; the episodes without an owner count as one recipient.
    static func ownerCount(_ episodes: [AlertEpisode]) -> Int {
        Set(episodes.map { $0.owner?.rawValue ?? "" }).count
    }

    static func perOwnerPerWeek(_ episodes: Int, owners: Int, options: BacktestOptions) -> Double {
        guard owners > 0 else { return 0 }
        return Double(episodes) / Double(owners) / options.weeks
    }

    static func ratio(_ a: Int, _ b: Int) -> Double? { b > 0 ? Double(a) / Double(b) : nil }

    /// The median of whole-day values (mean of the middle two for an even count); nil when empty.
    static func median(_ values: [Int]) -> Double? {
        guard !values.isEmpty else { return nil }
        let s = values.sorted()
        let mid = s.count / 2
        return s.count % 2 == 1 ? Double(s[mid]) : Double(s[mid - 1] + s[mid]) / 2
    }
}
