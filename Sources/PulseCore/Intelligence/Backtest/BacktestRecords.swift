import Foundation

/// One tenant's full history as stored (the final state of every record plus churn events): what a backtest
/// replays from and joins outcomes against.
public struct BacktestRecords: Sendable {
    public var tenant: Tenant
    public var accounts: [Account]
    public var contacts: [Contact]
    public var reps: [Rep]
    public var deals: [Deal]
    public var activities: [Activity]
    public var engagement: [EngagementEvent]
    public var tickets: [SupportTicket]
    public var subscriptions: [Subscription]
    public var targets: [KpiTarget]
    public var churnEvents: [ChurnEvent]

    public init(
        tenant: Tenant, accounts: [Account] = [], contacts: [Contact] = [], reps: [Rep] = [], deals: [Deal] = [],
        activities: [Activity] = [], engagement: [EngagementEvent] = [], tickets: [SupportTicket] = [],
        subscriptions: [Subscription] = [], targets: [KpiTarget] = [], churnEvents: [ChurnEvent] = []
    ) {
        self.tenant = tenant
        self.accounts = accounts
        self.contacts = contacts
        self.reps = reps
        self.deals = deals
        self.activities = activities
        self.engagement = engagement
        self.tickets = tickets
        self.subscriptions = subscriptions
        self.targets = targets
        self.churnEvents = churnEvents
    }

    /// True when there is nothing to replay: no deals, accounts, activities or engagement.
    public var isEmpty: Bool { deals.isEmpty && accounts.isEmpty && activities.isEmpty && engagement.isEmpty }

    /// The latest time any record carries (creation, stage move, close, activity, event, ticket, churn); nil
    /// when no record has a date. Outcomes such as a slipped close date are only known up to here.
    public var latestDate: Date? {
        var latest: Date?
        func see(_ date: Date?) {
            guard let date else { return }
            if latest.map({ date > $0 }) ?? true { latest = date }
        }
        for d in deals {
            see(d.createdAt)
            see(d.closedAt)
            see(d.stageHistory.last?.enteredAt)
        }
        for a in activities { see(a.occurredAt) }
        for e in engagement { see(e.occurredAt) }
        for t in tickets {
            see(t.openedAt)
            see(t.closedAt)
        }
        for c in churnEvents { see(c.churnedAt) }
        for s in subscriptions { see(s.startDate) }
        return latest
    }
}
