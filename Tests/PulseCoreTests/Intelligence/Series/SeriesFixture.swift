import Foundation

@testable import PulseCore

/// Hand-built tenants for the series and anomaly-condition tests. `now` is Wednesday 2025-06-18 00:00 UTC, so
/// the daily points are whole calendar days; the data is deterministic (SplitMix64).
enum SeriesFixture {
    static let now = Date(timeIntervalSince1970: 1_750_204_800)
    static let tenant = Tenant(id: Tenant.defaultID, name: "Acme Sales")
    static let reps = [
        Rep(id: "r1", name: "Ann Lee", role: .rep, manager: "m1", team: "east"),
        Rep(id: "r2", name: "Bob Ray", role: .rep, manager: "m1", team: "east"),
    ]
    static let accounts = [
        Account(id: "a1", name: "Globex", industry: "Retail", owner: "r1", createdAt: day(-400)),
        Account(id: "a2", name: "Initech", industry: "EdTech", owner: "r2", createdAt: day(-400)),
    ]

    /// `now` plus days (negative = past).
    static func day(_ days: Double) -> Date { now.addingTimeInterval(days * 86_400) }

    /// Whether the day starting at `date` is a Saturday or Sunday.
    static func isWeekend(_ date: Date) -> Bool {
        let weekday = (Int(date.timeIntervalSince1970 / 86_400) + 4) % 7  // 0 = Sunday
        return weekday == 0 || weekday == 6
    }

    /// Daily engagement of account a1 for `days` days before now, one event at midday: about 40 on weekdays and
    /// 10 at weekends (±20 %); `latest` replaces the count of the last day.
    static func engagement(days: Int = 120, latest: Int? = nil, seed: UInt64 = 7) -> [EngagementEvent] {
        var rng = SplitMix64(seed: seed)
        return (1...days).map { back in
            let start = day(-Double(back))
            let base = isWeekend(start) ? 10.0 : 40.0
            var count = Int((base * (0.8 + 0.4 * rng.unit())).rounded())
            if back == 1, let latest { count = latest }
            return EngagementEvent(
                id: .init("e\(back)"), account: "a1", kind: .featureUsed, occurredAt: start.addingTimeInterval(43_200),
                count: count, errorCount: 0)
        }
    }

    /// A closed deal of industry `industry`, won or lost `daysAgo` days before now.
    static func closed(_ id: String, won: Bool, daysAgo: Double, industry: String = "Retail", owner: Rep.ID = "r1")
        -> Deal
    {
        let closedAt = day(-daysAgo)
        return Deal(
            id: Deal.ID(id), name: id, account: "a1", owner: owner, stage: won ? "Won" : "Lost",
            stageHistory: [
                .init(stage: "Prospecting", enteredAt: closedAt.addingTimeInterval(-30 * 86_400)),
                .init(stage: won ? "Won" : "Lost", enteredAt: closedAt),
            ],
            amountCents: 1_000_000, industry: industry, createdAt: closedAt.addingTimeInterval(-30 * 86_400),
            closedAt: closedAt, outcome: won ? .won : .lost)
    }

    /// Retail deals: `baseline` closed evenly over the 90 days before the last week with `baselineWon` won, and
    /// `recent` closed in the last 7 days with `recentWon` won.
    static func retail(baseline: Int = 90, baselineWon: Int = 36, recent: Int, recentWon: Int) -> [Deal] {
        let old = (0..<baseline).map { i in
            closed("B\(i)", won: i % baseline < baselineWon, daysAgo: 8 + Double(i) * 89 / Double(max(1, baseline)))
        }
        let new = (0..<recent).map { i in
            closed("R\(i)", won: i < recentWon, daysAgo: 0.5 + Double(i) * 6 / Double(max(1, recent)))
        }
        return old + new
    }

    static func data(
        deals: [Deal] = [], engagement: [EngagementEvent] = [], activities: [Activity] = [],
        tickets: [SupportTicket] = []
    ) -> EvaluationData {
        EvaluationData(
            tenant: tenant, accounts: accounts, contacts: [], reps: reps, deals: deals, activities: activities,
            engagement: engagement, tickets: tickets, subscriptions: [], targets: [], now: now)
    }

    /// A one-rule evaluation of `condition` on `ref`: the match, or nil when the condition does not hold.
    static func match(
        _ condition: AnomalyCondition, scope: RuleScope, _ ref: EntityRef, data: EvaluationData,
        segmentBy: [String] = []
    ) -> RuleMatch? {
        let rule = Rule(
            id: "anomaly-test", title: "Anomaly", scope: scope, segmentBy: segmentBy, condition: .anomaly(condition),
            severity: .high, message: RuleMessage())
        return RuleEvaluator(rules: [rule]).evaluate(data, now: now, touched: [ref]).first { $0.entity == ref }?.match
    }
}
