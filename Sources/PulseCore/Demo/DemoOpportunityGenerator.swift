import Foundation

/// One classic B2B opportunity with the activities logged on it.
struct DemoOpportunityBundle: Sendable {
    var deal: Deal
    var activities: [Activity]
}

/// Simulates classic B2B opportunities (Prospecting → Qualified → Proposal → Negotiation → Won/Lost).
///
/// Win chances depend on lead source, segment and industry so that DQS has signal; lost deals drag on longer than
/// won ones so the Lost-Deal Velocity Ratio is above 1.
struct DemoOpportunityGenerator: Sendable {
    let parameters: DemoParameters
    let clock: DemoClock
    let roster: DemoRoster

    static let products: [Product] = [
        Product(id: "prod-core", name: "Pulse Core", series: "Platform", listPriceCents: 1_200_000),
        Product(id: "prod-analytics", name: "Pulse Analytics", series: "Platform", listPriceCents: 2_400_000),
        Product(id: "prod-engage", name: "Pulse Engage", series: "Add-on", listPriceCents: 800_000),
        Product(id: "prod-enterprise", name: "Pulse Enterprise", series: "Platform", listPriceCents: 6_000_000),
        Product(id: "prod-services", name: "Onboarding Services", series: "Services", listPriceCents: 500_000),
    ]
    static let leadSources = ["Inbound", "Outbound", "Referral", "Partner", "Event", "Webinar"]
    static let sourceWeights: [Double] = [30, 25, 12, 10, 13, 10]
    static let sourceBonus: [String: Double] = [
        "Inbound": 0.05, "Outbound": -0.12, "Referral": 0.18, "Partner": 0.1, "Event": -0.03, "Webinar": 0,
    ]
    static let industryBonus: [String: Double] = [
        "Education": 0.05, "Healthcare": -0.05, "Manufacturing": 0, "Retail": -0.08, "Technology": 0.08,
        "Finance": 0.02, "Media": -0.02,
    ]
    static let lossReasons = ["Price", "Chose competitor", "No decision", "Timing", "Missing feature"]

    /// The deal id of opportunity `index` (0-based).
    static func opportunityID(_ index: Int) -> Deal.ID { Deal.ID("opp-" + DemoNames.pad(index + 1, 6)) }

