import Foundation

@testable import PulseCore

/// A small, rich tenant for evaluator tests: every catalogue name has something to read. Times are relative to
/// `now`, Wednesday 2025-06-18 12:00 UTC (week from Monday 06-16, month from 06-01, quarter from 04-01).
enum EvaluationFixture {
    static let now = Date(timeIntervalSince1970: 1_750_248_000)

    /// `now` plus days and hours (negative = past).
    static func day(_ days: Double, hours: Double = 0) -> Date {
        now.addingTimeInterval(days * 86_400 + hours * 3600)
    }

    static let tenant = Tenant(id: Tenant.defaultID, name: "Acme Sales")

    static let reps = [
        Rep(id: "r1", name: "Ann Lee", role: .rep, manager: "m1", team: "east"),
        Rep(id: "r2", name: "Bob Ray", role: .bdr, manager: "m1", team: "east"),
        Rep(id: "m1", name: "Maya Chen", role: .manager, team: "east"),
        Rep(id: "r3", name: "Cy West", role: .rep, team: "west"),
    ]

    static let accounts = [
        Account(
            id: "a1", name: "Globex", industry: "EdTech", segment: "Mid-Market", region: "EMEA", arrCents: 12_000_000,
            plan: "Pro", seats: 4, renewalDate: day(30), owner: "r1", createdAt: day(-400)),
        Account(id: "a2", name: "Initech", industry: "Retail", owner: "r3", createdAt: day(-50)),
    ]

    static let contacts = [
        Contact(id: "c1", account: "a1", name: "Carla Champion", email: "carla@globex.com", role: .champion),
        Contact(id: "c2", account: "a1", name: "Pete Procure", email: "pete@globex.com", role: .procurement),
        Contact(id: "c3", account: "a1", name: "Lena Legal", email: "lena@globex.com", role: .legal),
        Contact(id: "c4", account: "a1", name: "Theo Tech", email: "theo@globex.com", role: .technical),
    ]

    /// Eight closed b2b deals that each spent 25 days in Qualified (5 won, 3 lost), for stage win rates,
    /// DQS cells, PVS and LDVR.
    static var closedDeals: [Deal] {
        (0..<8).map { i in
            let won = i < 5
            let created = day(-100 - Double(i))
            let qualified = day(-90 - Double(i))
            let closed = day(-65 - Double(i))
            return Deal(
                id: Deal.ID("w\(i)"), name: "Closed \(i)", account: i % 2 == 0 ? "a1" : "a2", owner: "r1",
                stage: won ? "Won" : "Lost",
                stageHistory: [
                    .init(stage: "Prospecting", enteredAt: created), .init(stage: "Qualified", enteredAt: qualified),
                    .init(stage: won ? "Won" : "Lost", enteredAt: closed),
                ],
                amountCents: Int64(10_000 + i * 1000) * 100, leadSource: "Inbound", product: "Core",
                industry: "EdTech", createdAt: created, closedAt: closed, outcome: won ? .won : .lost)
        }
    }

    static var deals: [Deal] {
        closedDeals + [
            Deal(
                id: "d1", name: "Globex renewal", account: "a1", owner: "r1", stage: "Qualified",
                stageHistory: [
                    .init(stage: "Prospecting", enteredAt: day(-40)), .init(stage: "Qualified", enteredAt: day(-20)),
                ],
                amountCents: 4_500_000, leadSource: "Inbound", product: "Core", industry: "EdTech",
                region: "EMEA", segment: "Mid-Market", createdAt: day(-40), expectedCloseDate: day(-2)),
            Deal(
                id: "d2", name: "Globex expansion", account: "a1", owner: "r1", stage: "Proposal",
                stageHistory: [.init(stage: "Proposal", enteredAt: day(-3))], amountCents: 9_000_000,
                leadSource: "Website", createdAt: day(-10), expectedCloseDate: day(10), competitor: "Initrode"),
            Deal(
                id: "d3", name: "Initech pilot", account: "a2", owner: "r3", stage: "Prospecting",
                stageHistory: [.init(stage: "Prospecting", enteredAt: day(-30))], amountCents: 500_000,
                industry: "Retail", createdAt: day(-30)),
            Deal(
                id: "b1", name: "Partner list Globex", account: "a1", owner: "r2", pipeline: "bdr",
                stage: "AGREEMENT_HARD_YES",
                stageHistory: [
                    .init(stage: "CALL_BOOKED", enteredAt: day(-12)),
                    .init(stage: "AGREEMENT_HARD_YES", enteredAt: day(-5)),
                ],
                amountCents: 200_000, createdAt: day(-12), callDate: day(6), agreementDate: day(-5),
                partnerListDueDate: day(-3)),
            Deal(
                id: "b2", name: "Partner list sent", account: "a2", owner: "r2", pipeline: "bdr",
                stage: "PARTNER_LIST_SENT",
                stageHistory: [.init(stage: "PARTNER_LIST_SENT", enteredAt: day(-2))], createdAt: day(-20),
                partnerListDueDate: day(-4), partnerListSentDate: day(-2), firstSaleDate: day(-1)),
        ]
    }

