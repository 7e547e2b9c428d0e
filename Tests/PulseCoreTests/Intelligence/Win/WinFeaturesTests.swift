import Foundation
import Testing

@testable import PulseCore

/// Win-model features only see what was known at the moment they describe.
@Suite struct WinFeaturesTests {
    static let start = Date(timeIntervalSince1970: 1_700_000_000)

    static func day(_ n: Int) -> Date { start.addingTimeInterval(Double(n) * 86_400) }

    static func deal(
        _ id: String, owner: String, created: Int, closed: Int?, won: Bool, product: String = "Pro",
        account: String? = nil
    ) -> Deal {
        Deal(
            id: Deal.ID(id), account: account.map { Account.ID($0) }, owner: Rep.ID(owner),
            stage: closed == nil ? "Qualified" : (won ? "Won" : "Lost"),
            stageHistory: [StageChange(stage: "Qualified", enteredAt: day(created))]
                + (closed.map { [StageChange(stage: won ? "Won" : "Lost", enteredAt: day($0))] } ?? []),
            product: product, createdAt: day(created), closedAt: closed.map(day),
            outcome: closed == nil ? nil : (won ? .won : .lost))
    }

    static func data(_ deals: [Deal], activities: [Activity] = []) -> EvaluationData {
        EvaluationData(
            tenant: Tenant(id: Tenant.defaultID, name: "t"),
            accounts: [Account(id: Account.ID("acme"), name: "Acme", employees: 250)], contacts: [],
            reps: [], deals: deals, activities: activities, engagement: [], tickets: [], subscriptions: [],
            targets: [], now: day(400))
    }

    @Test func historicalRatesCountOnlyDealsClosedBeforeTheMoment() throws {
        let deals = [
            Self.deal("a", owner: "ann", created: 0, closed: 10, won: true),
            Self.deal("b", owner: "ann", created: 0, closed: 20, won: true),
            Self.deal("c", owner: "bob", created: 0, closed: 30, won: false),
            Self.deal("open", owner: "ann", created: 5, closed: nil, won: false, account: "acme"),
        ]
        let data = Self.data(deals)
        let names = WinFeatures.names
        let early = WinFeatures.row(deals[3], in: data, at: Self.day(15))
        // At day 15 only "a" has closed: overall 1/1, ann 1/1 → (1 + 5 × 1) ÷ (1 + 5) = 100 %.
        #expect(early[names.firstIndex(of: "owner_win_rate")!] == 100)
        #expect(early[names.firstIndex(of: "owner_closed_deals")!] == 1)
        let late = WinFeatures.row(deals[3], in: data, at: Self.day(31))
        // At day 31: overall 2/3; ann 2/2 → (2 + 5 × 2/3) ÷ 7 = 76.19 %.
        #expect(abs(late[names.firstIndex(of: "owner_win_rate")!] - 100 * (2 + 5 * 2.0 / 3) / 7) < 1e-9)
        #expect(late[names.firstIndex(of: "age_days")!] == 26)
        #expect(late[names.firstIndex(of: "account_employees")!] == 250)
        #expect(late[names.firstIndex(of: "account_prior_wins")!] == 0)
    }

    @Test func beforeAnyDealClosedTheRatesAreMissing() {
        let deals = [Self.deal("a", owner: "ann", created: 0, closed: 10, won: true)]
        let row = WinFeatures.row(deals[0], in: Self.data(deals), at: Self.day(5))
        #expect(row[WinFeatures.names.firstIndex(of: "owner_win_rate")!].isNaN)
    }

    @Test func trainingRowsObserveClosedDealsBeforeTheirCloseWithoutTheirOwnOutcome() throws {
        let deals = [
            Self.deal("a", owner: "ann", created: 0, closed: 40, won: true),
            Self.deal("b", owner: "ann", created: 0, closed: 100, won: false),
            Self.deal("open", owner: "ann", created: 0, closed: nil, won: false),
        ]
        let (set, closedAt) = try WinFeatures.trainingSet(Self.data(deals))
        // a: days 7 and 30 (before day 40); b: 7, 30, 60, 90; the open deal none.
        #expect(set.ids.sorted() == ["a@30", "a@7", "b@30", "b@60", "b@7", "b@90"])
        #expect(set.labels.count { $0 } == 2)
        #expect(closedAt.count == set.count)
        let ownerRate = WinFeatures.names.firstIndex(of: "owner_closed_deals")!
        // b observed at day 60 and 90 has seen a's close (day 40) but never its own.
        let b90 = set.ids.firstIndex(of: "b@90")!
        #expect(set.rows[b90][ownerRate] == 1)
        let a30 = set.ids.firstIndex(of: "a@30")!
        #expect(set.rows[a30][ownerRate] == 0)
    }
}
