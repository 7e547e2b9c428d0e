import Foundation

/// `agreements`: hard-yes agreements per month and per ISO week with a least-squares trend line over the months,
/// per rep, against the monthly target (crm-reporting-spec.md §3.2).
public struct AgreementsReport: TabularReport, Hashable, Codable {
    /// Agreements in one period.
    public struct Period: Hashable, Sendable, Codable {
        /// "2026-11" or "2026-W48".
        public var period: String
        public var count: Int
        /// The trend line's value for the period (months only).
        public var trend: Double?
    }

    /// One rep's agreements in the range.
    public struct RepCount: Hashable, Sendable, Codable {
        public var rep: String
        public var name: String
        public var agreements: Int
    }

    public var from: Date
    public var to: Date
    public var total: Int
    public var monthly: [Period]
    public var weekly: [Period]
    /// Fitted over `monthly`.
    public var trend: TrendLine
    public var byRep: [RepCount]
    /// Target per month (`agreements_per_month`, default 20).
    public var monthlyTarget: Double

    /// Counts main pipeline items whose agreement milestone (agreement date or entry into an agreement stage) is
    /// in the range, by the deal's owner.
    public init(data: ReportData, query: ReportQuery) {
        let frame = data.frame(matching: query)
        let window = query.window
        let times = frame.dealIDs.indices.compactMap { i -> (Int64, Int32)? in
            window.contains(frame.dealAgreementAt[i]) ? (frame.dealAgreementAt[i], frame.dealRep[i]) : nil
        }
        let periods = ReportPeriods(window: window)
        var months = [Int](repeating: 0, count: periods.months.count)
        var weeks = [Int](repeating: 0, count: periods.weeks.count)
        var perRep: [String: Int] = [:]
        for (t, rep) in times {
            if let m = periods.monthIndex(t) { months[m] += 1 }
            if let w = periods.weekIndex(t) { weeks[w] += 1 }
            if rep >= 0 { perRep[frame.reps[Int(rep)].rawValue, default: 0] += 1 }
        }
        let trend = TrendLine(values: months.map(Double.init))
        let targets = data.targets.isEmpty ? KpiTarget.defaults() : data.targets
        from = query.from
        to = query.to
        total = times.count
        monthly = months.enumerated().map {
            Period(period: periods.months[$0.offset].label, count: $0.element, trend: trend.fitted[$0.offset])
        }
        weekly = weeks.enumerated().map {
            Period(period: periods.weeks[$0.offset].label, count: $0.element, trend: nil)
        }
        self.trend = trend
        byRep = data.repIDs(matching: query).map {
            RepCount(rep: $0.rawValue, name: data.name(of: $0), agreements: perRep[$0.rawValue] ?? 0)
        }
        monthlyTarget =
            targets.first { $0.metric == "agreements_per_month" && $0.rep == nil && $0.team == nil }?.target
            ?? 20
    }

    /// Rows granularity (month, week, rep), period or rep, agreements and trend.
    public var table: ReportTable {
        var rows = monthly.map { ["month", $0.period, "\($0.count)", $0.trend.map(ReportFormat.decimal) ?? ""] }
        rows += weekly.map { ["week", $0.period, "\($0.count)", ""] }
        rows += byRep.map { ["rep", $0.rep, "\($0.agreements)", ""] }
        return ReportTable(columns: ["granularity", "period", "agreements", "trend"], rows: rows)
    }
}
