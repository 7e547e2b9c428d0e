import Foundation

/// Every metric of the pandas reference (`../shared/bench/pandas_metrics.py`), computed with its definitions,
/// and the reference's `shape`/`check`/`value` checksum lines.
public struct ReferenceMetrics: Sendable {
    /// Rows of per-rep tables: the reference's 30-day BDR window.
    public static let bdrWindowDays = 30
    /// Complete ISO weeks of the calls table.
    public static let callWeeks = 12

    public var now: Date
    public var winRate: WinRateReport
    public var cycle: SalesCycleReport
    public var velocity: PipelineVelocityReport
    public var momentum: StageMomentumReport
    public var quality: DealQualityReport
    public var calls: CallsPerWeekReport
    public var heatmap: ActivityHeatmap
    public var bdr: [BDRIndexRow]

    /// Computes the reference set: all closed deals before `now` (the reference has no range), DQS with the
    /// reference's three cell dimensions, calls in the last 12 complete ISO weeks, BDR index over 30 days.
    public init(frame: MetricsFrame, now: Date) {
        let history = TimeWindow.allTime
        self.now = now
        winRate = frame.winRate(in: history)
        cycle = frame.salesCycle(in: history)
        velocity = frame.pipelineVelocity(in: history)
        momentum = frame.stageMomentum(now: now)
        quality = frame.dealQuality(in: history, configuration: .reference)
        calls = frame.callsPerWeek(now: now, weeks: Self.callWeeks)
        heatmap = calls.heatmap
        bdr = frame.bdrIndex(in: .lastDays(Self.bdrWindowDays, before: now))
    }

    /// The reference's deal order: by integer id where both ids are integers, else by id text.
    static func idOrder(_ a: Deal.ID, _ b: Deal.ID) -> Bool {
        if let x = Int(a.rawValue), let y = Int(b.rawValue) { return x < y }
        return a.rawValue.utf8.lexicographicallyPrecedes(b.rawValue.utf8)
    }

    /// The checksum lines in the reference's order and format (per-deal tables sorted by deal id).
    public func checksumLines() -> [String] {
        typealias C = Checksum
        var lines: [String] = []
        lines.append(C.value("win_rate_overall", winRate.overall.rate))
        let seg = winRate.byIndustryQuarter
        lines.append(C.shape("win_rate_by_industry_quarter", seg.count, 3, "industry, close_quarter"))
        lines.append(C.ints("win_rate_by_industry_quarter.won", seg.map(\.count.won)))
        lines.append(C.ints("win_rate_by_industry_quarter.closed", seg.map(\.count.closed)))
        lines.append(C.floats("win_rate_by_industry_quarter.win_rate", seg.map(\.count.rate)))
        let byRep = winRate.byRep
        lines.append(C.shape("win_rate_by_rep", byRep.count, 3, "rep_id"))
        lines.append(C.ints("win_rate_by_rep.won", byRep.map(\.count.won)))
        lines.append(C.ints("win_rate_by_rep.closed", byRep.map(\.count.closed)))
        lines.append(C.floats("win_rate_by_rep.win_rate", byRep.map(\.count.rate)))
        lines.append(C.value("avg_cycle_days_won", cycle.averageWonDays))
        lines.append(C.value("avg_cycle_days_lost", cycle.averageLostDays))
        lines.append(C.value("lost_deal_velocity_ratio", cycle.lostDealVelocityRatio))
        for (name, rows, key) in [
            ("pvs_by_rep", velocity.byRep, "rep_id"), ("pvs_by_industry", velocity.byIndustry, "industry"),
        ] {
            lines.append(C.shape(name, rows.count, 7, key))
            lines.append(C.ints("\(name).open_deals", rows.map(\.openDeals)))
            lines.append(C.ints("\(name).won", rows.map(\.won)))
            lines.append(C.ints("\(name).closed", rows.map(\.closed)))
            lines.append(C.floats("\(name).win_rate", rows.map(\.winRate)))
            lines.append(C.floats("\(name).avg_won_amount", rows.map(\.averageWonAmount)))
            lines.append(C.floats("\(name).avg_won_cycle_days", rows.map(\.averageWonCycleDays)))
            lines.append(C.floats("\(name).pvs", rows.map(\.pvs)))
        }
        let smi = momentum.deals.sorted { Self.idOrder($0.deal, $1.deal) }
        lines.append(C.shape("smi_by_open_deal", smi.count, 2, "deal_id"))
        let days = smi.map(\.daysInStage)
        if days.allSatisfy({ $0 != nil }) {
            lines.append(C.ints("smi_by_open_deal.days_in_stage", days.map { $0! }))
        } else {
            lines.append(C.floats("smi_by_open_deal.days_in_stage", days.map { $0.map(Double.init) }))
        }
        lines.append(C.floats("smi_by_open_deal.smi", smi.map(\.smi)))
        lines.append(C.shape("stalled_deals_by_rep", momentum.stalledByRep.count, 1, "rep_id"))
        lines.append(C.ints("stalled_deals_by_rep.stalled", momentum.stalledByRep.map(\.stalled)))
        lines.append(C.value("dqs_prior_win_rate", quality.prior))
        lines.append(
            "value  dqs_amount_edges_cents = [\(quality.sizeEdges.map { C.format($0) }.joined(separator: ", "))]")
        let dqs = quality.deals.sorted { Self.idOrder($0.deal, $1.deal) }
        lines.append(C.shape("dqs_by_open_deal", dqs.count, 2, "deal_id"))
        let bands = dqs.map(\.sizeBand)
        if bands.allSatisfy({ $0 != nil }) {
            lines.append(C.ints("dqs_by_open_deal.amount_band", bands.map { $0! }))
        } else {
            lines.append(C.floats("dqs_by_open_deal.amount_band", bands.map { $0.map(Double.init) }))
        }
        lines.append(C.floats("dqs_by_open_deal.dqs", dqs.map(\.dqs)))
        lines.append("value  dqs_low_count = \(quality.lowCount)")
        let cells = calls.reps.flatMap(\.perWeek)
        lines.append(C.shape("calls_by_rep_week", calls.reps.count, calls.weeks.count, "rep_id"))
        lines.append(C.matrix("calls_by_rep_week", cells))
        lines.append(C.shape("calls_heatmap_weekday_hour", 7, 24, "weekday"))
        lines.append(C.matrix("calls_heatmap_weekday_hour", heatmap.cells))
        lines.append(C.shape("bdr_by_rep", bdr.count, 5, "rep_id"))
        lines.append(C.ints("bdr_by_rep.calls", bdr.map(\.calls)))
        lines.append(C.ints("bdr_by_rep.agreements", bdr.map(\.agreements)))
        lines.append(C.ints("bdr_by_rep.lists", bdr.map(\.lists)))
        lines.append(C.ints("bdr_by_rep.sales", bdr.map(\.sales)))
        lines.append(C.ints("bdr_by_rep.bdr_index", bdr.map(\.index)))
        return lines
    }
}
