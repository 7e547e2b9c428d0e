import Foundation

@testable import PulseCore

/// A small hand-built history for backtest tests: days are counted from `origin` (2025-01-01, midnight UTC).
enum BacktestHistory {
    static let origin = Date(timeIntervalSince1970: 1_735_689_600)

    /// Midnight UTC of day `n` after the origin (plus hours).
    static func day(_ n: Int, hours: Double = 0) -> Date {
        origin.addingTimeInterval(Double(n) * 86_400 + hours * 3600)
    }

    static let tenant = Tenant(id: Tenant.defaultID, name: "Backtest Co")
    static let reps = [
        Rep(id: "r1", name: "Ann Lee", role: .rep, team: "east"),
        Rep(id: "r2", name: "Bob Ray", role: .rep, team: "east"),
    ]

    /// d1: Qualified day 0, Proposal day 20, lost day 40. d2: created day 30, won day 35. a1 churns on day 60.
    static var records: BacktestRecords {
        let d1 = Deal(
            id: "d1", account: "a1", owner: "r1", stage: "Lost",
            stageHistory: [
                StageChange(stage: "Qualified", enteredAt: day(0)), StageChange(stage: "Proposal", enteredAt: day(20)),
                StageChange(stage: "Lost", enteredAt: day(40)),
            ],
            amountCents: 100_000, createdAt: day(0), closedAt: day(40), outcome: .lost, lossReason: "price")
        let d2 = Deal(
            id: "d2", account: "a1", owner: "r2", stage: "Won",
            stageHistory: [
                StageChange(stage: "Qualified", enteredAt: day(30)), StageChange(stage: "Won", enteredAt: day(35)),
            ],
            amountCents: 50_000, createdAt: day(30), closedAt: day(35), outcome: .won)
        return BacktestRecords(
            tenant: tenant,
            accounts: [Account(id: "a1", name: "Globex", owner: "r1", createdAt: day(-100), churned: true)],
            reps: reps, deals: [d1, d2],
            activities: [
                Activity(id: "x1", kind: .callConducted, deal: "d1", rep: "r1", occurredAt: day(10, hours: 9)),
                Activity(id: "x2", kind: .meeting, deal: "d1", rep: "r1", occurredAt: day(30, hours: 9)),
            ],
            engagement: [
                EngagementEvent(id: "e1", account: "a1", kind: .portalLogin, occurredAt: day(5)),
                EngagementEvent(id: "e2", account: "a1", kind: .portalLogin, occurredAt: day(50)),
            ],
            tickets: [SupportTicket(id: "t1", account: "a1", openedAt: day(5), closedAt: day(28))],
            subscriptions: [Subscription(id: "s1", account: "a1", startDate: day(50), arrCents: 1_000_000)],
            churnEvents: [ChurnEvent(id: "c1", account: "a1", churnedAt: day(60, hours: 12))])
    }

    /// A risk rule on deals: open and at least 10 whole days in the current stage.
    static let stuckDeal = Rule(
        id: "stuck-deal", title: "Stuck deal", scope: .deal,
        condition: .all([
            .compare(MetricComparison(metric: "deal.is_open", op: .equal, value: .number(1))),
            .compare(MetricComparison(metric: "deal.days_in_stage", op: .greaterOrEqual, value: .number(10))),
        ]),
        severity: .high, category: "risk")
}
