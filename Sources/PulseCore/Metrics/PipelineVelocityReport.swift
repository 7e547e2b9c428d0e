import Foundation

/// One group's Pipeline Velocity Score: open deals × win rate × mean won amount ($) ÷ mean won cycle days.
public struct VelocityRow: Hashable, Sendable {
    /// Rep id, industry, quarter label ("2025Q2") or "all".
    public var key: String
    /// Open deals of the group at `now` (for quarter rows: all open deals).
    public var openDeals: Int
    public var won: Int
    public var closed: Int
    /// won ÷ closed, nil when nothing closed.
    public var winRate: Double?
    /// Mean amount of won deals in dollars (amounts in cents ÷ 100), nil without a won deal with an amount.
    public var averageWonAmount: Double?
    /// Mean whole-day cycle of won deals, nil without a won deal with both times.
    public var averageWonCycleDays: Double?

    /// Expected won dollars per day; nil when a term is unknown or the cycle mean is 0.
    public var pvs: Double? {
        guard let winRate, let averageWonAmount, let averageWonCycleDays, averageWonCycleDays != 0 else {
            return nil
        }
        return Double(openDeals) * winRate * averageWonAmount / averageWonCycleDays
    }
}

/// PVS overall, per industry (segment), per rep and per calendar quarter of close.
public struct PipelineVelocityReport: Hashable, Sendable {
    public var window: TimeWindow
    public var overall: VelocityRow
    /// Every industry seen on deals, sorted.
    public var byIndustry: [VelocityRow]
    /// The roster, sorted.
    public var byRep: [VelocityRow]
    /// Each quarter with a closed deal in the window, oldest first; open deals = all open deals now.
    public var byQuarter: [VelocityRow]
}

extension MetricsFrame {
    /// PVS: open deals (current stage open) with the win-rate, amount and cycle terms taken from deals
    /// closed in `window`, all within the group.
    public func pipelineVelocity(in window: TimeWindow) -> PipelineVelocityReport {
        let category = dealCategory
        let closedAt = dealClosed
        let createdAt = dealCreated
        let owner = dealRep
        let industry = dealIndustry
        let amount = dealAmount
        var overall = VelocityAccumulator(groups: 1)
        var byIndustry = VelocityAccumulator(groups: industries.count)
        var byRep = VelocityAccumulator(groups: reps.count)
        var low = Int64.max
        var high = Int64.min
        overall.open[0] = openCount
        for i in openRows {
            let r = Int(owner[i])
            let g = Int(industry[i])
            if r >= 0 { byRep.open[r] += 1 }
            if g >= 0 { byIndustry.open[g] += 1 }
        }
        let rows = closedRows(in: window)
        for i in rows {
            let cat = category[i]
            let r = Int(owner[i])
            let g = Int(industry[i])
            let t = closedAt[i]
            let isWon = cat == MetricsFrame.won
            let cents = amount[i]
            let created = createdAt[i]
            let cycle =
                created == MetricsFrame.missing ? MetricsFrame.missing : Days.floorDiv(t - created, Days.seconds)
            overall.add(0, isWon, cents, cycle)
            if r >= 0 { byRep.add(r, isWon, cents, cycle) }
            if g >= 0 { byIndustry.add(g, isWon, cents, cycle) }
            low = min(low, t)
            high = max(high, t)
        }
        var byQuarter: [VelocityRow] = []
        if low <= high {
            let lookup = QuarterLookup(low: low, high: high)
            let minQ = lookup.ordinal(low)
            var quarters = VelocityAccumulator(groups: Int(lookup.ordinal(high) - minQ + 1))
            for i in rows {
                let cat = category[i]
                let t = closedAt[i]
                let created = createdAt[i]
                let cycle =
                    created == MetricsFrame.missing ? MetricsFrame.missing : Days.floorDiv(t - created, Days.seconds)
                quarters.add(Int(lookup.ordinal(t) - minQ), cat == MetricsFrame.won, amount[i], cycle)
            }
            for q in 0..<quarters.closed.count where quarters.closed[q] > 0 {
                quarters.open[q] = overall.open[0]
                byQuarter.append(quarters.row(q, key: UTCCalendar.quarterLabel(minQ + Int64(q))))
            }
        }
        return PipelineVelocityReport(
            window: window, overall: overall.row(0, key: "all"),
            byIndustry: industries.indices.map { byIndustry.row($0, key: industries[$0]) },
            byRep: reps.indices.map { byRep.row($0, key: reps[$0].rawValue) }, byQuarter: byQuarter)
    }
}

/// Per-group sums for PVS rows.
struct VelocityAccumulator {
    var open: [Int]
    var won: [Int]
    var closed: [Int]
    var amountSum: [Int64]
    var amountN: [Int]
    var cycleSum: [Int64]
    var cycleN: [Int]

    init(groups: Int) {
        open = [Int](repeating: 0, count: groups)
        won = open
        closed = open
        amountN = open
        cycleN = open
        amountSum = [Int64](repeating: 0, count: groups)
        cycleSum = amountSum
    }

    @inline(__always) mutating func add(_ g: Int, _ isWon: Bool, _ amount: Int64, _ cycle: Int64) {
        closed[g] += 1
        guard isWon else { return }
        won[g] += 1
        if amount != MetricsFrame.missing {
            amountSum[g] &+= amount
            amountN[g] += 1
        }
        if cycle != MetricsFrame.missing {
            cycleSum[g] += cycle
            cycleN[g] += 1
        }
    }

    func row(_ g: Int, key: String) -> VelocityRow {
        VelocityRow(
            key: key, openDeals: open[g], won: won[g], closed: closed[g],
            winRate: closed[g] > 0 ? Double(won[g]) / Double(closed[g]) : nil,
            averageWonAmount: amountN[g] > 0 ? Double(amountSum[g]) / Double(amountN[g]) / 100 : nil,
            averageWonCycleDays: cycleN[g] > 0 ? Double(cycleSum[g]) / Double(cycleN[g]) : nil)
    }
}
