import Foundation

/// `leaderboard`: the BDR Performance Index (calls ×1 + agreements ×3 + lists ×2 + sales ×5) per rep with its key
/// metrics, best first (crm-reporting-spec.md §3.7).
public struct LeaderboardReport: TabularReport, Hashable, Codable {
    /// One rep's line.
    public struct Row: Hashable, Sendable, Codable {
        public var rank: Int
        public var rep: String
        public var name: String
        public var calls: Int
        public var agreements: Int
        public var lists: Int
        public var sales: Int
        public var index: Int
        /// agreements ÷ calls; nil without calls.
        public var callToAgreementRate: Double?
    }

    public var from: Date
    public var to: Date
    public var rows: [Row]

    /// Reps: the query's reps, else the roster's reps and BDRs plus anyone with activity in the range. Sorted by
    /// index, then calls (both descending), then rep id.
    public init(data: ReportData, query: ReportQuery) {
        let frame = data.frame(matching: query)
        let index = Dictionary(
            frame.bdrIndex(in: query.window).map { ($0.rep, $0) }, uniquingKeysWith: { a, _ in a })
        var ids: Set<Rep.ID>
        if let wanted = query.reps {
            ids = wanted
        } else {
            ids = Set(data.reps.filter { $0.role == .rep || $0.role == .bdr }.map(\.id))
            for (rep, row) in index where row.index > 0 { ids.insert(rep) }
        }
        let unranked = ids.map { id -> Row in
            let r = index[id]
            let calls = r?.calls ?? 0
            let agreements = r?.agreements ?? 0
            return Row(
                rank: 0, rep: id.rawValue, name: data.name(of: id), calls: calls, agreements: agreements,
                lists: r?.lists ?? 0, sales: r?.sales ?? 0, index: r?.index ?? 0,
                callToAgreementRate: calls > 0 ? Double(agreements) / Double(calls) : nil)
        }
        .sorted { ($1.index, $1.calls, $0.rep) < ($0.index, $0.calls, $1.rep) }
        from = query.from
        to = query.to
        rows = unranked.enumerated().map { offset, row in
            var row = row
            row.rank = offset + 1
            return row
        }
    }

    public var table: ReportTable {
        ReportTable(
            columns: [
                "rank", "rep", "name", "calls", "agreements", "lists", "sales", "index", "call_to_agreement_rate",
            ],
            rows: rows.map {
                [
                    "\($0.rank)", $0.rep, $0.name, "\($0.calls)", "\($0.agreements)", "\($0.lists)", "\($0.sales)",
                    "\($0.index)", ReportFormat.rate($0.callToAgreementRate),
                ]
            })
    }
}
