import Foundation
import PulseCore
import Testing

/// The built-in `win-rate-anomaly` rule (anomaly.yaml) on a FinTech segment: the spec's Alert 4 numbers fire it,
/// tiny or unremarkable samples do not.
@Suite struct WinRateAnomalyRuleTests {
    static let fintech = EntityRef(.segment, "industry=FinTech")

    /// FinTech deals: `baseline` closed over the 90 days before the last week with `baselineWon` won, and
    /// `recent` closed in the last 7 days with `recentWon` won; a Retail deal so another segment exists.
    static func fixture(baseline: Int = 200, baselineWon: Int = 75, recent: Int, recentWon: Int) -> PackFixture {
        var f = PackFixture()
        for i in 0..<baseline {
            f.closedDeal(
                "B\(i)", won: i < baselineWon, closedDaysAgo: 8 + Double(i) * 89 / Double(baseline), industry: "FinTech"
            )
        }
        for i in 0..<recent {
            f.closedDeal(
                "R\(i)", won: i < recentWon, closedDaysAgo: 0.5 + Double(i) * 6 / Double(recent), industry: "FinTech")
        }
        f.closedDeal("X1", won: true, closedDaysAgo: 2, industry: "Retail")
        return f
    }

    @Test func thirteenWonOfNineteenAgainstAThirtySevenPercentBaselineFiresWithTheSpecsFacts() throws {
        let match = try #require(Self.fixture(recent: 19, recentWon: 13).match("win-rate-anomaly", Self.fintech))
        let text = PackFixture.filled("win-rate-anomaly", match)
        #expect(text.title == "ANOMALY DETECTED: Unusual Win Rate in industry=FinTech (+82.5%)")
        #expect(text.facts.contains("Win Rate: 68.4% (+82.5% vs 37.5% baseline)"))
        #expect(text.facts.contains("Sample Size: 19 closed deals (13 won); baseline 200"))
        #expect(text.facts.contains("Significance: p = 0.009 (two-proportion z = 2.6)"))
        #expect(text.actions.count == 3)
        let rule = try #require(PackFixture.rule("win-rate-anomaly"))
        #expect(rule.severity == .high && rule.category == "anomaly" && rule.segmentBy == ["industry"])
    }

    @Test func aDropFiresTooButThreeDealsOrAnOrdinaryWeekDoNot() {
        #expect(Self.fixture(recent: 20, recentWon: 1).fires("win-rate-anomaly", Self.fintech))
        #expect(!Self.fixture(recent: 3, recentWon: 3).fires("win-rate-anomaly", Self.fintech))
        #expect(!Self.fixture(recent: 10, recentWon: 5).fires("win-rate-anomaly", Self.fintech))
        #expect(
            !Self.fixture(recent: 19, recentWon: 13).fires("win-rate-anomaly", EntityRef(.segment, "industry=Retail")))
    }
}
