import Foundation
import PulseCore
import PulseEngine
import Testing

/// customer.yaml and the account rule of performance.yaml: each rule fires on data made for it and not on a near
/// miss. Account acc-1 ("Acme Corp", $120K ARR) is owned by CSM Chloe Kim.
@Suite struct CustomerRuleTests {
    typealias F = PackFixture

    static func account(plan: String? = "growth", seats: Int? = 10, renewalInDays: Double? = nil, churned: Bool = false)
        -> PackFixture
    {
        var f = PackFixture()
        f.account("acc-1", name: "Acme Corp", plan: plan, seats: seats, renewalInDays: renewalInDays, churned: churned)
        return f
    }

    /// 4 tickets in the 28 days before the last week (1 a week), then `recent` tickets in the last 7 days.
    static func tickets(recent: Int) -> PackFixture {
        var f = account()
        for day in [9.0, 15, 22, 30] { f.ticket(openedDaysAgo: day, closedDaysAgo: day - 1) }
        for i in 0..<recent { f.ticket(openedDaysAgo: 1 + Double(i)) }
        return f
    }

    @Test func ticketSpikeFiresOnThreeTimesTheWeeklyBaseline() throws {
        let match = try #require(Self.tickets(recent: 3).match("churn-ticket-spike", F.account1))
        #expect(match.impactCents == 12_000_000)
        let facts = PackFixture.filled("churn-ticket-spike", match).facts
        #expect(facts.first == "Tickets opened in the last 7 days: 3 (weekly average before: 1)")
    }

    @Test func ticketSpikeFiresOnThreeTicketsAfterAQuietMonth() throws {
        var quiet = Self.account()
        for i in 0..<3 { quiet.ticket(openedDaysAgo: 1 + Double(i)) }
        let match = try #require(quiet.match("churn-ticket-spike", F.account1))
        let facts = PackFixture.filled("churn-ticket-spike", match).facts
        #expect(facts.first == "Tickets opened in the last 7 days: 3 (weekly average before: 0)")
        var two = Self.account()
        for i in 0..<2 { two.ticket(openedDaysAgo: 1 + Double(i)) }
        #expect(!two.fires("churn-ticket-spike", F.account1))
    }

    @Test func ticketSpikeNeedsThreeTicketsThisWeek() {
        #expect(!Self.tickets(recent: 2).fires("churn-ticket-spike", F.account1))
    }

    /// `earlier` feature uses 31–60 days ago, `recent` in the last 30 days.
    static func usage(earlier: Int, recent: Int, plan: String? = "growth") -> PackFixture {
        var f = account(plan: plan)
        f.engagement(daysAgo: 45, count: earlier, feature: "reports")
        f.engagement(daysAgo: 10, count: recent, feature: "reports")
        return f
    }

    @Test func usageDeclineFiresAtMinus40Percent() throws {
        #expect(Self.usage(earlier: 50, recent: 30).fires("churn-usage-decline", F.account1))
        let match = try #require(Self.usage(earlier: 50, recent: 25).match("churn-usage-decline", F.account1))
        #expect(PackFixture.filled("churn-usage-decline", match).title == "CHURN RISK: Usage −50% at Acme Corp")
    }

    @Test func usageDeclineDoesNotFireAtMinus38PercentOrOnATinyBaseline() {
        #expect(!Self.usage(earlier: 50, recent: 31).fires("churn-usage-decline", F.account1))
        #expect(!Self.usage(earlier: 19, recent: 2).fires("churn-usage-decline", F.account1))
    }

    /// Last inbound email `inboundDaysAgo`, then 3 outbound emails in the last 21 days.
    static func outreach(inboundDaysAgo: Double, emails: Int = 3) -> PackFixture {
        var f = account()
        f.activity(deal: nil, kind: .emailIn, daysAgo: inboundDaysAgo, rep: "csm-1")
        for i in 0..<emails { f.activity(deal: nil, kind: .emailOut, daysAgo: 2 + 6 * Double(i), rep: "csm-1") }
        return f
    }