    static var activities: [Activity] {
        [
            Activity(
                id: "x1", kind: .emailIn, deal: "d1", rep: "r1", contact: "c1", occurredAt: day(-3),
                subject: "Re: proposal",
                body: "Good news: the budget has been approved and the budget approved memo is attached.",
                participants: ["pete@globex.com"]),
            Activity(
                id: "x2", kind: .meeting, deal: "d1", rep: "r1", occurredAt: day(-20), subject: "Kick-off",
                body: "A heroic effort by the team.", participants: ["c3", "Theo@Globex.com"]),
            Activity(id: "x3", kind: .callConducted, deal: "b1", rep: "r2", occurredAt: day(-1), subject: "Call"),
            Activity(
                id: "x4", kind: .callBooked, deal: "b1", rep: "r2", occurredAt: day(-2), scheduledAt: day(6),
                subject: "Discovery call"),
            Activity(id: "x5", kind: .emailOut, deal: "d2", rep: "r1", occurredAt: day(-9), subject: "Intro"),
            Activity(id: "x6", kind: .emailOut, deal: "d3", rep: "r3", occurredAt: day(-29), subject: "Hello"),
            Activity(id: "x7", kind: .demo, account: "a1", rep: "r1", occurredAt: day(-4), participants: ["c4"]),
        ]
    }

    static var engagement: [EngagementEvent] {
        var out: [EngagementEvent] = []
        for d in 0..<60 {
            out.append(
                EngagementEvent(
                    id: .init("e\(d)"), account: "a1", contact: d % 3 == 0 ? "c1" : "c4",
                    kind: d % 2 == 0 ? .portalLogin : .featureUsed, occurredAt: day(-Double(d) - 0.5),
                    feature: d % 2 == 0 ? nil : "feature-\(d % 5)", count: 2, errorCount: d % 4 == 0 ? 1 : 0))
        }
        return out
    }

    static let tickets = [
        SupportTicket(id: "t1", account: "a1", openedAt: day(-2), priority: .high, firstResponseMinutes: 30),
        SupportTicket(
            id: "t2", account: "a1", openedAt: day(-5), closedAt: day(-4), firstResponseMinutes: 90, satisfaction: 5),
        SupportTicket(id: "t3", account: "a1", openedAt: day(-40), closedAt: day(-39), satisfaction: 5),
    ]

    static let targets = [
        KpiTarget(id: "k1", metric: "bookings_per_quarter", period: .quarter, target: 200_000),
        KpiTarget(id: "k2", metric: "agreements_per_month", period: .month, target: 2, rep: "r2"),
    ]

    static func data(now: Date = now) -> EvaluationData {
        var data = EvaluationData(
            tenant: tenant, accounts: accounts, contacts: contacts, reps: reps, deals: deals, activities: activities,
            engagement: engagement, tickets: tickets, subscriptions: [], targets: targets, now: now)
        data.models = models
        return data
    }

    // MARK: Models (issue 5)

    /// Hand-set models so that `account.churn_probability`, `account.churn_reasons` and `deal.win_probability`
    /// have values: a churn model on open tickets, and a win model that says the overall win rate (5 of 8 closed
    /// deals won) for every deal, which leaves every DQS exactly as without a model.
    static var models: ScoringModels {
        let churnNames = ChurnFeatures.names
        var coefficients = [Double](repeating: 0, count: churnNames.count)
        coefficients[churnNames.firstIndex(of: "open_tickets")!] = 0.8
        let churn = TrainedModel(
            name: "churn", algorithm: .logisticRegression, features: ChurnFeatures.descriptors, trainedAt: now,
            trainingRows: 10,
            logistic: LogisticRegression(
                coefficients: coefficients, intercept: -1, means: churnNames.map { _ in 0 },
                scales: churnNames.map { _ in 1 }))
        let winNames = WinFeatures.names
        let win = TrainedModel(
            name: "win", algorithm: .logisticRegression, features: WinFeatures.descriptors, trainedAt: now,
            trainingRows: 8,
            logistic: LogisticRegression(
                coefficients: winNames.map { _ in 0 }, intercept: 0, means: winNames.map { _ in 0 },
                scales: winNames.map { _ in 1 }),
            calibrator: .isotonic(thresholds: [0], values: [0.625]))
        return ScoringModels(churn: churn, win: win)
    }

    /// A resolved entity of the fixture.
    static func entity(_ ref: EntityRef, in data: EvaluationData, segmentBy: [String] = ["industry"])
        -> EvaluationEntity
    {
        data.resolve(ref, segments: data.segmentIndex(segmentBy))!
    }

    /// A rule with a condition and defaults for the rest.
    static func rule(
        _ id: String, _ scope: RuleScope, _ condition: Condition, segmentBy: [String] = [],
        message: RuleMessage = RuleMessage()
    ) -> Rule {
        Rule(
            id: id, title: id.capitalized, scope: scope, segmentBy: segmentBy, condition: condition, severity: .high,
            message: message)
    }

    /// The match of a one-rule evaluation on one entity, or nil.
    static func match(_ rule: Rule, _ ref: EntityRef, data: EvaluationData, now: Date = now) -> RuleMatch? {
        let results = RuleEvaluator(rules: [rule]).evaluate(data, now: now, touched: [ref])
        return results.first { $0.entity == ref }?.match
    }
}
