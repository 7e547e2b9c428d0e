import Foundation
import Testing

@testable import PulseCore

@Suite struct DealQualityTests {
    typealias F = MetricsFactory

    @Test(arguments: [
        ([100, 200, 300, 400, 500], [200.0, 300, 400]),
        ([400, 100, 300, 200], [175.0, 250, 325]),
        ([7], [7.0, 7, 7]),
        ([5, 5, 5, 9], [5.0, 5, 6]),
        ([-3, 1 << 40, 0, 17, 1 << 40, 99_999], [4.25, 50_008, 824_633_745_831.75]),
    ])
    func quartilesInterpolateLinearlyLikeNumpy(values: [Int64], edges: [Double]) {
        let column = ContiguousArray(values + [MetricsFrame.missing])
        #expect(column.withUnsafeBufferPointer { Quantiles.linear($0, [0.25, 0.5, 0.75]) } == edges)
    }

    @Test func dqsIsTheSmoothedWinRateOfTheDealsCell() {
        // closed amounts $100, $150, $300, $400 → edges $137.50, $225, $325; p = 3/4
        let deals = [
            F.closed("1", won: true, lead: "Inbound", dollars: 100, created: F.day(-20), closed: F.day(-10)),
            F.closed("2", won: true, lead: "Inbound", dollars: 150, created: F.day(-20), closed: F.day(-10)),
            F.closed("3", won: true, lead: "Referral", dollars: 300, created: F.day(-20), closed: F.day(-10)),
            F.closed("4", won: false, lead: "Referral", dollars: 400, created: F.day(-20), closed: F.day(-10)),
            F.open("5", entered: F.day(-1), lead: "Inbound", dollars: 120),  // band 0 (≤ edge 137.5)
            F.open("6", entered: F.day(-1), lead: "Event", dollars: 120),  // empty cell → p
            F.open("7", entered: F.day(-1), lead: "Referral", dollars: 400),  // band 3, 0 won of 1
        ]
        let report = F.frame(deals).dealQuality(in: .until(F.now), configuration: .reference)
        #expect(report.prior == 0.75)
        #expect(report.sizeEdges == [13_750, 22_500, 32_500])
        #expect(report.deals.map(\.sizeBand) == [0, 0, 3])
        // Inbound band 0 holds only deal 1 ($100; $150 is band 1): 1 won of 1
        let inbound: Double = (1 + 20 * 0.75) / 21
        let referral: Double = 15.0 / 21
        #expect(report.deals[0].dqs == inbound)
        #expect(report.deals[1].dqs == 0.75)
        #expect(report.deals[2].dqs == referral)
        #expect(report.lowCount == 0)
    }

    @Test func theStandardConfigurationAlsoSplitsCellsByProduct() {
        let deals = [
            F.closed("1", won: true, product: "Core", created: F.day(-20), closed: F.day(-10)),
            F.closed("2", won: false, product: "Pro", created: F.day(-20), closed: F.day(-10)),
            F.open("3", entered: F.day(-1), product: "Core"),
        ]
        let frame = F.frame(deals)
        // p = 1/2; reference cell (all the same but product) 1 won of 2; standard cell 1 of 1
        #expect(frame.dealQuality(in: .allTime, configuration: .reference).deals[0].dqs == (1 + 10) / 22.0)
        #expect(frame.dealQuality(in: .allTime, configuration: .standard).deals[0].dqs == (1 + 10) / 21.0)
    }

    @Test func dqsIsUnknownWhenNothingClosed() {
        let report = F.frame([F.open("1", entered: F.day(-1))]).dealQuality(in: .allTime)
        #expect(report.prior == nil)
        #expect(report.sizeEdges.isEmpty)
        #expect(report.deals.map(\.dqs) == [nil])
    }
}
