import Foundation
import PulseCore
import PulseEngine
import Testing

/// bdr.yaml, pipeline.yaml and the tenant rules of performance.yaml: each rule fires on data made for it and not
/// on a near miss.
@Suite struct TeamAndPipelineRuleTests {
    typealias F = PackFixture

    /// BDR Ben with `calls` calls conducted this week (Monday 12 October onwards), and `agreements` this month.
    static func bdr(calls: Int, callsDaysAgo: Double = 2, agreements: Int = 0) -> PackFixture {
        var f = PackFixture()
        for i in 0..<calls {
            f.activity(
                deal: nil, account: nil, kind: .callConducted, daysAgo: callsDaysAgo + Double(i) / 100, rep: "bdr-1")
        }
        for i in 0..<agreements {
            f.deal(
                "A\(i)", stage: "AGREEMENT_HARD_YES", daysInStage: 3, createdDaysAgo: 40, pipeline: "bdr",
                owner: "bdr-1", agreementDaysAgo: 3)
        }
        return f
    }

    @Test func callsBelowTargetFiresAt24CallsAgainstTheDefault25() throws {
        let match = try #require(Self.bdr(calls: 24).match("bdr-calls-below-target", F.bdr))
        #expect(PackFixture.filled("bdr-calls-below-target", match).facts.first == "Calls this week: 24 (target 25)")
        #expect(!Self.bdr(calls: 24).fires("bdr-calls-below-target", EntityRef(.rep, "rep-12")), "AEs are not BDRs")
    }

    @Test func callsBelowTargetDoesNotFireAt25Calls() {
        #expect(!Self.bdr(calls: 25).fires("bdr-calls-below-target", F.bdr))
    }

    @Test func callsBelowTargetFollowsTheRepsOwnTarget() {
        var f = Self.bdr(calls: 24)
        f.target("calls_per_bdr_week", 20, period: .week, rep: "bdr-1")
        #expect(!f.fires("bdr-calls-below-target", F.bdr))
    }

