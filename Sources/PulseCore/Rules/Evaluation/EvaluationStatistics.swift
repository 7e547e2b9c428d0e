import Foundation

/// Population statistics rules compare single entities with, recomputed by `EvaluationData.refreshStatistics`:
/// DQS cells of the closed-deal history, per-stage durations of closed deals (stage win rates) and the sorted
/// deal amounts (amount percentiles).
struct EvaluationStatistics: Sendable {
    /// Closed deals that spent some whole days in one stage: days ascending, with the number of wins at or
    /// after each position.
    struct StageDurations: Sendable {
        var days: [Int]
        var winsFrom: [Int]
    }

    var now: Date
    var quality: DealQualityConfiguration
    /// Win rate of all closed deals (the DQS prior p), nil when none closed.
    var prior: Double?
    /// DQS size-band edges (25th, 50th, 75th percentile of closed amounts); empty when none.
    var sizeEdges: [Double]
    /// Won and closed counts per DQS cell key.
    var cells: [String: (won: Int, closed: Int)]
    /// Per "pipeline/stage".
    var stages: [String: StageDurations]
    /// Amounts of the tenant's deals, ascending.
    var amounts: [Int64]
    /// Win-rate history for the win model, built on first use.
    var winHistory = WinHistoryCache()

    static let empty = EvaluationStatistics(
        now: .distantPast, quality: .standard, prior: nil, sizeEdges: [], cells: [:], stages: [:], amounts: [])

    /// Minimum closed deals behind a stage win rate.
    static let minimumStageSample = 5
}

extension EvaluationData {
    /// Recomputes population statistics (stage duration medians for SMI, DQS cell win rates, stage win rates)
    /// and the accounts' engagement segmentation (`AccountSegmenter` defaults).
    ///
    /// DQS uses `MetricsFrame.dealQuality` over the history `.until(now)` with `DealQualityConfiguration.standard`
    /// for its prior and size bands; the cell counts are kept so that any deal (also one added later) gets its
    /// score on demand.
    public mutating func refreshStatistics(now: Date) {
        let quality = DealQualityConfiguration.standard
        let frame = MetricsFrame(deals: deals, activities: [], accounts: accounts)
        let history = TimeWindow.until(now)
        let report = frame.dealQuality(in: history, configuration: quality)
        var stats = EvaluationStatistics(
            now: now, quality: quality, prior: report.prior, sizeEdges: report.sizeEdges, cells: [:], stages: [:],
            amounts: [])
        var stageSamples: [String: [(days: Int, won: Bool)]] = [:]
        let cutoff = TimeWindow.seconds(now)
        for d in deals {
            if let cents = d.amountCents, d.parent == nil { stats.amounts.append(cents) }
            guard d.parent == nil, let category = closedCategory(d), category != .open else { continue }
            guard let closedAt = d.closedAt ?? d.stageEnteredAt, TimeWindow.seconds(closedAt) < cutoff else {
                continue
            }
            let won = category == .won
            let key = dqsCellKey(d, stats: stats)
            stats.cells[key, default: (0, 0)].closed += 1
            if won { stats.cells[key, default: (0, 0)].won += 1 }
            let history = d.stageHistory
            for (i, change) in history.enumerated() where i + 1 < history.count {
                guard history[..<i].allSatisfy({ $0.stage != change.stage }) else { continue }
                let next = history[(i + 1)...].first { $0.stage != change.stage }?.enteredAt ?? closedAt
                let days = Days.between(change.enteredAt, next)
                stageSamples["\(d.pipeline)/\(change.stage)", default: []].append((days, won))
            }
        }
        stats.amounts.sort()
        for (key, samples) in stageSamples {
            let sorted = samples.sorted { ($0.days, $0.won ? 1 : 0) < ($1.days, $1.won ? 1 : 0) }
            var winsFrom = [Int](repeating: 0, count: sorted.count + 1)
            for i in stride(from: sorted.count - 1, through: 0, by: -1) {
                winsFrom[i] = winsFrom[i + 1] + (sorted[i].won ? 1 : 0)
            }
            stats.stages[key] = .init(days: sorted.map(\.days), winsFrom: winsFrom)
        }
        statistics = stats
        segmentation = AccountSegmenter().segment(
            accounts: accounts, engagement: engagement, tickets: tickets, now: now)
    }

    /// Stage category of a deal: its outcome, else its stage's category in the pipeline catalogue.
    func closedCategory(_ d: Deal) -> StageCategory? {
        if let outcome = d.outcome { return outcome == .won ? .won : .lost }
        return StageCatalogue.builtIn[d.pipeline]?.stage(d.stage)?.category ?? .open
    }

    /// DQS cell of a deal: the configured dimensions' values (unknown is its own value).
    func dqsCellKey(_ d: Deal, stats: EvaluationStatistics) -> String {
        var parts: [String] = []
        for dimension in stats.quality.dimensions {
            switch dimension {
            case .leadSource: parts.append(d.leadSource ?? "\u{0}")
            case .industry: parts.append(dimensionValue(d, "industry") ?? "\u{0}")
            case .product: parts.append(d.product ?? "\u{0}")
            case .sizeBand:
                guard let cents = d.amountCents else {
                    parts.append("-1")
                    continue
                }
                let edges = stats.sizeEdges.count == 3 ? stats.sizeEdges : [.infinity, .infinity, .infinity]
                parts.append(String(edges.reduce(0) { $0 + ($1 < Double(cents) ? 1 : 0) }))
            }
        }
        return parts.joined(separator: "\u{1F}")
    }

    /// DQS of a deal from the cached cells: (won_cell + w·p) ÷ (closed_cell + w); nil when nothing closed. With a
    /// win model, the prior p is the model's win probability of this deal instead of the overall win rate, so a
    /// cell with few closed deals leans on the model and a well-filled cell on its own history.
    func dealQualityScore(_ d: Deal, now: Date) -> Double? {
        guard let p = statistics.prior else { return nil }
        let cell = statistics.cells[dqsCellKey(d, stats: statistics)] ?? (0, 0)
        let w = statistics.quality.priorWeight
        let prior = winProbability(d, now: now) ?? p
        return (Double(cell.won) + w * prior) / (Double(cell.closed) + w)
    }

    /// Win rate of closed deals that spent at least `threshold` whole days in the deal's current stage, and
    /// that threshold; nil below `minimumStageSample` such deals.
    func stageWinRate(_ d: Deal, daysInStage: Int) -> (rate: Double, days: Int)? {
        let threshold = max(1, daysInStage / 5 * 5)
        guard let sample = statistics.stages["\(d.pipeline)/\(d.stage)"] else { return nil }
        let i = sample.days.partitionPoint { $0 < threshold }
        let n = sample.days.count - i
        guard n >= EvaluationStatistics.minimumStageSample else { return nil }
        return (Double(sample.winsFrom[i]) / Double(n), threshold)
    }

    /// Share of the tenant's deal amounts smaller than `cents`.
    func amountPercentile(_ cents: Int64) -> Double? {
        let amounts = statistics.amounts
        guard !amounts.isEmpty else { return nil }
        return Double(amounts.partitionPoint { $0 < cents }) / Double(amounts.count)
    }
}
