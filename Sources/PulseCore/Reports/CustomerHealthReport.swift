import Foundation

/// `customer-health`: every account's health score (0–100) as of the range's end, its band, weakest component and
/// engagement segment, lowest first.
public struct CustomerHealthReport: TabularReport, Hashable, Codable {
    /// Health bands: at risk under 40 (the critical rule's threshold), healthy from 75 (expansion-ready), else watch.
    public enum Band: String, Hashable, Sendable, Codable {
        case atRisk = "at_risk"
        case watch
        case healthy

        public init(score: Double) {
            self = score < 40 ? .atRisk : score >= 75 ? .healthy : .watch
        }
    }

    /// One account.
    public struct Row: Hashable, Sendable, Codable {
        public var account: String
        public var name: String
        public var owner: String?
        /// Rounded to one decimal.
        public var score: Double
        public var band: Band
        public var weakest: String?
        public var reason: String?
        /// Engagement segment name (`AccountSegmenter`); nil when the tenant has no segmentation.
        public var segment: String?
    }

    public var asOf: Date
    public var rows: [Row]
    /// Accounts per band.
    public var bands: [String: Int]
    /// Accounts per engagement segment name (of the rows shown).
    public var segments: [String: Int]
    /// Why the accounts have no segment, when they have none.
    public var segmentation: String?

    /// `CustomerHealthScorer` at `to`; accounts filtered by owner (reps) and industry or segment (category);
    /// churned accounts are left out. Segments come from all the tenant's active accounts at `to` (the same as
    /// the rules' `account.engagement_segment`), whatever the filters.
    public init(
        data: ReportData, query: ReportQuery, scorer: CustomerHealthScorer = CustomerHealthScorer(),
        segmenter: AccountSegmenter = AccountSegmenter()
    ) {
        let accounts = data.accounts.filter {
            !$0.churned && query.includes(rep: $0.owner)
                && (query.matches(category: $0.industry) || query.matches(category: $0.segment))
        }
        let byID = Dictionary(accounts.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let scored = scorer.score(
            accounts: accounts, engagement: data.engagement, tickets: data.tickets, activities: data.activities,
            now: query.to)
        let segmentation = segmenter.segment(
            accounts: data.accounts, engagement: data.engagement, tickets: data.tickets, now: query.to)
        asOf = query.to
        rows = scored.map { h in
            let score = (h.score * 10).rounded() / 10
            return Row(
                account: h.account.rawValue, name: byID[h.account]?.name ?? h.account.rawValue,
                owner: byID[h.account]?.owner?.rawValue, score: score, band: Band(score: h.score),
                weakest: h.weakest?.kind.rawValue, reason: h.weakest?.explanation,
                segment: segmentation.segment(of: h.account)?.name)
        }
        var bands: [String: Int] = [:]
        for row in rows { bands[row.band.rawValue, default: 0] += 1 }
        self.bands = bands
        var segments: [String: Int] = [:]
        for row in rows { if let s = row.segment { segments[s, default: 0] += 1 } }
        self.segments = segments
        self.segmentation = segmentation.unavailable
    }

    public var table: ReportTable {
        ReportTable(
            columns: ["account", "name", "owner", "score", "band", "weakest", "reason", "segment"],
            rows: rows.map {
                [
                    $0.account, $0.name, $0.owner ?? "", String(format: "%.1f", $0.score), $0.band.rawValue,
                    $0.weakest ?? "", $0.reason ?? "", $0.segment ?? "",
                ]
            })
    }
}
