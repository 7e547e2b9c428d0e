import Foundation
import PulseCore

/// Deterministic data for `pulse bench evaluate`: a starting state of 10,000 accounts and 100,000 deals, then a
/// stream of events (activities, stage changes, engagement, tickets, new deals) in micro-batches, with
/// simulated time advancing across the stream.
struct BenchEvaluateData {
    let accounts: Int
    let deals: Int
    let events: Int
    let start: Date
    /// Simulated time the stream spans: 30 days per million events (about 23 events a minute), whatever the count.
    var span: TimeInterval { 30 * 86_400 * Double(events) / 1_000_000 }
    let seed: UInt64 = 42

    static let industries = ["EdTech", "FinTech", "HealthTech", "Retail", "Manufacturing", "Media", "Logistics"]
    static let sources = ["Inbound", "Outbound", "Partner", "Referral", "Event", "Website"]
    static let segments = ["SMB", "Mid-Market", "Enterprise"]
    static let stages = ["Prospecting", "Qualified", "Proposal", "Negotiation"]
    static let phrases = [
        "Quick update: the budget approved for next quarter covers this.", "They asked for a business case and ROI.",
        "Procurement sent a purchase order template.", "Legal review of the MSA starts Monday.",
        "They are evaluating a competitor on price.", "Concern: budget freeze until January.",
        "Technical evaluation requested by their architect.", "Thanks for the call, let's talk next week.",
        "Following up on the proposal we sent.", "Notes from the discovery call: good fit.",
    ]

    var repCount: Int { 150 }
    func repID(_ i: Int) -> Rep.ID { Rep.ID("rep_\(i)") }
    func accountID(_ i: Int) -> Account.ID { Account.ID("acc_\(i)") }
    func dealID(_ i: Int) -> Deal.ID { Deal.ID("deal_\(i)") }
    func contactID(_ account: Int, _ n: Int) -> Contact.ID { Contact.ID("c_\(account)_\(n)") }

    /// Reps, accounts, contacts and deals as they stand when the stream starts.
    func initialState() -> IngestBatch {
        var rng = SplitMix64(seed: seed, domain: 1, index: 0)
        var batch = IngestBatch()
        batch.tenants = [Tenant(id: Tenant.defaultID, name: "Bench")]
        for i in 0..<repCount {
            let role: RepRole = i < 2 ? .executive : i < 12 ? .manager : i < 14 ? .revops : i < 50 ? .bdr : .rep
            batch.reps.append(
                Rep(
                    id: repID(i), name: "Rep \(i)", role: role,
                    manager: i >= 12 ? repID(2 + i % 10) : i >= 2 ? repID(0) : nil,
                    team: "team-\(i % 10)"))
        }
        let roles: [StakeholderRole] = [.champion, .economicBuyer, .technical, .procurement, .legal, .user]
        for a in 0..<accounts {
            let renewal = start.addingTimeInterval(Double(rng.int(-30...365)) * 86_400)
            batch.accounts.append(
                Account(
                    id: accountID(a), name: "Account \(a)", industry: Self.industries[a % Self.industries.count],
                    segment: Self.segments[a % 3], arrCents: Int64(rng.int(5_000...500_000)) * 100,
                    plan: ["Basic", "Pro", "Enterprise"][a % 3],
                    seats: rng.int(5...200), renewalDate: renewal, owner: repID(50 + a % 100),
                    createdAt: start.addingTimeInterval(-Double(rng.int(60...900)) * 86_400)))
            for n in 0..<3 {
                batch.contacts.append(
                    Contact(
                        id: contactID(a, n), account: accountID(a), name: "Contact \(a)-\(n)",
                        email: "c\(a).\(n)@example.com", role: roles[(a + n) % roles.count]))
            }
        }
        for d in 0..<deals {
            let deal = makeDeal(d, rng: &rng, createdBefore: start)
            batch.deals.append(deal)
            // Each open deal's latest touch: 0–16 days ago, so about one in eight starts out stalled.
            if deal.outcome == nil {
                let account = d % accounts
                batch.activities.append(
                    Activity(
                        id: .init("seed-\(d)"), kind: .emailOut, deal: deal.id, account: accountID(account),
                        rep: deal.owner, contact: contactID(account, 0),
                        occurredAt: start.addingTimeInterval(-Double(rng.int(0...16 * 24)) * 3600),
                        subject: "Follow-up", body: "Following up on our last conversation.",
                        participants: [contactID(account, 0).rawValue]))
            }
        }
        return batch
    }

