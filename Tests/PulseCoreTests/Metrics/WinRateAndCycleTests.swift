import Foundation
import Testing

@testable import PulseCore

@Suite struct WinRateAndCycleTests {
    typealias F = MetricsFactory

    /// a: won SaaS Q2, lost SaaS Q1; b: won Retail Q2; c: open only.
    static let deals = [
        F.closed(
            "1", won: true, rep: "rep_a", created: F.time("2025-04-01T00:00:00Z"),
            closed: F.time("2025-04-11T12:00:00Z")),
        F.closed(
            "2", won: false, rep: "rep_a", created: F.time("2025-01-15T00:00:00Z"),
            closed: F.time("2025-03-01T00:00:00Z")),
        F.closed(
            "3", won: true, rep: "rep_b", industry: "Retail", created: F.time("2025-04-10T00:00:00Z"),
            closed: F.time("2025-04-30T00:00:00Z")),
        F.open("4", entered: F.day(-3), rep: "rep_c"),
    ]

    @Test func winRateIsWonOverClosedOverallPerRepAndPerIndustryQuarter() {
        let report = F.frame(Self.deals).winRate(in: .until(F.now))
        #expect(report.overall == WinRateCount(won: 2, closed: 3))
        #expect(report.overall.rate == 2.0 / 3.0)
        #expect(report.byRep.map(\.rep) == ["rep_a", "rep_b", "rep_c"])
        #expect(report.byRep.map(\.count.rate) == [0.5, 1.0, nil])
        let cells = report.byIndustryQuarter.map {
            "\($0.industry) \(UTCCalendar.quarterLabel($0.quarter)) \($0.count.won)/\($0.count.closed)"
        }
        #expect(cells == ["Retail 2025Q2 1/1", "SaaS 2025Q1 0/1", "SaaS 2025Q2 1/1"])
    }

    @Test func winRateCountsOnlyDealsClosedInsideTheHalfOpenWindow() {
        let window = TimeWindow(start: F.time("2025-03-01T00:00:01Z"), end: F.time("2025-04-30T00:00:00Z"))
        #expect(F.frame(Self.deals).winRate(in: window).overall == WinRateCount(won: 1, closed: 1))
    }

    @Test func cycleDaysAreWholeDaysAndLdvrIsLostOverWon() {
        let report = F.frame(Self.deals).salesCycle(in: .until(F.now))
        // won: 10.5 days → 10, 20 days; lost: 45 days
        #expect(report.averageWonDays == 15)
        #expect(report.averageLostDays == 45)
        #expect(report.lostDealVelocityRatio == 3)
    }

    @Test func ldvrIsUnknownWithoutWonDeals() {
        let lost = F.closed("1", won: false, created: F.day(-20), closed: F.day(-10))
        let report = F.frame([lost]).salesCycle(in: .allTime)
        #expect(report.averageWonDays == nil)
        #expect(report.lostDealVelocityRatio == nil)
    }
}
