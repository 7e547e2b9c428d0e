import Foundation
import Testing

@testable import PulseCore

@Suite struct ChurnFeaturesTests {
    typealias W = ChurnWorld

    let account = Account(id: "a1", name: "Falling Co", plan: "Basic", seats: 10, createdAt: ChurnWorld.day(-400))

    func value(_ row: [Double], _ name: String) -> Double { row[ChurnFeatures.names.firstIndex(of: name)!] }

    func text(_ row: [Double], _ name: String) -> String {
        let i = ChurnFeatures.names.firstIndex(of: name)!
        return ChurnFeatures.descriptors[i].phrase.text(value: row[i], name: name)
    }

    @Test func aDecliningAccountReadsAsLoginsAndEngagementDown() {
        // 4 logins a day in the 30 days before the last 30, 1 a day in the last 30: down 75 %.
        let engagement =
            W.events("a1", .portalLogin, from: -60, to: -30, perDay: 4, contact: "c1")
            + W.events("a1", .portalLogin, from: -30, to: 0, perDay: 1, contact: "c1")
        let data = W.data(accounts: [account], engagement: engagement)
        let row = ChurnFeatures.row(account, in: data, at: W.now)
        #expect(text(row, "logins_change_30d") == "logins down 75% over 30 days")
        #expect(text(row, "engagement_change_30d") == "engagement down 75% over 30 days")
        #expect(value(row, "engagement_30d") == 30)
        #expect(value(row, "active_seat_percent_30d") == 10)
        #expect(value(row, "days_since_engagement") == 0)
    }

    @Test func onlyRecordsBeforeTheMomentCount() {
        let engagement = W.events("a1", .featureUsed, from: -40, to: 10, perDay: 1, feature: "reports")
        let tickets = [
            SupportTicket(id: "t1", account: "a1", openedAt: W.day(-5), priority: .urgent, firstResponseMinutes: 120),
            SupportTicket(id: "t2", account: "a1", openedAt: W.day(3), priority: .urgent),
        ]
        let data = W.data(accounts: [account], engagement: engagement, tickets: tickets, at: W.day(20))
        let row = ChurnFeatures.row(account, in: data, at: W.now)
        #expect(value(row, "engagement_30d") == 30)
        #expect(value(row, "features_used_30d") == 1)
        #expect(value(row, "tickets_90d") == 1)
        #expect(value(row, "open_tickets") == 1)
        #expect(value(row, "urgent_ticket_percent_90d") == 100)
        #expect(value(row, "first_response_hours_90d") == 2)
    }

    @Test func whatIsUnknownIsMissingNotZero() {
        let bare = Account(id: "a2", name: "Quiet Co")
        let row = ChurnFeatures.row(bare, in: W.data(accounts: [bare]), at: W.now)
        #expect(row.count == ChurnFeatures.descriptors.count)
        for name in ["engagement_change_30d", "logins_change_30d", "days_since_engagement", "tenure_months", "seats"] {
            #expect(value(row, name).isNaN, "\(name) should be unknown")
        }
        #expect(value(row, "tickets_90d") == 0)
        #expect(text(row, "logins_change_30d") == "no data for logins_change_30d")
    }

    @Test func contractAndBillingComeFromTheSubscriptionRunningAtTheMoment() {
        let subscriptions = [
            Subscription(
                id: "s1", account: "a1", startDate: W.day(-300), endDate: W.day(-100), plan: "Pro", seats: 5,
                mrrCents: 50_000, billingFrequency: "annual"),
            Subscription(
                id: "s2", account: "a1", startDate: W.day(-100), plan: "Basic", seats: 8, mrrCents: 20_000,
                downgraded: true, billingFrequency: "monthly", autoRenew: false),
            Subscription(id: "s3", account: "a1", startDate: W.day(5), plan: "Enterprise", seats: 80, upgraded: true),
        ]
        let data = W.data(accounts: [account], subscriptions: subscriptions)
        let row = ChurnFeatures.row(account, in: data, at: W.now)
        #expect(text(row, "billing_monthly") == "monthly billing")
        #expect(text(row, "auto_renew_off") == "auto-renew switched off")
        #expect(text(row, "downgraded") == "plan downgraded")
        #expect(value(row, "upgraded") == 0)
        #expect(value(row, "plan=Basic") == 1)
        #expect(value(row, "plan=Enterprise") == 0)
        #expect(value(row, "mrr_usd") == 200)
        #expect(value(row, "seats") == 8)
        #expect(text(row, "tenure_months") == "customer for 13.1 months")
    }

    @Test func aSubscriptionMovedToAnotherAccountLeavesTheFirstAccountsContract() {
        let other = Account(id: "a2", name: "Other Co", createdAt: W.day(-400))
        let monthly = Subscription(
            id: "s1", account: "a1", startDate: W.day(-100), seats: 8, billingFrequency: "monthly")
        var data = W.data(accounts: [account, other], subscriptions: [monthly])
        #expect(text(ChurnFeatures.row(account, in: data, at: W.now), "billing_monthly") == "monthly billing")
        var batch = IngestBatch()
        var moved = monthly
        moved.account = "a2"
        batch.subscriptions = [moved]
        _ = data.apply(batch)
        let after = ChurnFeatures.row(account, in: data, at: W.now)
        #expect(value(after, "billing_monthly").isNaN)
        #expect(value(after, "seats") == 10)  // the account record's seats, no longer the subscription's 8
        #expect(text(ChurnFeatures.row(other, in: data, at: W.now), "billing_monthly") == "monthly billing")
    }

    @Test func everyFeatureNameIsUniqueAndEveryPhraseReadsAValue() {
        #expect(Set(ChurnFeatures.names).count == ChurnFeatures.names.count)
        for d in ChurnFeatures.descriptors {
            #expect(!d.phrase.text(value: 1, name: d.name).contains("{value}"), "\(d.name)")
        }
    }
}
