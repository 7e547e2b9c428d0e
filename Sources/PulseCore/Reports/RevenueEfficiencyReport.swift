import Foundation

/// `revenue-efficiency`: won revenue per conducted call, per list out and per active BDR, in total and per rep
/// (crm-reporting-spec.md §3.6); amounts in cents.
public struct RevenueEfficiencyReport: TabularReport, Hashable, Codable {
    /// One rep's revenue and ratios.
    public struct RepRow: Hashable, Sendable, Codable {
        public var rep: String
        public var name: String
        public var wonCents: Int64
        public var sales: Int
        public var calls: Int
        public var lists: Int
        public var revenuePerCallCents: Int64?
        public var revenuePerListCents: Int64?
    }

    public var from: Date
    public var to: Date
    public var wonCents: Int64
    public var sales: Int
    public var calls: Int
    public var lists: Int
    public var revenuePerCallCents: Int64?
    public var revenuePerListCents: Int64?
    /// Won cents ÷ reps with any call, list or sale in the range.
    public var revenuePerBDRCents: Int64?
    public var byRep: [RepRow]

    /// `MetricsFrame.revenue` over the range.
    public init(data: ReportData, query: ReportQuery) {
        let r = data.frame(matching: query).revenue(in: query.window)
        let rows = Dictionary(r.byRep.map { ($0.rep, $0) }, uniquingKeysWith: { a, _ in a })
        from = query.from
        to = query.to
        wonCents = r.wonCents
        sales = r.wonDeals
        calls = r.calls
        lists = r.lists
        revenuePerCallCents = r.revenuePerCallCents
        revenuePerListCents = r.revenuePerListCents
        revenuePerBDRCents = r.revenuePerActiveRepCents
        byRep = data.repIDs(matching: query).map { id in
            let row = rows[id]
            return RepRow(
                rep: id.rawValue, name: data.name(of: id), wonCents: row?.wonCents ?? 0, sales: row?.wonDeals ?? 0,
                calls: row?.calls ?? 0, lists: row?.lists ?? 0, revenuePerCallCents: row?.revenuePerCallCents,
                revenuePerListCents: row?.revenuePerListCents)
        }
    }

    /// Rows scope (ALL or a rep id), won amount, sales, calls, lists and the ratios, in dollars.
    public var table: ReportTable {
        var rows = [
            [
                "ALL", ReportFormat.cents(wonCents), "\(sales)", "\(calls)", "\(lists)",
                ReportFormat.cents(revenuePerCallCents), ReportFormat.cents(revenuePerListCents),
                ReportFormat.cents(revenuePerBDRCents),
            ]
        ]
        rows += byRep.map {
            [
                $0.rep, ReportFormat.cents($0.wonCents), "\($0.sales)", "\($0.calls)", "\($0.lists)",
                ReportFormat.cents($0.revenuePerCallCents), ReportFormat.cents($0.revenuePerListCents), "",
            ]
        }
        return ReportTable(
            columns: [
                "scope", "won", "sales", "calls", "lists", "revenue_per_call", "revenue_per_list", "revenue_per_bdr",
            ], rows: rows)
    }
}
