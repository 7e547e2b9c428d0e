import Foundation

/// Won revenue per conducted call, per list out and per rep (BDR) in a window.
///
/// Revenue = amounts of the sales in the window (`MetricsFrame` sales table: won deals; for a partner list, its
/// sold sublist items), attributed to the seller.
public struct RevenueReport: Hashable, Sendable {
    /// One rep of the roster.
    public struct RepRow: Hashable, Sendable {
        public var rep: Rep.ID
        public var wonCents: Int64
        /// Sales in the window (a sold partner is one; see `BDRIndexRow.sales`).
        public var wonDeals: Int
        public var calls: Int
        public var lists: Int
        /// wonCents ÷ calls, rounded to the cent; nil without calls.
        public var revenuePerCallCents: Int64? { RevenueReport.ratio(wonCents, calls) }
        /// wonCents ÷ lists, rounded to the cent; nil without lists.
        public var revenuePerListCents: Int64? { RevenueReport.ratio(wonCents, lists) }
    }

    public var window: TimeWindow
    public var wonCents: Int64
    /// Sales in the window.
    public var wonDeals: Int
    /// `call_conducted` activities in the window (all reps).
    public var calls: Int
    /// Deals whose list milestone (list-out, or proposal where the pipeline has none) is in the window.
    public var lists: Int
    /// The roster, sorted.
    public var byRep: [RepRow]

    public var revenuePerCallCents: Int64? { Self.ratio(wonCents, calls) }
    public var revenuePerListCents: Int64? { Self.ratio(wonCents, lists) }
    /// Mean won cents per rep with at least one call, list or won deal; nil when there is none.
    public var revenuePerActiveRepCents: Int64? {
        Self.ratio(wonCents, byRep.filter { $0.calls + $0.lists + $0.wonDeals > 0 }.count)
    }

    /// cents ÷ count rounded half away from zero, nil for count 0.
    static func ratio(_ cents: Int64, _ count: Int) -> Int64? {
        count > 0 ? Int64((Double(cents) / Double(count)).rounded()) : nil
    }
}

extension MetricsFrame {
    /// Revenue per call, per list and per rep over `window`.
    public func revenue(in window: TimeWindow) -> RevenueReport {
        let index = bdrIndex(in: window)
        var won = [Int64](repeating: 0, count: reps.count)
        var wonDeals = [Int](repeating: 0, count: reps.count)
        var total: Int64 = 0
        var totalDeals = 0
        var lists = 0
        for i in 0..<dealCount where window.contains(dealBDRListAt[i]) { lists += 1 }
        for k in saleRows(in: window) {
            let cents = saleAmount[k]
            let count = Int(saleCount[k])
            total += cents
            totalDeals += count
            if saleRep[k] >= 0 {
                won[Int(saleRep[k])] += cents
                wonDeals[Int(saleRep[k])] += count
            }
        }
        var calls = 0
        let callCode = ActivityKind.callConducted.code
        for j in 0..<activityCount where activityKind[j] == callCode && window.contains(activityTime[j]) { calls += 1 }
        return RevenueReport(
            window: window, wonCents: total, wonDeals: totalDeals, calls: calls, lists: lists,
            byRep: reps.indices.map {
                .init(
                    rep: reps[$0], wonCents: won[$0], wonDeals: wonDeals[$0], calls: index[$0].calls,
                    lists: index[$0].lists)
            })
    }
}