    @Test func outreachWithoutResponseFiresAfter21SilentDays() throws {
        let match = try #require(Self.outreach(inboundDaysAgo: 21).match("churn-outreach-no-response", F.account1))
        #expect(
            PackFixture.filled("churn-outreach-no-response", match).facts.contains("Last reply or meeting: 21 days ago")
        )
    }

    @Test func outreachWithoutResponseNearMisses() {
        #expect(!Self.outreach(inboundDaysAgo: 20).fires("churn-outreach-no-response", F.account1))
        #expect(!Self.outreach(inboundDaysAgo: 30, emails: 2).fires("churn-outreach-no-response", F.account1))
    }

    @Test func renewalApproachingFires90DaysOut() throws {
        let match = try #require(Self.account(renewalInDays: 90).match("renewal-approaching", F.account1))
        #expect(PackFixture.filled("renewal-approaching", match).title == "RENEWAL: Acme Corp renews in 90 days")
    }

    @Test func renewalApproachingDoesNotFire91DaysOutOrForChurnedCustomers() {
        #expect(!Self.account(renewalInDays: 91).fires("renewal-approaching", F.account1))
        #expect(!Self.account(renewalInDays: 30, churned: true).fires("renewal-approaching", F.account1))
    }

    /// No usage (0 of 30 + 20 points) and open tickets of `priority`: 3 urgent → health 30, 1 high → 42.
    static func health(_ priority: TicketPriority, count: Int) -> PackFixture {
        var f = account()
        for i in 0..<count { f.ticket(openedDaysAgo: 3 + Double(i), priority: priority) }
        return f
    }

    @Test func healthBelowThresholdFiresUnder40() throws {
        let match = try #require(Self.health(.urgent, count: 3).match("health-below-threshold", F.account1))
        #expect(PackFixture.filled("health-below-threshold", match).title == "HEALTH ALERT: Acme Corp at 30")
    }

    @Test func healthBelowThresholdDoesNotFireAt42() {
        #expect(!Self.health(.high, count: 1).fires("health-below-threshold", F.account1))
    }

    /// 40 logins 15–70 days ago (10 per fortnight) and `recent` logins in the last 14 days.
    static func logins(recent: Int) -> PackFixture {
        var f = account()
        for day in stride(from: 16.0, through: 65, by: 7) { f.engagement(kind: .portalLogin, daysAgo: day, count: 5) }
        f.engagement(kind: .portalLogin, daysAgo: 3, count: recent)
        return f
    }

    @Test func engagementDecliningFiresAtHalfTheUsualLogins() {
        #expect(Self.logins(recent: 5).fires("engagement-declining", F.account1))
    }

    @Test func engagementDecliningDoesNotFireAtMinus40Percent() {
        #expect(!Self.logins(recent: 6).fires("engagement-declining", F.account1))
    }

    /// 5 distinct features 31–60 days ago; `recent` distinct features in the last 30 days.
    static func features(recent: Int) -> PackFixture {
        var f = account()
        for name in ["a", "b", "c", "d", "e"] { f.engagement(daysAgo: 40, count: 3, feature: name) }
        for name in ["a", "b", "c", "d", "e"].prefix(recent) { f.engagement(daysAgo: 5, count: 3, feature: name) }
        return f
    }

    @Test func featureAdoptionDropFiresWhenFiveFeaturesBecomeThree() {
        #expect(Self.features(recent: 3).fires("feature-adoption-drop", F.account1))
    }

    @Test func featureAdoptionDropDoesNotFireWhenFiveBecomeFour() {
        #expect(!Self.features(recent: 4).fires("feature-adoption-drop", F.account1))
    }

    /// A healthy customer (4 features, growing use, no tickets): 40 uses 31–60 days ago, `recent` in the last 30.
    static func healthy(recent: Int, plan: String? = "growth") -> PackFixture {
        var f = account(plan: plan)
        for name in ["a", "b", "c", "d"] { f.engagement(daysAgo: 45, count: 10, feature: name) }
        for (i, name) in ["a", "b", "c", "d"].enumerated() {
            f.engagement(daysAgo: 10, count: recent / 4 + (i < recent % 4 ? 1 : 0), feature: name)
        }
        return f
    }

    @Test func expansionReadyFiresOnAHealthyCustomerGrowing25Percent() {
        #expect(Self.healthy(recent: 50).fires("expansion-ready-engagement", F.account1))
    }

    @Test func expansionReadyDoesNotFireAtPlus22Percent() {
        #expect(!Self.healthy(recent: 49).fires("expansion-ready-engagement", F.account1))
    }

    @Test func upsellFiresOnPlus50PercentUsageOffEnterprise() {
        #expect(Self.usage(earlier: 30, recent: 45).fires("upsell-usage", F.account1))
    }

    @Test func upsellDoesNotFireForEnterpriseOrBelowPlus50Percent() {
        #expect(!Self.usage(earlier: 30, recent: 45, plan: "Enterprise").fires("upsell-usage", F.account1))
        #expect(!Self.usage(earlier: 30, recent: 44).fires("upsell-usage", F.account1))
    }

    /// Ten seats; `users` distinct contacts used the product in the last 30 days.
    static func seats(users: Int) -> PackFixture {
        var f = account(seats: 10)
        for i in 0..<users { f.engagement(kind: .portalLogin, daysAgo: 2 + Double(i), contact: "u\(i)") }
        return f
    }

    @Test func expansionOpportunityFiresAt90PercentSeatUse() throws {
        let match = try #require(Self.seats(users: 9).match("expansion-opportunity", F.account1))
        #expect(
            PackFixture.filled("expansion-opportunity", match).title == "EXPANSION: Acme Corp Is Using 90% of Its Seats"
        )
    }

    @Test func expansionOpportunityDoesNotFireAt80Percent() {
        #expect(!Self.seats(users: 8).fires("expansion-opportunity", F.account1))
    }

    /// 56 uses in the 28 days before the last week (14 a week), `recent` uses in the last 7 days.
    static func spike(recent: Int) -> PackFixture {
        var f = account()
        for day in [10.0, 17, 24, 31] { f.engagement(kind: .documentViewed, daysAgo: day, count: 14) }
        f.engagement(kind: .documentViewed, daysAgo: 2, count: recent)
        return f
    }

    @Test func engagementSpikeFiresAtTwiceTheWeeklyBaseline() {
        #expect(Self.spike(recent: 28).fires("engagement-spike", F.account1))
    }

    @Test func engagementSpikeDoesNotFireJustBelowTwice() {
        #expect(!Self.spike(recent: 27).fires("engagement-spike", F.account1))
    }

    /// A healthy customer with closed tickets rated `ratings` in the last 90 days.
    static func rated(_ ratings: [Int], openTicket: Bool = false) -> PackFixture {
        var f = healthy(recent: 40)
        for (i, rating) in ratings.enumerated() {
            f.ticket(
                openedDaysAgo: 40 + Double(10 * i), closedDaysAgo: 39 + Double(10 * i), priority: .low,
                satisfaction: rating)
        }
        if openTicket { f.ticket(openedDaysAgo: 50, priority: .low) }
        return f
    }

    @Test func referenceOpportunityFiresOnTwoFiveStarRatings() {
        #expect(Self.rated([5, 5]).fires("reference-opportunity", F.account1))
    }

    @Test func referenceOpportunityNearMisses() {
        #expect(!Self.rated([5, 4]).fires("reference-opportunity", F.account1))
        #expect(!Self.rated([5, 5], openTicket: true).fires("reference-opportunity", F.account1))
    }

    /// 1,000 uses with 5 errors 8–37 days ago (0.5 %), then 200 uses with `errors` errors in the last 7 days.
    static func errors(_ errors: Int) -> PackFixture {
        var f = account()
        f.engagement(daysAgo: 20, count: 1_000, feature: "invoices", errors: 5)
        f.engagement(daysAgo: 2, count: 200, feature: "invoices", errors: errors)
        return f
    }

    @Test func errorRateSpikeFiresAt5PercentAfterAHalfPercentBaseline() throws {
        let match = try #require(Self.errors(10).match("error-rate-spike", F.account1))
        let title = PackFixture.filled("error-rate-spike", match).title
        #expect(title == "🚨 ERROR RATE ALERT: Acme Corp Error Rate Spiked to 5% (was 0.5%)")
    }

    @Test func errorRateSpikeFiresAfterAnErrorFreeMonth() throws {
        var f = Self.account()
        f.engagement(daysAgo: 20, count: 1_000, feature: "invoices", errors: 0)
        f.engagement(daysAgo: 2, count: 200, feature: "invoices", errors: 5)
        let match = try #require(f.match("error-rate-spike", F.account1))
        let title = PackFixture.filled("error-rate-spike", match).title
        #expect(title == "🚨 ERROR RATE ALERT: Acme Corp Error Rate Spiked to 2.5% (was 0%)")
        var low = Self.account()
        low.engagement(daysAgo: 20, count: 1_000, feature: "invoices", errors: 0)
        low.engagement(daysAgo: 2, count: 200, feature: "invoices", errors: 3)
        #expect(!low.fires("error-rate-spike", F.account1))
    }

    @Test func errorRateSpikeDoesNotFireBelowTwoPercent() {
        // 3 errors in 200 = 1.5 %: three times the baseline, but under the 2 % floor.
        #expect(!Self.errors(3).fires("error-rate-spike", F.account1))
    }
}
