import Foundation

/// The deal win-probability model's inputs: how often deals like this one were won before (by its owner, product,
/// industry, lead source and account), the account's size, and the deal's own progress at that moment.
///
/// Everything is as of a moment `at`: only deals closed before it count toward the win rates, and only
/// activities before it toward the progress, so a training row never sees its own outcome. The amount is
/// deliberately not an input: exports such as Maven's record the close value (0 for a lost deal), which would
/// give the answer away.
public enum WinFeatures {
    /// Pseudo-deals at the overall win rate added to each historical rate (so 1 of 1 is not 100 %).
    static let smoothing = 5.0

    public static let descriptors: [FeatureDescriptor] = [
        FeatureDescriptor("owner_win_rate", .quantity(template: "owner wins {value}% of closed deals")),
        FeatureDescriptor("owner_closed_deals", .quantity(template: "owner closed {value} deals before")),
        FeatureDescriptor("product_win_rate", .quantity(template: "{value}% win rate for this product")),
        FeatureDescriptor("industry_win_rate", .quantity(template: "{value}% win rate in this industry")),
        FeatureDescriptor("lead_source_win_rate", .quantity(template: "{value}% win rate from this lead source")),
        FeatureDescriptor("account_prior_wins", .quantity(template: "account bought {value} times before")),
        FeatureDescriptor("account_prior_losses", .quantity(template: "{value} earlier deals lost with this account")),
        FeatureDescriptor("account_employees", .quantity(template: "{value} employees")),
        FeatureDescriptor("account_revenue_musd", .quantity(template: "account revenue ${value}M")),
        FeatureDescriptor("age_days", .quantity(template: "open {value} days")),
        FeatureDescriptor("stage_index", .quantity(template: "at stage {value} of the pipeline")),
        FeatureDescriptor("days_in_stage", .quantity(template: "{value} days in the current stage")),
        FeatureDescriptor("activities_30d", .quantity(template: "{value} activities in the last 30 days")),
        FeatureDescriptor("stakeholders", .quantity(template: "{value} people involved")),
        FeatureDescriptor("days_since_activity", .quantity(template: "{value} days since the last activity")),
    ]

    public static var names: [String] { descriptors.map(\.name) }

    /// Days after creation at which a closed deal is observed for training; every point before its close gives a
    /// row (so the model sees deals young and old, as it will when scoring open deals).
    public static let observationDays = [7, 30, 60, 90]

    /// Features of one deal at `at`. For many deals at the same moment use `WinFeatureContext` (one pass over the
    /// closed deals instead of one per deal).
    public static func row(_ deal: Deal, in data: EvaluationData, at: Date) -> [Double] {
        WinFeatureContext(data: data, at: at).row(deal)
    }

    /// Closed main-pipeline deals (won or lost, with creation and close dates), each observed at creation + 7, 30,
    /// 60 and 90 days while still open; label = won. Rows are ordered by observation time; `closedAt` is each row's
    /// deal close date (for time-based evaluation splits). Ids are `<deal id>@<days>`.
    public static func trainingSet(_ data: EvaluationData) throws -> (data: LabeledDataset, closedAt: [Date]) {
        struct Point {
            var deal: Int
            var at: Date
            var days: Int
        }
        var points: [Point] = []
        for (i, d) in data.deals.enumerated() where d.parent == nil {
            guard let created = d.createdAt, let closed = d.closedAt, data.closedCategory(d) != .open else {
                continue
            }
            for days in observationDays {
                let at = created.addingTimeInterval(Double(days) * 86_400)
                if at < closed { points.append(Point(deal: i, at: at, days: days)) }
            }
        }
        points.sort { ($0.at, $0.deal, $0.days) < ($1.at, $1.deal, $1.days) }
        var history = WinHistory(data: data)
        var rows: [[Double]] = []
        var labels: [Bool] = []
        var ids: [String] = []
        var closedAt: [Date] = []
        rows.reserveCapacity(points.count)
        for p in points {
            history.advance(to: p.at)
            let d = data.deals[p.deal]
            rows.append(WinFeatureContext.row(d, data: data, history: history, at: p.at))
            labels.append(data.closedCategory(d) == .won)
            ids.append("\(d.id.rawValue)@\(p.days)")
            closedAt.append(d.closedAt!)
        }
        return (try LabeledDataset(features: descriptors, rows: rows, labels: labels, ids: ids), closedAt)
    }
}

/// Win-rate history and deal features as of one moment: built once, then `row(_:)` per deal.
public struct WinFeatureContext: Sendable {
    let data: EvaluationData
    let at: Date
    let history: WinHistory

