import Foundation

/// The records a report reads, loaded by the caller from the store (PulseCore does no I/O): roster, pipeline,
/// activities, customers and alerts of one tenant.
public struct ReportData: Sendable {
    public var reps: [Rep]
    public var deals: [Deal]
    public var activities: [Activity]
    public var accounts: [Account]
    public var engagement: [EngagementEvent]
    public var tickets: [SupportTicket]
    public var targets: [KpiTarget]
    /// Active (unresolved) alerts.
    public var alerts: [Alert]
    /// Alert notifications (the hourly digest reads the `digest` ones).
    public var notifications: [AlertNotification]

    public init(
        reps: [Rep] = [], deals: [Deal] = [], activities: [Activity] = [], accounts: [Account] = [],
        engagement: [EngagementEvent] = [], tickets: [SupportTicket] = [], targets: [KpiTarget] = [],
        alerts: [Alert] = [], notifications: [AlertNotification] = []
    ) {
        self.reps = reps
        self.deals = deals
        self.activities = activities
        self.accounts = accounts
        self.engagement = engagement
        self.tickets = tickets
        self.targets = targets
        self.alerts = alerts
        self.notifications = notifications
    }

    /// Rep id → display name ("Sarah Johnson"), the id itself when the roster does not know it.
    public func name(of rep: Rep.ID?) -> String {
        guard let rep else { return "unassigned" }
        return reps.first { $0.id == rep }?.name ?? rep.rawValue
    }

    /// Deals passing the query's rep (owner) and category filters; a partner sublist item follows its lead's owner.
    public func deals(matching query: ReportQuery) -> [Deal] {
        let accountIndustry = Dictionary(
            accounts.compactMap { a in a.industry.map { (a.id, $0) } }, uniquingKeysWith: { a, _ in a })
        let owners = Dictionary(deals.map { ($0.id, $0.owner) }, uniquingKeysWith: { a, _ in a })
        return deals.filter { deal in
            let owner = deal.owner ?? deal.parent.flatMap { owners[$0] ?? nil }
            guard query.includes(rep: owner) else { return false }
            guard query.category != nil else { return true }
            let industry = deal.industry ?? deal.account.flatMap { accountIndustry[$0] }
            return query.matches(category: industry) || query.matches(category: deal.product)
        }
    }

    /// Activities passing the filters: the activity's rep (else its deal's owner) and, with a category, its deal's
    /// category (activities without a deal are left out then).
    public func activities(matching query: ReportQuery, deals kept: [Deal]) -> [Activity] {
        let keptIDs = Set(kept.map(\.id))
        let owners = Dictionary(deals.map { ($0.id, $0.owner) }, uniquingKeysWith: { a, _ in a })
        return activities.filter { activity in
            let rep = activity.rep ?? activity.deal.flatMap { owners[$0] ?? nil }
            guard query.includes(rep: rep) else { return false }
            guard query.category != nil else { return true }
            return activity.deal.map { keptIDs.contains($0) } ?? false
        }
    }

    /// The reps a report lists, in id order: the query's reps when it names some; otherwise the roster's reps and
    /// BDRs plus anyone who owns a deal or did an activity that passes the filters (managers and executives
    /// appear only when they have records of their own).
    public func repIDs(matching query: ReportQuery) -> [Rep.ID] {
        if let wanted = query.reps { return wanted.sorted() }
        var ids = Set(reps.filter { $0.role == .rep || $0.role == .bdr }.map(\.id))
        let kept = deals(matching: query)
        ids.formUnion(kept.compactMap(\.owner))
        ids.formUnion(activities(matching: query, deals: kept).compactMap(\.rep))
        return ids.sorted()
    }

    /// A metrics frame over the filtered deals and activities.
    public func frame(matching query: ReportQuery) -> MetricsFrame {
        let kept = deals(matching: query)
        let facts = activities(matching: query, deals: kept).map(ActivityFact.init)
        return MetricsFrame(deals: kept, activities: facts, accounts: accounts)
    }
}
