import Foundation

/// `lists-out`: partner lists sent per month, average list size and the list-out → first-sale conversion, in total
/// and per rep (crm-reporting-spec.md §3.3, §3.4).
public struct ListsOutReport: TabularReport, Hashable, Codable {
    /// Lists sent in one month.
    public struct Month: Hashable, Sendable, Codable {
        public var period: String
        public var lists: Int
    }

    /// One rep's lists.
    public struct RepRow: Hashable, Sendable, Codable {
        public var rep: String
        public var name: String
        public var lists: Int
        public var averageSize: Double?
        public var withSale: Int
        public var conversionRate: Double?
    }

    public var from: Date
    public var to: Date
    /// Main pipeline items whose list-out (partner list sent) is in the range.
    public var lists: Int
    /// Mean `partnerListSize` of those lists that state one; nil when none does.
    public var averageSize: Double?
    /// Of those lists, how many had their first sale before `to`.
    public var withSale: Int
    /// withSale ÷ lists; nil without lists.
    public var conversionRate: Double?
    /// Mean whole days from list-out to first sale over the lists that sold.
    public var averageDaysToFirstSale: Double?
    public var monthly: [Month]
    public var byRep: [RepRow]
    /// Target per month (`lists_out_per_month`, default 15).
    public var monthlyTarget: Double

    /// Lists out from `MetricsFrame`'s list-out milestone (sent date or entry into a list-sent stage).
    public init(data: ReportData, query: ReportQuery) {
        let frame = data.frame(matching: query)
        let window = query.window
        let end = window.end
        let byID = Dictionary(data.deals.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let periods = ReportPeriods(window: window)
        var months = [Int](repeating: 0, count: periods.months.count)
        struct Acc {
            var lists = 0
            var sizes: [Int] = []
            var sold = 0
        }
        var total = Acc()
        var perRep: [String: Acc] = [:]
        var daysToSale: [Int] = []
        for i in frame.dealIDs.indices where window.contains(frame.dealListOutAt[i]) {
            let sentAt = frame.dealListOutAt[i]
            let saleAt = frame.dealSaleAt[i]
            let sold = saleAt != MetricsFrame.missing && saleAt < end
            let size = byID[frame.dealIDs[i]]?.partnerListSize
            if let m = periods.monthIndex(sentAt) { months[m] += 1 }
            func add(_ acc: inout Acc) {
                acc.lists += 1
                if let size { acc.sizes.append(size) }
                if sold { acc.sold += 1 }
            }
            add(&total)
            if frame.dealRep[i] >= 0 { add(&perRep[frame.reps[Int(frame.dealRep[i])].rawValue, default: Acc()]) }
            if sold { daysToSale.append(Int(UTCCalendar.wholeDays(max(0, saleAt - sentAt)))) }
        }
        func mean(_ values: [Int]) -> Double? {
            values.isEmpty ? nil : Double(values.reduce(0, +)) / Double(values.count)
        }
        func rate(_ acc: Acc) -> Double? { acc.lists > 0 ? Double(acc.sold) / Double(acc.lists) : nil }
        let targets = data.targets.isEmpty ? KpiTarget.defaults() : data.targets
        from = query.from
        to = query.to
        lists = total.lists
        averageSize = mean(total.sizes)
        withSale = total.sold
        conversionRate = rate(total)
        averageDaysToFirstSale = mean(daysToSale)
        monthly = months.enumerated().map { Month(period: periods.months[$0.offset].label, lists: $0.element) }
        byRep = data.repIDs(matching: query).map { id in
            let acc = perRep[id.rawValue] ?? Acc()
            return RepRow(
                rep: id.rawValue, name: data.name(of: id), lists: acc.lists, averageSize: mean(acc.sizes),
                withSale: acc.sold, conversionRate: rate(acc))
        }
        monthlyTarget =
            targets.first { $0.metric == "lists_out_per_month" && $0.rep == nil && $0.team == nil }?.target ?? 15
    }

    /// Rows scope (ALL, a rep id or a month), lists, average size, lists with a sale and the conversion rate.
    public var table: ReportTable {
        var rows = [
            [
                "ALL", "\(lists)", averageSize.map(ReportFormat.decimal) ?? "", "\(withSale)",
                ReportFormat.rate(conversionRate),
            ]
        ]
        rows += byRep.map {
            [
                $0.rep, "\($0.lists)", $0.averageSize.map(ReportFormat.decimal) ?? "", "\($0.withSale)",
                ReportFormat.rate($0.conversionRate),
            ]
        }
        rows += monthly.map { [$0.period, "\($0.lists)", "", "", ""] }
        return ReportTable(
            columns: ["scope", "lists_out", "average_list_size", "lists_with_sale", "list_to_sale_rate"], rows: rows)
    }
}
