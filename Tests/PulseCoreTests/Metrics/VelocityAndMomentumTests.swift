import Foundation
import Testing

@testable import PulseCore

@Suite struct VelocityAndMomentumTests {
    typealias F = MetricsFactory

    @Test func pvsIsOpenDealsTimesWinRateTimesWonSizeOverWonCycle() {
        let deals = [
            F.closed("1", won: true, dollars: 1000, created: F.day(-40), closed: F.day(-30)),
            F.closed("2", won: true, dollars: 3000, created: F.day(-50), closed: F.day(-20)),
            F.closed("3", won: false, dollars: 9000, created: F.day(-90), closed: F.day(-10)),
            F.open("4", entered: F.day(-1)),
            F.open("5", entered: F.day(-2)),
            F.open("6", entered: F.day(-2), rep: "rep_b", industry: "Retail"),
        ]
        let report = F.frame(deals).pipelineVelocity(in: .until(F.now))
        // rep_a: 2 open × 2/3 × $2,000 ÷ 20 days = 133.33… $/day
        let a = report.byRep[0]
        #expect(a.openDeals == 2)
        #expect(a.won == 2)
        #expect(a.closed == 3)
        #expect(a.averageWonAmount == 2000)
        #expect(a.averageWonCycleDays == 20)
        #expect(abs(a.pvs! - 2 * (2.0 / 3.0) * 2000 / 20) < 1e-12)
        // rep_b has no closed deal: PVS unknown
        #expect(report.byRep[1].pvs == nil)
        // overall: 3 open × 2/3 × 2000 / 20 = 200
        #expect(abs(report.overall.pvs! - 200) < 1e-9)
        #expect(report.byIndustry.map(\.key) == ["Retail", "SaaS"])
        #expect(abs(report.byIndustry[1].pvs! - 133.333_333_333_333_3) < 1e-9)
        // one quarter (2025Q2) holds all three closes; open deals = all open deals
        #expect(report.byQuarter.map(\.key) == ["2025Q2"])
        #expect(report.byQuarter[0].openDeals == 3)
    }

    @Test func smiIsOneOverWholeDaysInStageAndStallsFromFifteenDays() {
        let deals = [
            F.open("fresh", entered: F.day(0, hours: -5)),
            F.open("d14", entered: F.day(-14, hours: -23)),
            F.open("d15", entered: F.day(-15)),
            F.open("unknown", entered: nil),
            F.open("d30", entered: F.day(-30), rep: "rep_b"),
        ]
        let report = F.frame(deals).stageMomentum(now: F.now)
        #expect(report.deals.map(\.daysInStage) == [0, 14, 15, nil, 30])
        let expected: [Double?] = [1, 1.0 / 14, 1.0 / 15, nil, 1.0 / 30]
        #expect(report.deals.map(\.smi) == expected)
        #expect(report.deals.map(\.isStalled) == [false, false, true, false, true])
        #expect(report.stalledByRep.map(\.stalled) == [1, 1])
        #expect(report.lowestMomentumFirst.map(\.deal.rawValue) == ["d30", "d15", "d14", "fresh", "unknown"])
    }

    @Test func closedDealsHaveNoMomentum() {
        let deal = F.closed("1", won: true, created: F.day(-40), closed: F.day(-30))
        #expect(F.frame([deal]).stageMomentum(now: F.now).deals.isEmpty)
    }
}
