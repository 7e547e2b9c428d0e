import Foundation
import Testing

@testable import PulseCore

/// Baselines, scaling, z-scores and window boundaries, on hand-computed numbers.
@Suite struct ChangeAndWindowTests {
    typealias F = EvaluationFixture
    static let account = Account(id: "z", name: "Zeta", createdAt: F.day(-400))

    static func event(_ id: String, _ kind: EngagementKind, at: Date, count: Int = 1, feature: String? = nil)
        -> EngagementEvent
    {
        EngagementEvent(id: .init(id), account: "z", kind: kind, occurredAt: at, feature: feature, count: count)
    }

    /// 5 logins in the last 7 days, 40 in the 28 days before (14 of them in the 7 days before), features f1 now
    /// and f1, f2 before; sessions 10 in the last day and 2, 4, 4, 6 in the four days before.
    static func data() -> EvaluationData {
        var events: [EngagementEvent] = []
        for k in 0..<5 { events.append(event("now\(k)", .portalLogin, at: F.day(-Double(k) - 0.5))) }
        for k in 0..<40 { events.append(event("base\(k)", .portalLogin, at: F.day(-7.5 - Double(k) * 0.5))) }
        events.append(event("f-now", .featureUsed, at: F.day(-1), feature: "f1"))
        events.append(event("f-old1", .featureUsed, at: F.day(-10), feature: "f1"))
        events.append(event("f-old2", .featureUsed, at: F.day(-20), feature: "f2"))
        for (i, count) in [10, 2, 4, 4, 6].enumerated() {
            events.append(event("s\(i)", .session, at: F.day(-Double(i) - 0.5), count: count))
        }
        return EvaluationData(
            tenant: F.tenant, accounts: [account], contacts: [], reps: [], deals: [], activities: [],
            engagement: events, tickets: [], subscriptions: [], targets: [], now: F.now)
    }

    let data = Self.data()
    let ref = EntityRef(.account, "z")

    func fires(_ c: Condition) -> RuleMatch? { F.match(F.rule("c", .account, c), ref, data: data) }

    func logins(
        _ mode: ChangeMode, _ op: ComparisonOperator, _ value: Double, baseline: WindowSpec? = .last(.days(28)),
        minimumBaseline: Double = 0, minimumCurrent: Double = 0
    ) -> Condition {
        .change(
            .init(
                measure: "logins", window: .last(.days(7)), baseline: baseline, mode: mode, op: op, value: value,
                minimumBaseline: minimumBaseline, minimumCurrent: minimumCurrent))
    }

    @Test func aLongerBaselineOfACountIsScaledToTheCurrentWindow() throws {
        let m = try #require(fires(logins(.percent, .lessOrEqual, -50)))
        #expect(m.facts["logins.current"] == .number(5, .count))
        #expect(m.facts["logins.baseline"] == .number(10, .count))
        #expect(m.facts["logins.change"] == .number(-50, .percentChange))
        #expect(fires(logins(.percent, .lessOrEqual, -51)) == nil)
        #expect(fires(logins(.ratio, .equal, 0.5)) != nil)
        #expect(fires(logins(.absolute, .equal, -5)) != nil)
    }

    @Test func minimumsKeepSmallNumbersFromFiring() {
        #expect(fires(logins(.percent, .lessOrEqual, -50, minimumBaseline: 10)) != nil)
        #expect(fires(logins(.percent, .lessOrEqual, -50, minimumBaseline: 11)) == nil)
        #expect(fires(logins(.percent, .lessOrEqual, -50, minimumCurrent: 6)) == nil)
    }

    @Test func theDefaultBaselineIsTheSameLengthJustBefore() throws {
        let m = try #require(fires(logins(.absolute, .equal, -9, baseline: nil)))
        #expect(m.facts["logins.baseline"] == .number(14, .count))
    }

    @Test func nonAdditiveMeasuresAreNotScaled() throws {
        let c = Condition.change(
            .init(
                measure: "distinct_features", window: .last(.days(7)), baseline: .last(.days(28)), mode: .ratio,
                op: .equal, value: 0.5))
        let m = try #require(fires(c))
        #expect(m.facts["distinct_features.baseline"] == .number(2, .count))
    }

