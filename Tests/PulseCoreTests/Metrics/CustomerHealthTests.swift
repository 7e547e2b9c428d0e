import Foundation
import Testing

@testable import PulseCore

@Suite struct CustomerHealthTests {
    typealias F = MetricsFactory
    let scorer = CustomerHealthScorer()

    func use(_ daysAgo: Double, count: Int = 1, feature: String? = nil) -> EngagementEvent {
        EngagementEvent(
            id: EngagementEvent.ID("e\(daysAgo)\(feature ?? "")"), account: "acme",
            kind: feature == nil ? .portalLogin : .featureUsed, occurredAt: F.day(-daysAgo), feature: feature,
            count: count)
    }

    func touch(_ kind: ActivityKind, _ daysAgo: Double) -> Activity {
        Activity(id: Activity.ID("a\(kind)\(daysAgo)"), kind: kind, account: "acme", occurredAt: F.day(-daysAgo))
    }

    func ticket(_ priority: TicketPriority, openedDaysAgo: Double, closedDaysAgo: Double? = nil) -> SupportTicket {
        SupportTicket(
            id: SupportTicket.ID("t\(priority)\(openedDaysAgo)"), account: "acme", openedAt: F.day(-openedDaysAgo),
            closedAt: closedDaysAgo.map { F.day(-$0) }, priority: priority)
    }

    @Test func engagementTrendCompareTheLastThirtyDaysWithTheThirtyBefore() {
        #expect(scorer.engagementTrend([use(1, count: 5), use(40, count: 10)], now: F.now).score == 50)
        #expect(scorer.engagementTrend([use(1, count: 30), use(40, count: 10)], now: F.now).score == 100)
        #expect(scorer.engagementTrend([use(1)], now: F.now).score == 100)
        #expect(scorer.engagementTrend([], now: F.now).score == 0)
        // exactly 30 days ago belongs to the recent window; 60 days ago to the earlier one; 61 to neither
        #expect(scorer.engagementTrend([use(30), use(60, count: 4), use(61, count: 9)], now: F.now).score == 25)
    }

    @Test func featureBreadthIsDistinctRecentFeaturesOverTheCatalogueOrCap() {
        let events = [use(1, feature: "a"), use(2, feature: "a"), use(3, feature: "b"), use(31, feature: "c")]
        #expect(scorer.featureBreadth(events, now: F.now).score == 40)
        #expect(scorer.featureBreadth(events, now: F.now, catalogue: ["a", "b"]).score == 100)
        #expect(scorer.featureBreadth(events, now: F.now, catalogue: ["a", "x", "y", "z"]).score == 25)
        #expect(scorer.featureBreadth([], now: F.now).score == 0)
    }

    @Test func supportLoadSubtractsTenPointsPerPriorityWeight() {
        #expect(scorer.supportLoad([], now: F.now).score == 100)
        let tickets = [
            ticket(.low, openedDaysAgo: 100),  // open: 1
            ticket(.high, openedDaysAgo: 5, closedDaysAgo: 1),  // recent: 4
            ticket(.urgent, openedDaysAgo: 45, closedDaysAgo: 40),  // old and closed: 0
        ]
        #expect(scorer.supportLoad(tickets, now: F.now).score == 50)
        let flood = (0..<3).map { ticket(.urgent, openedDaysAgo: Double($0)) }
        #expect(scorer.supportLoad(flood, now: F.now).score == 0)
    }

    @Test func nonResponseFallsToZeroAfterFourteenUnansweredDays() {
        #expect(scorer.nonResponse([], now: F.now).score == 100)
        #expect(scorer.nonResponse([touch(.emailOut, 10), touch(.emailIn, 9)], now: F.now).score == 100)
        #expect(
            scorer.nonResponse([touch(.emailIn, 20), touch(.emailOut, 7), touch(.emailOut, 1)], now: F.now).score == 50)
        #expect(scorer.nonResponse([touch(.callConducted, 14)], now: F.now).score == 0)
        #expect(scorer.nonResponse([touch(.emailOut, 40)], now: F.now).score == 0)
    }

    @Test func renewalProximityLowersTheScoreInsideNinetyDays() {
        #expect(scorer.renewalProximity(nil, now: F.now).score == 100)
        #expect(scorer.renewalProximity(F.day(90), now: F.now).score == 100)
        #expect(scorer.renewalProximity(F.day(45), now: F.now).score == 50)
        #expect(scorer.renewalProximity(F.day(0), now: F.now).score == 0)
        #expect(scorer.renewalProximity(F.day(-1), now: F.now).score == 0)
    }

    @Test func theScoreIsTheWeightedMeanOfTheComponents() {
        let account = Account(id: "acme", name: "Acme", renewalDate: F.day(45))
        let health = scorer.score(
            account: account, engagement: [use(1, count: 5), use(40, count: 10)], tickets: [], activities: [],
            now: F.now)
        // engagement 50 × .3 + breadth 0 × .2 + support 100 × .2 + non-response 100 × .15 + renewal 50 × .15
        #expect(abs(health.score - 57.5) < 1e-9)
        #expect(health.components.map(\.kind) == HealthComponent.Kind.allCases)
        #expect(health.weakest?.kind == .featureBreadth)
        let ranked = scorer.score(
            accounts: [account, Account(id: "zen", name: "Zen")], engagement: [], tickets: [], activities: [],
            now: F.now)
        // without engagement: acme 0 + 0 + 20 + 15 + 7.5 = 42.5; zen (no renewal date) 0 + 0 + 20 + 15 + 15 = 50
        #expect(ranked.map(\.account) == ["acme", "zen"])
        #expect(ranked.map(\.score) == [42.5, 50])
    }
}
