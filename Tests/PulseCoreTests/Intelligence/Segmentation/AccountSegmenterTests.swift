import Foundation
import Testing

@testable import PulseCore

/// Account features, segmentation of planted engagement profiles, names, and the cases with no segmentation.
@Suite struct AccountSegmenterTests {
    typealias F = SegmentationFixture

    func segmentation(seed: UInt64 = 42) -> AccountSegmentation {
        AccountSegmenter(seed: seed).segment(
            accounts: F.accounts, engagement: F.engagement, tickets: F.tickets, now: F.now)
    }

    @Test func featuresCountOnlyRecordsBeforeNowAndLeaveChurnedAccountsOut() throws {
        let table = AccountFeatureTable(accounts: F.accounts, engagement: F.engagement, tickets: F.tickets, now: F.now)
        #expect(table.accounts.count == 36)
        #expect(table.churned == 3)
        #expect(!table.accounts.contains("gone-0"))
        let i = try #require(table.accounts.firstIndex(of: "new-0"))
        let row = table.rows[i]
        func value(_ f: EngagementFeature) -> Double { row[EngagementFeature.allCases.firstIndex(of: f)!] }
        // new-0: 14 events in the last 30 days (the 10,000 after `now` are ignored) on 10 seats, none before.
        #expect(value(.eventsPerSeat) == 1.4)
        #expect(value(.activeUserShare) == 0.1)
        #expect(value(.distinctFeatures) == 1)
        #expect(abs(value(.usageTrend) - log(15.0)) < 1e-12)
        #expect(value(.tickets) == 1)
        #expect(value(.tenure) == 20)
        #expect(value(.arr).isNaN)
        #expect(value(.daysSinceEngagement) < 30)
        let power = try #require(table.accounts.firstIndex(of: "power-0"))
        // The ticket 120 days ago is outside the 90-day window.
        #expect(table.rows[power][EngagementFeature.allCases.firstIndex(of: .tickets)!] == 0)
    }

    @Test func threePlantedProfilesBecomeThreeSegments() throws {
        let s = segmentation()
        #expect(s.unavailable == nil)
        #expect(s.k == 3)
        #expect(try #require(s.silhouette) > 0.5)
        #expect(s.accounts == 36)
        #expect(s.segments.map(\.size) == [12, 12, 12])
        #expect(s.segments.map(\.number) == [1, 2, 3])
        for profile in F.Profile.allCases {
            let members = F.profiles.filter { $0.value == profile }.map(\.key)
            let numbers = Set(members.map { s.membership[$0] })
            #expect(numbers.count == 1, "\(profile) is split over \(numbers)")
        }
        #expect(s.segment(of: "gone-0") == nil)
        #expect(s.droppedFeatures.contains(.arr))
        #expect(Set(s.segments.map(\.name)).count == 3)
    }

    @Test func segmentNamesComeFromTheProfilesDistinctiveFeatures() throws {
        let s = segmentation()
        let new = try #require(s.segment(of: "new-3"))
        let declining = try #require(s.segment(of: "declining-3"))
        let power = try #require(s.segment(of: "power-3"))
        #expect(new.name.hasPrefix("new"), "\(new.name)")
        #expect(declining.name.contains("many tickets") || declining.name.contains("declining usage"))
        #expect(!declining.name.contains("growing"))
        let powerWords = ["high usage", "broad adoption", "many features", "low support"]
        #expect(powerWords.contains { power.name.hasPrefix($0) }, "\(power.name)")
        // Real units: the power segment averages ≈ 30 events per seat and no tickets.
        let perSeat = try #require(power.typical[.eventsPerSeat])
        #expect(perSeat >= 28 && perSeat <= 32)
        #expect(power.typical[.tickets] == 0)
        #expect(try #require(declining.typical[.usageTrend]) < -0.8)
        #expect(new.typical[.tenure] == 20)
    }

    @Test func theSameSeedGivesTheSameSegmentation() {
        #expect(segmentation(seed: 9) == segmentation(seed: 9))
        let shuffled = AccountSegmenter(seed: 9).segment(
            accounts: F.accounts.reversed(), engagement: F.engagement.reversed(), tickets: F.tickets.reversed(),
            now: F.now)
        #expect(shuffled == segmentation(seed: 9))
    }

    @Test func fewerThanTenActiveAccountsGiveNoSegmentationAndSaySo() {
        let few = Array(F.accounts.filter { !$0.churned }.prefix(9)) + F.accounts.filter(\.churned)
        let s = AccountSegmenter().segment(accounts: few, engagement: F.engagement, tickets: F.tickets, now: F.now)
        #expect(s.k == 0)
        #expect(s.segments.isEmpty && s.membership.isEmpty && s.trials.isEmpty)
        #expect(
            s.unavailable == "No segmentation: 9 active accounts (segmentation needs at least 10; churned "
                + "accounts are left out).")
        #expect(s.segment(of: few[0].id) == nil)
    }

    @Test func accountsThatAllLookTheSameGiveNoSegmentationAndSaySo() {
        let same = (0..<20).map { Account(id: Account.ID("s\($0)"), name: "Same \($0)") }
        let s = AccountSegmenter().segment(accounts: same, engagement: [], tickets: [], now: F.now)
        #expect(s.k == 0)
        #expect(s.unavailable?.contains("no engagement feature varies between the 20 active accounts") == true)
        #expect(s.droppedFeatures == EngagementFeature.allCases)
    }

    @Test func fewAccountsAllowFewerSegments() {
        // 12 accounts allow at most 12 ÷ 5 = 2 segments.
        let kept = Set(F.Profile.allCases.flatMap { p in (1...4).map { Account.ID("\(p.rawValue)-\($0)") } })
        let twelve = F.accounts.filter { kept.contains($0.id) }
        let s = AccountSegmenter().segment(accounts: twelve, engagement: F.engagement, tickets: F.tickets, now: F.now)
        #expect(twelve.count == 12)
        #expect(s.trials.map(\.k) == [2])
        #expect(s.k == 2)
    }
}