    public init(data: EvaluationData, at: Date) {
        var history = WinHistory(data: data)
        history.advance(to: at)
        self.data = data
        self.at = at
        self.history = history
    }

    /// The deal's features at this context's moment (`WinFeatures.descriptors` order; NaN where unknown).
    public func row(_ deal: Deal) -> [Double] {
        Self.row(deal, data: data, history: history, at: at)
    }

    static func row(_ d: Deal, data: EvaluationData, history: WinHistory, at: Date) -> [Double] {
        let account = d.account.flatMap { data.account($0) }
        let industry = d.industry ?? account?.industry
        let accountRecord = d.account.map { history.counts["account:\($0.rawValue)"] ?? (0, 0) }
        let t = TimeWindow.seconds(at)
        let list = data.activitiesByDeal[d.id] ?? []
        var recent = 0
        EvaluationData.scan(list, times: data.activityTime, window: .lastDays(30, before: at)) { _ in recent += 1 }
        let known = data.distinctContacts(list, window: .until(at), kinds: []).count
        let latest = data.latestActivity(dealID: d.id, before: at, kinds: [])
        let stage = d.stageHistory.last { TimeWindow.seconds($0.enteredAt) <= t }
        let stageIndex = stage.flatMap { s in
            StageCatalogue.builtIn[d.pipeline]?.stages.firstIndex { $0.key == s.stage }
        }
        return [
            history.rate(d.owner.map { "owner:\($0.rawValue)" }),
            d.owner.map { Double(history.counts["owner:\($0.rawValue)"]?.closed ?? 0) } ?? .nan,
            history.rate(d.product.map { "product:\($0)" }),
            history.rate(industry.map { "industry:\($0)" }),
            history.rate(d.leadSource.map { "source:\($0)" }),
            accountRecord.map { Double($0.won) } ?? .nan,
            accountRecord.map { Double($0.closed - $0.won) } ?? .nan,
            account?.employees.map(Double.init) ?? .nan,
            account?.annualRevenueCents.map { Double($0) / 100_000_000 } ?? .nan,
            d.createdAt.map { Double(Days.between($0, at)) } ?? .nan,
            stageIndex.map(Double.init) ?? .nan,
            stage.map { Double(Days.between($0.enteredAt, at)) } ?? .nan,
            Double(recent),
            Double(known),
            (latest ?? d.createdAt).map { Double(Days.between($0, at)) } ?? .nan,
        ]
    }
}

/// Won and closed counts per owner, product, industry, lead source and account over the deals closed before a
/// moment, advanced forward in time.
struct WinHistory: Sendable {
    private let data: EvaluationData
    /// Closed main-pipeline deal rows in close order.
    private let closedRows: [Int]
    private var next = 0
    private(set) var counts: [String: (won: Int, closed: Int)] = [:]
    private(set) var total: (won: Int, closed: Int) = (0, 0)

    init(data: EvaluationData) {
        self.data = data
        closedRows = data.deals.indices.filter { i in
            let d = data.deals[i]
            return d.parent == nil && d.closedAt != nil && data.closedCategory(d) != .open
        }.sorted { (data.deals[$0].closedAt!, $0) < (data.deals[$1].closedAt!, $1) }
    }

    /// Counts every deal closed strictly before `at` (moments must not go backwards).
    mutating func advance(to at: Date) {
        while next < closedRows.count, let closed = data.deals[closedRows[next]].closedAt, closed < at {
            let d = data.deals[closedRows[next]]
            let won = data.closedCategory(d) == .won ? 1 : 0
            total.won += won
            total.closed += 1
            let industry = d.industry ?? d.account.flatMap { data.account($0)?.industry }
            let keys = [
                d.owner.map { "owner:\($0.rawValue)" }, d.product.map { "product:\($0)" },
                industry.map { "industry:\($0)" }, d.leadSource.map { "source:\($0)" },
                d.account.map { "account:\($0.rawValue)" },
            ]
            for case let key? in keys {
                let c = counts[key] ?? (0, 0)
                counts[key] = (c.won + won, c.closed + 1)
            }
            next += 1
        }
    }

    /// Smoothed win rate in percent for a key: (won + m × overall) ÷ (closed + m); NaN before any deal closed or
    /// when the key is unknown.
    func rate(_ key: String?) -> Double {
        guard let key, total.closed > 0 else { return .nan }
        let prior = Double(total.won) / Double(total.closed)
        let c = counts[key] ?? (0, 0)
        return 100 * (Double(c.won) + WinFeatures.smoothing * prior) / (Double(c.closed) + WinFeatures.smoothing)
    }
}
