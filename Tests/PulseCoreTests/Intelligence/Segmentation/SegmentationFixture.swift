import Foundation

@testable import PulseCore

/// Accounts in three planted engagement profiles, 12 each (plus churned ones), as of `now` (2025-06-18 12:00 UTC):
/// `power` (heavy, broad, steady use, no tickets), `declining` (use fell ninefold, many tickets) and `new`
/// (signed up 20 days ago, light use of one feature).
enum SegmentationFixture {
    static let now = Date(timeIntervalSince1970: 1_750_248_000)

    enum Profile: String, CaseIterable { case power, declining, new }

    static func day(_ days: Double) -> Date { now.addingTimeInterval(days * 86_400) }

    /// Account id → planted profile.
    static var profiles: [Account.ID: Profile] {
        var out: [Account.ID: Profile] = [:]
        for profile in Profile.allCases {
            for i in 0..<12 { out[Account.ID("\(profile.rawValue)-\(i)")] = profile }
        }
        return out
    }

    static var accounts: [Account] {
        profiles.keys.sorted().map { id in
            let profile = profiles[id]!
            return Account(
                id: id, name: "Account \(id.rawValue)", industry: profile == .new ? "EdTech" : "Retail", seats: 10,
                owner: "r1", createdAt: day(profile == .new ? -20 : -400 - Double(jitter(id) * 10)))
        }
            + (0..<3).map { i in
                Account(
                    id: Account.ID("gone-\(i)"), name: "Churned \(i)", seats: 10, createdAt: day(-700), churned: true)
            }
    }

    /// 0…4 from the account id, to vary accounts within a profile.
    static func jitter(_ id: Account.ID) -> Int { Int(id.rawValue.split(separator: "-").last!)! % 5 }

    static var engagement: [EngagementEvent] {
        var out: [EngagementEvent] = []
        for (id, profile) in profiles.sorted(by: { $0.key < $1.key }) {
            let j = jitter(id)
            // (events in the last 30 days, in the 30 before, distinct features, active users)
            let (recent, prior, features, users): (Int, Int, Int, Int) =
                switch profile {
                case .power: (280 + 10 * j, 270 + 10 * j, 6, 8)
                case .declining: (18 + j, 190 + 5 * j, 2, 2)
                case .new: (14 + j, 0, 1, 1)
                }
            func add(_ count: Int, from start: Double) {
                for e in 0..<count {
                    out.append(
                        EngagementEvent(
                            id: .init("\(id.rawValue)-e\(out.count)"), account: id,
                            contact: Contact.ID("\(id.rawValue)-u\(e % users)"), kind: .featureUsed,
                            occurredAt: day(start + Double(e % 29) + 0.25), feature: "feature-\(e % features)"))
                }
            }
            add(recent, from: -30)
            add(prior, from: -60)
        }
        // Churned accounts and records after `now` must not count.
        for i in 0..<3 {
            out.append(
                EngagementEvent(
                    id: .init("gone-e\(i)"), account: Account.ID("gone-\(i)"), kind: .portalLogin, occurredAt: day(-1),
                    count: 500))
        }
        out.append(
            EngagementEvent(id: "future", account: "new-0", kind: .portalLogin, occurredAt: day(2), count: 10_000))
        return out
    }

    static var tickets: [SupportTicket] {
        var out: [SupportTicket] = []
        for (id, profile) in profiles.sorted(by: { $0.key < $1.key }) {
            let count =
                switch profile {
                case .power: 0
                case .declining: 6 + jitter(id) % 2
                case .new: 1
                }
            for t in 0..<count {
                out.append(
                    SupportTicket(
                        id: .init("\(id.rawValue)-t\(t)"), account: id,
                        openedAt: day(profile == .new ? -5 : -80 + Double(t) * 12)))
            }
        }
        out.append(SupportTicket(id: "old", account: "power-0", openedAt: day(-120)))
        return out
    }

    static func data(now: Date = now) -> EvaluationData {
        let deals = profiles.keys.sorted().map { id in
            Deal(
                id: Deal.ID("deal-\(id.rawValue)"), account: id, owner: "r1", stage: "Qualified",
                stageHistory: [.init(stage: "Qualified", enteredAt: day(-10))], amountCents: 1_000_000,
                createdAt: day(-10))
        }
        return EvaluationData(
            tenant: Tenant(id: Tenant.defaultID, name: "Segments"), accounts: accounts, contacts: [],
            reps: [Rep(id: "r1", name: "Ann Lee", role: .rep)], deals: deals, activities: [], engagement: engagement,
            tickets: tickets, subscriptions: [], targets: [], now: now)
    }
}
