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
        var overall = VelocityAccumulator(groups: 1)
        var byIndustry = VelocityAccumulator(groups: industries.count)
        var byRep = VelocityAccumulator(groups: reps.count)
        var quarterOf = ContiguousArray<Int64>(repeating: 0, count: dealCount)
        var minQ = Int64.max
        var maxQ = Int64.min
        for i in 0..<dealCount {
            let cat = dealCategory[i]
            let r = Int(dealRep[i])
            let g = Int(dealIndustry[i])
            if cat == MetricsFrame.open {
                overall.open[0] += 1
                if r >= 0 { byRep.open[r] += 1 }
                if g >= 0 { byIndustry.open[g] += 1 }
                continue
            }
            let closedAt = dealClosed[i]
            guard window.contains(closedAt) else { continue }
            let isWon = cat == MetricsFrame.won
            let amount = dealAmount[i]
            let cycle: Int64 =
                dealCreated[i] == MetricsFrame.missing
                ? MetricsFrame.missing : Days.floorDiv(closedAt - dealCreated[i], Days.seconds)
            overall.add(0, isWon, amount, cycle)
            if r >= 0 { byRep.add(r, isWon, amount, cycle) }
            if g >= 0 { byIndustry.add(g, isWon, amount, cycle) }
            let q = UTCCalendar.quarterOrdinal(closedAt)
            quarterOf[i] = q
            minQ = min(minQ, q)
            maxQ = max(maxQ, q)
        }
        var byQuarter: [VelocityRow] = []
        if minQ <= maxQ {
            var quarters = VelocityAccumulator(groups: Int(maxQ - minQ + 1))
            for i in 0..<dealCount {
                let cat = dealCategory[i]
                guard cat != MetricsFrame.open, window.contains(dealClosed[i]) else { continue }
                let cycle: Int64 =
                    dealCreated[i] == MetricsFrame.missing
                    ? MetricsFrame.missing : Days.floorDiv(dealClosed[i] - dealCreated[i], Days.seconds)
                quarters.add(Int(quarterOf[i] - minQ), cat == MetricsFrame.won, dealAmount[i], cycle)
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

    mutating func add(_ g: Int, _ isWon: Bool, _ amount: Int64, _ cycle: Int64) {
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
