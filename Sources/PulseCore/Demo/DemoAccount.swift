/// One generated customer account with its contacts, subscriptions, engagement, tickets, churn and e-mails.
public struct DemoAccount: Sendable {
    public var profile: DemoAccountProfile
    public var account: Account
    public var contacts: [Contact]
    public var subscriptions: [Subscription]
    public var engagement: [EngagementEvent]
    public var tickets: [SupportTicket]
    public var churn: ChurnEvent?
    public var activities: [Activity]
}
