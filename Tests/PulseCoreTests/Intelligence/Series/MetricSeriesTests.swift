import Foundation
import Testing

@testable import PulseCore

@Suite struct MetricSeriesTests {
    typealias F = SeriesFixture

    @Test func aDailyCountSeriesHasAZeroOnEveryQuietDayAndEndsJustBeforeNow() throws {
        let events = [
            EngagementEvent(id: "e1", account: "a1", kind: .featureUsed, occurredAt: F.day(-0.5), count: 3),
            EngagementEvent(id: "e2", account: "a1", kind: .portalLogin, occurredAt: F.day(-0.25), count: 2),
            EngagementEvent(id: "e3", account: "a1", kind: .featureUsed, occurredAt: F.day(-3.5), count: 7),
            // At `now` exactly, and for the other account: not in a1's series.
            EngagementEvent(id: "e4", account: "a1", kind: .featureUsed, occurredAt: F.now, count: 100),
            EngagementEvent(id: "e5", account: "a2", kind: .featureUsed, occurredAt: F.day(-2.5), count: 100),
        ]
        let data = F.data(engagement: events)
        let series = try data.series(named: "engagement", for: EntityRef(.account, "a1"), days: 5, now: F.now)
        #expect(series.values == [0, 7, 0, 0, 5])
        #expect(series.starts.first == F.day(-5))
        #expect(series.starts.last == F.day(-1))
        #expect(series.bucket == .day && series.kind == .value)
        let logins = try data.series(named: "logins", for: EntityRef(.account, "a1"), days: 5, now: F.now)
        #expect(logins.values == [0, 0, 0, 0, 2])
        #expect(series.summary.maximum == 7 && series.summary.missing == 0)
    }

    @Test func aWeeklyWinRateSeriesCarriesWonAndClosedAndWeeksWithNothingClosedAreMissing() throws {
        let deals = [
            F.closed("w1", won: true, daysAgo: 1), F.closed("w2", won: false, daysAgo: 2),
            F.closed("w3", won: true, daysAgo: 3), F.closed("w4", won: true, daysAgo: 16),
            F.closed("x1", won: true, daysAgo: 2, industry: "EdTech"),
        ]
        let data = F.data(deals: deals)
        let series = try data.series(
            named: "win_rate", for: EntityRef(.segment, "industry=Retail"), days: 21, now: F.now)
        #expect(series.bucket == .week && series.kind == .rate)
        #expect(series.successes == [1, 0, 2])
        #expect(series.trials == [1, 0, 3])
        #expect(series.values == [1, nil, 2.0 / 3])
        #expect(series.summary.trials == 4 && series.summary.successes == 3 && series.summary.missing == 1)
    }

    @Test func errorRateIsErrorsOverEventsAndResponseTimeIsMissingOnDaysWithoutAnsweredTickets() throws {
        let events = [
            EngagementEvent(
                id: "e1", account: "a1", kind: .featureUsed, occurredAt: F.day(-0.5), count: 40, errorCount: 4),
            EngagementEvent(id: "e2", account: "a1", kind: .session, occurredAt: F.day(-1.5), count: 10),
        ]
        let tickets = [
            SupportTicket(id: "t1", account: "a1", openedAt: F.day(-0.5), priority: .high, firstResponseMinutes: 30),
            SupportTicket(id: "t2", account: "a1", openedAt: F.day(-0.4), priority: .low, firstResponseMinutes: 90),
            SupportTicket(id: "t3", account: "a1", openedAt: F.day(-2.5), priority: .low),
        ]
        let data = F.data(engagement: events, tickets: tickets)
        let a1 = EntityRef(.account, "a1")
        let errors = try data.series(named: "error_rate", for: a1, days: 3, now: F.now)
        #expect(errors.successes == [0, 0, 4] && errors.trials == [0, 10, 40])
        #expect(errors.values == [nil, 0, 0.1])
        let response = try data.series(named: "response_time", for: a1, days: 3, now: F.now)
        #expect(response.values == [nil, nil, 60])
        #expect(response.firstMissing == 0)
    }

    @Test func callVolumeCountsARepsCallsAndTheTeamsAndPipelineCreatedIsWeeklyMoney() throws {
        let activities = [
            Activity(id: "c1", kind: .callConducted, rep: "r1", occurredAt: F.day(-0.5)),
            Activity(id: "c2", kind: .callConducted, rep: "r2", occurredAt: F.day(-0.5)),
            Activity(id: "c3", kind: .emailOut, rep: "r1", occurredAt: F.day(-0.5)),
        ]
        let deals = [F.closed("w1", won: true, daysAgo: 1)]  // created 31 days ago, $10,000
        let data = F.data(deals: deals, activities: activities)
        #expect(
            try data.series(named: "call_volume", for: EntityRef(.rep, "r1"), days: 2, now: F.now).values == [0, 1])
        #expect(try data.series(named: "call_volume", for: EntityRef(.team, "east"), days: 1, now: F.now).values == [2])
        #expect(try data.series(named: "activities", for: EntityRef(.rep, "r1"), days: 1, now: F.now).values == [2])
        let pipeline = try data.series(
            named: "pipeline_created", for: EntityRef(.tenant, "default"), days: 35, now: F.now)
        #expect(pipeline.bucket == .week && pipeline.values == [1_000_000, 0, 0, 0, 0])
    }

    @Test func unknownSeriesWrongScopesAndUnknownEntitiesSayWhatExists() {
        let data = F.data(deals: [F.closed("w1", won: true, daysAgo: 1)])
        #expect(throws: SeriesLookupError.unknownSeries("win_rat", suggestions: ["win_rate"])) {
            try data.series(named: "win_rat", for: EntityRef(.tenant, "default"), days: 30, now: F.now)
        }
        do {
            _ = try data.series(named: "logins", for: EntityRef(.rep, "r1"), days: 30, now: F.now)
            Issue.record("logins is not a rep series")
        } catch {
            #expect(error.description.contains("exists for account, tenant, not rep"))
            #expect(error.description.contains("rep series: call_volume, activities, pipeline_created, win_rate"))
        }
        do {
            _ = try data.series(named: "win_rate", for: EntityRef(.segment, "industry=Mining"), days: 30, now: F.now)
            Issue.record("there is no Mining segment")
        } catch {
            #expect(error.description == "no segment 'industry=Mining'; some that exist: segment:industry=Retail")
        }
        do {
            _ = try data.series(named: "engagement", for: EntityRef(.account, "zz"), days: 30, now: F.now)
            Issue.record("there is no account zz")
        } catch {
            #expect(error.description.contains("some that exist: account:a1, account:a2"))
        }
    }
}