    @Test func zScoreSplitsTheBaselineIntoWindowsOfTheCurrentLength() throws {
        func z(_ op: ComparisonOperator, _ value: Double) -> Condition {
            .change(
                .init(
                    measure: "engagement", kinds: ["session"], window: .last(.days(1)), baseline: .last(.days(4)),
                    mode: .zscore, op: op, value: value, alias: "sessions"))
        }
        // Buckets 2, 4, 4, 6: mean 4, standard deviation √2; (10 − 4) ÷ √2 = 4.243.
        let m = try #require(fires(z(.greaterOrEqual, 4.2)))
        #expect(m.facts["sessions.baseline"] == .number(4, .count))
        #expect(m.facts["sessions.current"] == .number(10, .count))
        guard case .number(let score, .score)? = m.facts["sessions.change"] else {
            Issue.record("no z-score fact")
            return
        }
        #expect(abs(score - 6 / 2.0.squareRoot()) < 1e-9)
        #expect(fires(z(.greaterOrEqual, 4.3)) == nil)
    }

    @Test func calendarWeeksRunMondayToMonday() {
        let monday = Date(timeIntervalSince1970: 1_750_032_000)  // 2025-06-16T00:00Z
        let times = [
            monday, monday.addingTimeInterval(-1), monday.addingTimeInterval(7 * 86_400 - 1),
            monday.addingTimeInterval(7 * 86_400),
        ]
        let calls = times.enumerated().map { i, t in
            Activity(id: .init("c\(i)"), kind: .callConducted, rep: "r1", occurredAt: t)
        }
        let data = EvaluationData(
            tenant: F.tenant, accounts: [], contacts: [], reps: [F.reps[0]], deals: [], activities: calls,
            engagement: [], tickets: [], subscriptions: [], targets: [], now: F.now)
        let rep = F.entity(EntityRef(.rep, "r1"), in: data)
        let week = TimeWindow(WindowSpec.calendar(.week, offset: 0).interval(now: F.now))
        #expect(data.measure(.calls, kinds: [], window: week, entity: rep, now: F.now) == 2)
        let last = TimeWindow(WindowSpec.calendar(.week, offset: -1).interval(now: F.now))
        #expect(data.measure(.calls, kinds: [], window: last, entity: rep, now: F.now) == 1)
        #expect(data.metric(.repCallsThisWeek, rep, now: F.now) == 2)
    }

    @Test func rollingWindowsIncludeTheirStartAndExcludeNow() {
        let calls = [F.day(-7), F.day(-7, hours: -1), F.now].enumerated().map { i, t in
            Activity(id: .init("c\(i)"), kind: .callConducted, rep: "r1", occurredAt: t)
        }
        let data = EvaluationData(
            tenant: F.tenant, accounts: [], contacts: [], reps: [F.reps[0]], deals: [], activities: calls,
            engagement: [], tickets: [], subscriptions: [], targets: [], now: F.now)
        let rep = F.entity(EntityRef(.rep, "r1"), in: data)
        let window = TimeWindow(WindowSpec.last(.days(7)).interval(now: F.now))
        #expect(data.measure(.calls, kinds: [], window: window, entity: rep, now: F.now) == 1)
    }

    @Test func thisMonthStartsOnTheFirstAtMidnight() {
        let first = Date(timeIntervalSince1970: 1_748_736_000)  // 2025-06-01T00:00Z
        let deals = [first, first.addingTimeInterval(-1)].enumerated().map { i, t in
            Deal(id: .init("g\(i)"), owner: "r2", pipeline: "bdr", stage: "AGREEMENT_HARD_YES", agreementDate: t)
        }
        let data = EvaluationData(
            tenant: F.tenant, accounts: [], contacts: [], reps: [F.reps[1]], deals: deals, activities: [],
            engagement: [], tickets: [], subscriptions: [], targets: [], now: F.now)
        let rep = F.entity(EntityRef(.rep, "r2"), in: data)
        #expect(data.metric(.repAgreementsThisMonth, rep, now: F.now) == 1)
    }

    @Test func upcomingCallsCountBookingsScheduledNextWeek() {
        let data = F.data()
        let rep = F.entity(EntityRef(.rep, "r2"), in: data)
        #expect(data.metric(.repUpcomingCallsNextWeek, rep, now: F.now) == 1)
        #expect(data.metric(.repUpcomingCallsNextWeek, rep, now: F.day(7)) == 0)
    }
}