    @Test func bdrNeedsSupportFiresOnFourCallsAndAnIndexBelow10() throws {
        let match = try #require(Self.bdr(calls: 4).match("bdr-needs-support", F.bdr))
        #expect(
            PackFixture.filled("bdr-needs-support", match).facts.contains("Calls in the last 7 days: 4 (threshold 5)"))
    }

    @Test func bdrNeedsSupportDoesNotFireAtFiveCallsOrAHigherIndex() {
        #expect(!Self.bdr(calls: 5).fires("bdr-needs-support", F.bdr))
        // 4 calls + 2 agreements × 3 = index 10.
        #expect(!Self.bdr(calls: 4, agreements: 2).fires("bdr-needs-support", F.bdr))
    }

    /// Ben with his own target of 10 agreements a month and `agreements` so far; on the 15th (14.5 of 31 days
    /// elapsed) the pace needs 4.68, so 3 is 64 % of pace and 4 is 86 %.
    static func paced(agreements: Int) -> PackFixture {
        var f = Self.bdr(calls: 30, agreements: agreements)
        f.target("agreements_per_month", 10, rep: "bdr-1")
        return f
    }

    @Test func goalProgressFiresBelow80PercentOfPace() throws {
        let f = Self.paced(agreements: 3)
        let match = try #require(f.match("goal-progress-behind", F.bdr))
        #expect(PackFixture.filled("goal-progress-behind", match).facts.first == "Agreements this month: 3")
    }

    @Test func goalProgressDoesNotFireAt85PercentOfPace() {
        #expect(!Self.paced(agreements: 4).fires("goal-progress-behind", F.bdr))
    }

    static func partnerList(dueInDays: Double, sentDaysAgo: Double? = nil) -> PackFixture {
        var f = PackFixture()
        f.deal(
            "L1", name: "Northwind list", stage: "AGREEMENT_HARD_YES", createdDaysAgo: 20, pipeline: "bdr",
            owner: "bdr-1", agreementDaysAgo: 10, partnerListDueInDays: dueInDays, partnerListSentDaysAgo: sentDaysAgo)
        return f
    }

    @Test func partnerListsPastDueFiresWithTheCount() throws {
        var f = Self.partnerList(dueInDays: -2)
        f.deal(
            "L2", name: "Contoso list", stage: "AGREEMENT_HARD_YES", createdDaysAgo: 20, pipeline: "bdr",
            owner: "bdr-1", agreementDaysAgo: 10, partnerListDueInDays: -1)
        let match = try #require(f.match("partner-lists-past-due", F.tenantRef))
        let text = PackFixture.filled("partner-lists-past-due", match)
        #expect(text.title == "URGENT: Partner Lists Past Due (2)")
        #expect(text.facts.last?.contains("Northwind list") == true)
    }

    @Test func partnerListsPastDueDoesNotFireBeforeTheDueDateOrOnceSent() {
        #expect(!Self.partnerList(dueInDays: 1).fires("partner-lists-past-due", F.tenantRef))
        #expect(!Self.partnerList(dueInDays: -2, sentDaysAgo: 1).fires("partner-lists-past-due", F.tenantRef))
    }

    /// `booked` calls booked this week, scheduled for next week (Monday 19 October onwards).
    static func upcoming(_ booked: Int) -> PackFixture {
        var f = PackFixture()
        for i in 0..<booked {
            f.activity(
                deal: nil, account: nil, kind: .callBooked, daysAgo: 1, rep: "bdr-1",
                scheduledInDays: 5 + Double(i % 4))
        }
        return f
    }

    @Test func upcomingCallsLowFiresAt29BookedCalls() throws {
        let match = try #require(Self.upcoming(29).match("upcoming-calls-low", F.tenantRef))
        #expect(
            PackFixture.filled("upcoming-calls-low", match).title
                == "PIPELINE ALERT: Only 29 Calls Booked for Next Week")
    }

    @Test func upcomingCallsLowDoesNotFireAt30() {
        #expect(!Self.upcoming(30).fires("upcoming-calls-low", F.tenantRef))
    }

    /// EdTech: `baseWon` of `baseClosed` won 31–59 days ago, `won` of `closed` won in the last 30 days.
    static func edtech(baseClosed: Int, baseWon: Int, closed: Int, won: Int) -> PackFixture {
        var f = PackFixture()
        for i in 0..<baseClosed {
            f.closedDeal("B\(i)", won: i < baseWon, closedDaysAgo: 31 + Double(i), cycleDays: 58, industry: "EdTech")
        }
        for i in 0..<closed {
            f.closedDeal("C\(i)", won: i < won, closedDaysAgo: 1 + Double(i), cycleDays: 72, industry: "EdTech")
        }
        f.deal("D1", industry: "EdTech")
        return f
    }

    static let edtechRef = EntityRef(.segment, "industry=EdTech")

    @Test func winRateDegradationFiresOnAFivePointDropOverTenDeals() throws {
        let f = Self.edtech(baseClosed: 20, baseWon: 11, closed: 10, won: 5)
        let match = try #require(f.match("win-rate-degradation", Self.edtechRef))
        let text = PackFixture.filled("win-rate-degradation", match)
        #expect(text.title == "WIN RATE ALERT: industry=EdTech Declining")
        #expect(text.facts.contains("Deals Affected: 10 closed deals"))
        #expect(text.facts.contains { $0.hasPrefix("Current Win Rate: 50%") })
        #expect(text.facts.contains("Revenue Lost: $50K in lost deals"))
        #expect(text.facts.contains { $0.hasPrefix("Sales cycle: 58 → 72 days") })
        #expect(match.impactCents == 5_000_000)
    }

    @Test func winRateDegradationNearMisses() {
        // A 2.4-point drop, and a drop over only 9 closed deals.
        #expect(
            !Self.edtech(baseClosed: 21, baseWon: 11, closed: 10, won: 5).fires("win-rate-degradation", Self.edtechRef))
        #expect(
            !Self.edtech(baseClosed: 20, baseWon: 12, closed: 9, won: 4).fires("win-rate-degradation", Self.edtechRef))
    }

    /// FinTech: 9 of 20 won 8–90 days ago (45 %), `won` of 5 won in the last 7 days.
    static func fintech(won: Int) -> PackFixture {
        var f = PackFixture()
        for i in 0..<20 { f.closedDeal("B\(i)", won: i < 9, closedDaysAgo: 8 + Double(i) * 4, industry: "FinTech") }
        for i in 0..<5 { f.closedDeal("C\(i)", won: i < won, closedDaysAgo: 1 + Double(i), industry: "FinTech") }
        return f
    }

    @Test func winRateSpikeFiresOn80PercentAgainst45() throws {
        let ref = EntityRef(.segment, "industry=FinTech")
        let match = try #require(Self.fintech(won: 4).match("win-rate-spike", ref))
        let text = PackFixture.filled("win-rate-spike", match)
        #expect(text.title == "ANOMALY DETECTED: Sudden Win Rate Spike")
        #expect(text.facts.contains("Sample Size: 5 closed deals"))
    }

    @Test func winRateSpikeDoesNotFireOn60PercentAgainst45() {
        #expect(!Self.fintech(won: 3).fires("win-rate-spike", EntityRef(.segment, "industry=FinTech")))
    }

    /// Retail × SMB with two open deals: 5 of 10 won ($10K, 50-day cycle) 31–90 days ago; 2 of 5 won in the
    /// last 30 days with a `cycle`-day cycle. PVS 200 before, 2 × 0.4 × 10,000 ÷ cycle now.
    static func retail(cycle: Double) -> PackFixture {
        var f = PackFixture()
        for i in 0..<10 {
            f.closedDeal("B\(i)", won: i < 5, closedDaysAgo: 31 + Double(i) * 5, industry: "Retail", segment: "SMB")
        }
        for i in 0..<5 {
            f.closedDeal(
                "C\(i)", won: i < 2, closedDaysAgo: 2 + Double(i), cycleDays: cycle, industry: "Retail", segment: "SMB")
        }
        f.deal("D1", industry: "Retail", segment: "SMB")
        f.deal("D2", industry: "Retail", segment: "SMB")
        return f
    }

    @Test func segmentShiftFiresWhenVelocityFalls25PercentOrMore() {
        // 2 × 0.4 × 10,000 ÷ 60 = 133 against 200: −33 %.
        #expect(
            Self.retail(cycle: 60).fires(
                "segment-performance-shift", EntityRef(.segment, "industry=Retail|segment=SMB")))
    }

    @Test func segmentShiftDoesNotFireOnA20PercentDip() {
        #expect(
            !Self.retail(cycle: 50).fires(
                "segment-performance-shift", EntityRef(.segment, "industry=Retail|segment=SMB")))
    }

    /// 10 deals closed 20–38 days ago, 1 won (so new deals score DQS about 0.1), and `lowQuality` open deals created
    /// 3 days ago plus one created 10 days ago.
    static func newDeals(_ lowQuality: Int) -> PackFixture {
        var f = PackFixture()
        for i in 0..<10 { f.closedDeal("H\(i)", won: i == 0, closedDaysAgo: 20 + Double(i) * 2) }
        for i in 0..<lowQuality {
            f.deal("N\(i)", stage: "Prospecting", daysInStage: 3, amount: 4_000, createdDaysAgo: 3)
        }
        f.deal("OLD", stage: "Prospecting", daysInStage: 10, amount: 4_000, createdDaysAgo: 10)
        return f
    }

    @Test func pipelineQualityWarningFiresOnFiveLowQualityNewDeals() throws {
        let match = try #require(Self.newDeals(5).match("pipeline-quality-warning", F.tenantRef))
        let text = PackFixture.filled("pipeline-quality-warning", match)
        #expect(text.title == "QUALIFICATION ALERT: Low-Quality Leads Detected")
        #expect(text.facts.contains("Low DQS Deals: 5 new deals (DQS < 0.4)"))
        #expect(match.impactCents == 2_000_000)
    }

    @Test func pipelineQualityWarningDoesNotFireOnFour() {
        #expect(!Self.newDeals(4).fires("pipeline-quality-warning", F.tenantRef))
    }

    /// Deals created per day over the 28 days before yesterday alternate 1 and 2; `today` were created in the last day.
    static func created(today: Int) -> PackFixture {
        var f = PackFixture()
        var n = 0
        for day in 1...28 {
            for _ in 0..<(day.isMultiple(of: 2) ? 2 : 1) {
                f.deal("P\(n)", stage: "Prospecting", daysInStage: Double(day) + 0.5, createdDaysAgo: Double(day) + 0.5)
                n += 1
            }
        }
        for i in 0..<today {
            f.deal("T\(i)", stage: "Prospecting", daysInStage: 0.5, createdDaysAgo: 0.5 - Double(i) / 100)
        }
        return f
    }

    @Test func customMetricAnomalyFiresThreeDeviationsAboveNormal() {
        #expect(Self.created(today: 6).fires("custom-metric-anomaly", F.tenantRef))
    }

    @Test func customMetricAnomalyDoesNotFireOnAnOrdinaryDay() {
        #expect(!Self.created(today: 2).fires("custom-metric-anomaly", F.tenantRef))
        #expect(!Self.created(today: 0).fires("custom-metric-anomaly", F.tenantRef), "too small a tenant for a drop")
    }

    /// No deals at all for 28 days (no variation, so no z-score), then `today` in the last day.
    static func afterSilence(today: Int) -> PackFixture {
        var f = PackFixture()
        f.deal("OLD", stage: "Prospecting", daysInStage: 60, createdDaysAgo: 60)
        for i in 0..<today {
            f.deal("T\(i)", stage: "Prospecting", daysInStage: 0.5, createdDaysAgo: 0.5 - Double(i) / 100)
        }
        return f
    }

    @Test func customMetricAnomalyFiresOnTenDealsAfterFlatWeeks() throws {
        let match = try #require(Self.afterSilence(today: 10).match("custom-metric-anomaly", F.tenantRef))
        #expect(
            PackFixture.filled("custom-metric-anomaly", match).facts == [
                "Deals created in the last day: 10, after 28 days without any variation"
            ])
        #expect(!Self.afterSilence(today: 9).fires("custom-metric-anomaly", F.tenantRef))
    }

    /// Two open deals; 5 closed 31–50 days ago (2 won, $10K, 50-day cycle): PVS 160. In the last 30 days 5 closed
    /// with 2 won on a `cycle`-day cycle.
    static func velocity(cycle: Double) -> PackFixture {
        var f = PackFixture()
        for i in 0..<5 { f.closedDeal("B\(i)", won: i < 2, closedDaysAgo: 31 + Double(i) * 4) }
        for i in 0..<5 { f.closedDeal("C\(i)", won: i < 2, closedDaysAgo: 2 + Double(i), cycleDays: cycle) }
        f.deal("D1")
        f.deal("D2")
        return f
    }

    @Test func pipelineVelocityChangeFiresOnAPlus25PercentSwing() throws {
        let match = try #require(Self.velocity(cycle: 40).match("pipeline-velocity-change", F.tenantRef))
        #expect(
            PackFixture.filled("pipeline-velocity-change", match).title == "PIPELINE PULSE: Velocity +25% vs Last Month"
        )
        #expect(Self.velocity(cycle: 70).fires("pipeline-velocity-change", F.tenantRef))
    }

    @Test func pipelineVelocityChangeDoesNotFireOnAnElevenPercentSwing() {
        #expect(!Self.velocity(cycle: 45).fires("pipeline-velocity-change", F.tenantRef))
    }

    /// Two deals created each week of the four before, followed up after 10 hours; two this week after `hours`.
    static func response(hours: Double) -> PackFixture {
        var f = PackFixture()
        for (i, day) in [10.0, 13, 17, 20, 24, 27, 31, 34].enumerated() {
            f.deal("B\(i)", stage: "Prospecting", daysInStage: day, createdDaysAgo: day)
            f.activity(deal: "B\(i)", kind: .emailOut, daysAgo: day - 10.0 / 24)
        }
        for (i, day) in [2.0, 4].enumerated() {
            f.deal("C\(i)", stage: "Prospecting", daysInStage: day, createdDaysAgo: day)
            f.activity(deal: "C\(i)", kind: .emailOut, daysAgo: day - hours / 24)
        }
        return f
    }

    @Test func responseTimeIncreaseFiresAt40PercentSlower() {
        #expect(Self.response(hours: 15).fires("response-time-increase", F.tenantRef))
    }

    @Test func responseTimeIncreaseDoesNotFireAt30PercentSlower() {
        #expect(!Self.response(hours: 13).fires("response-time-increase", F.tenantRef))
    }

    /// Nine $10K deals active today and three $100K deals last touched `silentDays` ago.
    static func bigDeals(silentDays: [Double]) -> PackFixture {
        var f = PackFixture()
        for i in 0..<9 {
            f.deal("S\(i)", amount: 10_000)
            f.activity(deal: "S\(i)", kind: .emailOut, daysAgo: 0.5)
        }
        for (i, days) in silentDays.enumerated() {
            f.deal("BIG\(i)", amount: 100_000, createdDaysAgo: 60)
            f.activity(deal: "BIG\(i)", kind: .emailOut, daysAgo: days)
        }
        return f
    }

    @Test func highValueLeadsColdFiresOnThreeBigDealsSilent10To17Days() throws {
        let match = try #require(Self.bigDeals(silentDays: [10, 12, 17]).match("high-value-leads-cold", F.tenantRef))
        let text = PackFixture.filled("high-value-leads-cold", match)
        #expect(text.title == "🎯 3 High-Value Leads Went Cold This Week")
        #expect(match.impactCents == 30_000_000)
    }

    @Test func highValueLeadsColdDoesNotFireWhenOneWasTouched9DaysAgo() {
        #expect(!Self.bigDeals(silentDays: [9, 12, 17]).fires("high-value-leads-cold", F.tenantRef))
        #expect(!Self.bigDeals(silentDays: [18, 12, 17]).fires("high-value-leads-cold", F.tenantRef))
    }

    /// $1M bookings target; won `won` this quarter, lost $50K (90-day win rate 50 %), $200K open closing this quarter.
    static func forecast(won: Int64, target: Double? = 1_000_000) -> PackFixture {
        var f = PackFixture()
        f.closedDeal("W1", won: true, closedDaysAgo: 5, amount: won)
        f.closedDeal("L1", won: false, closedDaysAgo: 6, amount: 50_000)
        f.deal("D1", amount: 200_000, closeInDays: 40)
        if let target { f.target("bookings_per_quarter", target, period: .quarter) }
        return f
    }

    @Test func forecastMissFiresBelow85PercentOfTarget() throws {
        let match = try #require(Self.forecast(won: 300_000).match("forecast-miss", F.tenantRef))
        #expect(
            PackFixture.filled("forecast-miss", match).title
                == "📊 FORECAST ALERT: Forecast at 40% of the Quarter Target")
    }

    @Test func forecastMissDoesNotFireAt90PercentOrWithoutATarget() {
        #expect(!Self.forecast(won: 800_000).fires("forecast-miss", F.tenantRef))
        #expect(!Self.forecast(won: 300_000, target: nil).fires("forecast-miss", F.tenantRef))
    }

    static func agreements(_ n: Int) -> PackFixture {
        var f = PackFixture()
        f.target("agreements_per_month", 5)
        for i in 0..<n {
            f.deal(
                "A\(i)", stage: "AGREEMENT_HARD_YES", daysInStage: 3, createdDaysAgo: 40, pipeline: "bdr",
                owner: "bdr-1", agreementDaysAgo: 1 + Double(i))
        }
        return f
    }

    @Test func agreementsMilestoneFiresAtTheMonthlyTarget() throws {
        let match = try #require(Self.agreements(5).match("milestone-agreements-target", F.tenantRef))
        #expect(
            PackFixture.filled("milestone-agreements-target", match).facts == ["Agreements this month: 5 (target 5)"])
    }

    @Test func agreementsMilestoneDoesNotFireOneShort() {
        #expect(!Self.agreements(4).fires("milestone-agreements-target", F.tenantRef))
    }
}