    func opportunity(_ index: Int) -> DemoOpportunityBundle {
        var rng = SplitMix64(seed: parameters.seed, domain: 20, index: UInt64(index))
        let tenant = parameters.tenant
        let now = clock.now
        let ae = roster.accountExecutives[rng.index(roster.accountExecutives.count)]
        let tz = DemoRoster.timeZone(of: ae)
        let aeEmail = ae.email ?? ae.id.rawValue
        let company = DemoNames.company(&rng)
        let (person, first) = DemoNames.person(&rng)
        let email = DemoNames.email(person, at: company)
        let source = rng.pick(Self.leadSources, weights: Self.sourceWeights)
        let industry = rng.pick(DemoLeadGenerator.industries)
        let segment = rng.pick(DemoLeadGenerator.segments, weights: [50, 35, 15])
        let product = rng.pick(Self.products, weights: [30, 20, 20, 10, 20])
        let competitor = rng.pick(DemoText.competitors)
        let multiplier = segment == "Enterprise" ? 4.0 : segment == "Mid-Market" ? 1.8 : 0.8
        let list = Double(product.listPriceCents ?? 1_000_000)
        let amount = Int64((list * multiplier * (0.6 + rng.unit() * 0.8) / 100).rounded()) * 100
        let winChance = min(
            0.9,
            max(
                0.1,
                0.5 + Self.sourceBonus[source, default: 0] + Self.industryBonus[industry, default: 0]
                    - (segment == "Enterprise" ? 0.08 : 0)))
        let id = Self.opportunityID(index)

        let createdAt = min(
            clock.officeTime(day: -rng.int(1...180), zone: tz, rng: &rng),
            now.addingTimeInterval(-Double(rng.int(2...72)) * 3600))
        var history = [StageChange(stage: "Prospecting", enteredAt: createdAt)]
        var t = createdAt
        var outcome: DealOutcome?
        var closedAt: Date?
        var lossReason: String?
        var lossCompetitor: String?
        let path: [(stage: String, advance: Double, days: ClosedRange<Int>)] = [
            ("Qualified", 0.75, 2...10), ("Proposal", 0.75, 4...18), ("Negotiation", 0.7, 4...16),
        ]
        var failed = false
        for step in path {
            let next = clock.after(t, days: rng.int(step.days), zone: tz, rng: &rng)
            if next > now { break }
            if !rng.chance(step.advance + (winChance - 0.5) / 2) {
                failed = true
                break
            }
            t = next
            history.append(StageChange(stage: step.stage, enteredAt: next))
        }
        let reachedNegotiation = history.count == 4
        if failed || reachedNegotiation {
            let won = reachedNegotiation && rng.chance(min(0.95, winChance + 0.25))
            let close =
                won
                ? clock.after(t, days: rng.int(3...20), zone: tz, rng: &rng)
                : clock.after(t, days: rng.int(25...75), zone: tz, rng: &rng)
            // A quarter of the failing deals just sit in their stage: stalled, not yet marked lost.
            if close <= now, won || rng.chance(0.75) {
                outcome = won ? .won : .lost
                closedAt = close
                history.append(StageChange(stage: won ? "Won" : "Lost", enteredAt: close))
                if !won {
                    lossReason = rng.pick(Self.lossReasons, weights: [30, 25, 20, 15, 10])
                    if lossReason == "Chose competitor" || rng.chance(0.2) { lossCompetitor = competitor }
                }
            }
        }

        var activities: [Activity] = []
        func log(
            _ kind: ActivityKind, at time: Date, subject: String?, body: String? = nil, duration: Int? = nil
        ) {
            guard time <= now else { return }
            activities.append(
                Activity(
                    id: Activity.ID(id.rawValue + "-a" + DemoNames.pad(activities.count + 1, 2)), tenant: tenant,
                    kind: kind, deal: id, rep: ae.id, occurredAt: time, scheduledAt: duration != nil ? time : nil,
                    completedAt: duration.map { time.addingTimeInterval(Double($0)) }, subject: subject, body: body,
                    participants: [aeEmail, email], durationSeconds: duration))
        }
        func text(_ options: [String]) -> String {
            DemoText.fill(rng.pick(options), first: first, company: company, competitor: competitor)
        }
        log(
            .emailOut, at: createdAt.addingTimeInterval(3600), subject: "\(product.name) for \(company)",
            body: text(DemoText.b2bEmailsOut))
        for change in history.dropFirst() {
            switch change.stage {
            case "Qualified":
                log(.meeting, at: change.enteredAt, subject: "Qualification meeting", duration: 1800)
            case "Proposal":
                log(.demo, at: change.enteredAt, subject: "\(product.name) demo", duration: 3600)
                if rng.chance(0.6) {
                    log(
                        .emailIn, at: change.enteredAt.addingTimeInterval(86_400 * 2), subject: "Re: Proposal",
                        body: text(DemoText.b2bEmailsIn))
                }
            case "Negotiation":
                log(.emailOut, at: change.enteredAt, subject: "Order form and terms", body: text(DemoText.b2bEmailsOut))
            default:
                break
            }
        }

        let deal = Deal(
            id: id, tenant: tenant, name: "\(company) — \(product.name)", owner: ae.id, pipeline: StageCatalogue.b2b.id,
            stage: history[history.count - 1].stage, stageHistory: history, amountCents: amount, leadSource: source,
            product: product.name, industry: industry,
            region: DemoRoster.zones.first { $0.name == ae.timeZone }?.region,
            segment: segment, createdAt: createdAt,
            expectedCloseDate: createdAt.addingTimeInterval(Double(rng.int(45...90)) * 86_400), closedAt: closedAt,
            outcome: outcome, lossReason: lossReason, competitor: lossCompetitor,
            updatedAt: history[history.count - 1].enteredAt)
        return DemoOpportunityBundle(deal: deal, activities: activities)
    }
}