    private func makeDeal(_ d: Int, rng: inout SplitMix64, createdBefore reference: Date) -> Deal {
        let closed = d % 10 < 6
        // Closed deals span two years; open ones are younger, as in a working pipeline.
        let created = reference.addingTimeInterval(-Double(rng.int(closed ? 30...700 : 5...90)) * 86_400)
        let account = d % accounts
        var history = [StageChange(stage: "Prospecting", enteredAt: created)]
        var t = created
        let reached = rng.int(0...3)
        for s in 1...max(1, reached) where s < Self.stages.count {
            t = t.addingTimeInterval(Double(rng.int(closed ? 3...30 : 2...12)) * 86_400)
            if t < reference { history.append(StageChange(stage: Self.stages[s], enteredAt: t)) }
        }
        var outcome: DealOutcome?
        var closedAt: Date?
        if closed {
            let end = min(reference.addingTimeInterval(-3600), t.addingTimeInterval(Double(rng.int(5...40)) * 86_400))
            outcome = rng.unit() < 0.42 ? .won : .lost
            closedAt = max(end, created.addingTimeInterval(86_400))
            history.append(StageChange(stage: outcome == .won ? "Won" : "Lost", enteredAt: closedAt!))
        }
        return Deal(
            id: dealID(d), name: "Deal \(d)", account: accountID(account), owner: repID(14 + d % 136),
            pipeline: "b2b", stage: history.last!.stage, stageHistory: history,
            amountCents: Int64(rng.int(2_000...150_000)) * 100, leadSource: Self.sources[d % Self.sources.count],
            product: ["Core", "Plus", "Suite"][d % 3], industry: Self.industries[account % Self.industries.count],
            segment: Self.segments[account % 3], createdAt: created,
            expectedCloseDate: created.addingTimeInterval(Double(rng.int(30...120)) * 86_400), closedAt: closedAt,
            outcome: outcome, updatedAt: closedAt ?? history.last!.enteredAt)
    }

    /// The `index`-th micro-batch of `size` events (the last may be shorter), with their envelopes, and the
    /// simulated time of its last event.
    func batch(_ index: Int, size: Int) -> (batch: IngestBatch, now: Date) {
        var batch = IngestBatch()
        let first = index * size
        let last = min(events, first + size)
        var now = start
        for e in first..<last {
            var rng = SplitMix64(seed: seed, domain: 2, index: UInt64(e))
            let at = start.addingTimeInterval(span * Double(e) / Double(events))
            now = at
            let roll = rng.int(0...99)
            let eventID = "bench-\(e)"
            let type: String
            // Activities and stage moves go to open deals (every deal whose index ends in 6–9).
            let deal = min(deals - 1, rng.int(0...(deals / 10 - 1)) * 10 + 6 + rng.int(0...3))
            let dealAccount = deal % accounts
            if roll < 45 {
                let account = rng.int(0...(accounts - 1))
                let kinds = EngagementKind.allCases
                batch.engagement.append(
                    EngagementEvent(
                        id: .init(eventID), account: accountID(account), contact: contactID(account, rng.int(0...2)),
                        kind: kinds[rng.int(0...(kinds.count - 1))], occurredAt: at,
                        feature: "feature-\(rng.int(0...9))",
                        count: rng.int(1...5), errorCount: rng.int(0...99) == 0 ? 1 : 0))
                type = "engagement"
            } else if roll < 80 {
                let kinds: [ActivityKind] = [.emailIn, .emailOut, .callConducted, .meeting, .note, .demo]
                let kind = kinds[rng.int(0...(kinds.count - 1))]
                let participants = (0..<rng.int(1...3)).map { contactID(dealAccount, $0).rawValue }
                batch.activities.append(
                    Activity(
                        id: .init(eventID), kind: kind, deal: dealID(deal), account: accountID(dealAccount),
                        rep: repID(14 + deal % 136), contact: contactID(dealAccount, 0), occurredAt: at,
                        subject: "Re: Deal \(deal)", body: Self.phrases[rng.int(0...(Self.phrases.count - 1))],
                        participants: participants, durationSeconds: kind == .callConducted ? 1800 : nil))
                type = "activity"
            } else if roll < 88 {
                batch.stageChanges.append(
                    DealStageChange(deal: dealID(deal), stage: Self.stages[rng.int(1...3)], enteredAt: at))
                type = "deal_stage_changed"
            } else if roll < 93 {
                let account = rng.int(0...(accounts - 1))
                batch.tickets.append(
                    SupportTicket(
                        id: .init(eventID), account: accountID(account), openedAt: at,
                        priority: [.low, .medium, .high, .urgent][rng.int(0...3)], subject: "Issue \(e)",
                        firstResponseMinutes: rng.int(5...600)))
                type = "ticket"
            } else {
                var fresh = makeDeal(deals + e, rng: &rng, createdBefore: at)
                fresh.createdAt = at
                fresh.stageHistory = [StageChange(stage: "Prospecting", enteredAt: at)]
                fresh.stage = "Prospecting"
                fresh.closedAt = nil
                fresh.outcome = nil
                fresh.updatedAt = at
                batch.deals.append(fresh)
                type = "deal_created"
            }
            batch.events.append(
                EventRecord(
                    id: eventID, type: type, occurredAt: at, tenant: Tenant.defaultID, source: "bench", line: e + 1))
        }
        return (batch, now)
    }
}
