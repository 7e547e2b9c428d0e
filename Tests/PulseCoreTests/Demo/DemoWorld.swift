import Foundation

@testable import PulseCore

/// Everything one default-size demo run produced at `now`, indexed for the planted-situation tests.
struct DemoWorld: Sendable {
    let now: Date
    let generator: DemoGenerator
    var deals: [Deal] = []
    var activities: [Activity] = []
    var contacts: [Contact] = []
    var accounts: [Account] = []
    var engagement: [EngagementEvent] = []
    var tickets: [SupportTicket] = []
    var reps: [Rep] = []
    var targets: [KpiTarget] = []
    /// Activities per deal, oldest first.
    var byDeal: [Deal.ID: [Activity]] = [:]

    init(now: Date, seed: UInt64 = 42) {
        self.now = now
        generator = DemoGenerator(parameters: DemoParameters(seed: seed, now: now))
        for event in generator.events {
            switch event.payload {
            case .deal(let deal): deals.append(deal)
            case .activity(let activity): activities.append(activity)
            case .contact(let contact): contacts.append(contact)
            case .account(let account): accounts.append(account)
            case .engagement(let e): engagement.append(e)
            case .ticket(let ticket): tickets.append(ticket)
            case .rep(let rep): reps.append(rep)
            case .target(let target): targets.append(target)
            default: break
            }
        }
        for activity in activities { if let deal = activity.deal { byDeal[deal, default: []].append(activity) } }
        for key in byDeal.keys { byDeal[key]!.sort { $0.occurredAt < $1.occurredAt } }
    }

    var opportunities: [Deal] { deals.filter { $0.pipeline == StageCatalogue.b2b.id } }
    var openOpportunities: [Deal] { opportunities.filter { !$0.isClosed } }

    /// Whole days from `date` to now.
    func daysAgo(_ date: Date) -> Double { now.timeIntervalSince(date) / 86_400 }

    /// The deal's activities within the last `days` days (not after now).
    func recent(_ deal: Deal, days: Double, kinds: Set<ActivityKind> = Set(ActivityKind.allCases)) -> [Activity] {
        (byDeal[deal.id] ?? []).filter { kinds.contains($0.kind) && daysAgo($0.occurredAt) <= days }
    }

    /// True when one of `activities` mentions any of `phrases` (case-insensitive) in its subject or body.
    static func mentions(_ activities: [Activity], _ phrases: [String]) -> Bool {
        activities.contains { a in
            let text = ((a.subject ?? "") + "\n" + (a.body ?? "")).lowercased()
            return phrases.contains { text.contains($0.lowercased()) }
        }
    }

    /// Buyer contacts (not reps) who took part in `activities`, by e-mail.
    func buyers(in activities: [Activity]) -> Set<String> {
        let repEmails = Set(reps.compactMap(\.email))
        return Set(activities.flatMap(\.participants).filter { !repEmails.contains($0) })
    }

    /// The deal's buyer contacts who first took part within the last `days` days.
    func newBuyers(_ deal: Deal, days: Double, kinds: Set<ActivityKind> = Set(ActivityKind.allCases)) -> Set<String> {
        let all = byDeal[deal.id] ?? []
        let before = buyers(in: all.filter { daysAgo($0.occurredAt) > days })
        return buyers(in: recent(deal, days: days, kinds: kinds)).subtracting(before)
    }
}

/// The dates the planted-situation tests run on: a Monday midnight, a Wednesday midnight and a Saturday noon.
let demoWorldDates = [
    Date(timeIntervalSince1970: 1_751_241_600), Date(timeIntervalSince1970: 1_795_564_800),
    Date(timeIntervalSince1970: 1_773_489_600),
]
/// One generated world per test date, built once.
let demoWorlds = Dictionary(uniqueKeysWithValues: demoWorldDates.map { ($0, DemoWorld(now: $0)) })
