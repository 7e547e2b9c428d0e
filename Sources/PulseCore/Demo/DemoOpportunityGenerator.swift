import Foundation

/// One classic B2B opportunity with its buying committee and the activities logged on it.
struct DemoOpportunityBundle: Sendable {
    var deal: Deal
    var contacts: [Contact]
    var activities: [Activity]
}

/// Simulates classic B2B opportunities (Prospecting → Qualified → Proposal → Negotiation → Won/Lost).
///
/// Win chances depend on lead source, segment and industry so that DQS has signal; deals that will be lost drag
/// on in their last stage, so lost deals take longer than won ones (Lost-Deal Velocity Ratio above 1). Each deal
/// has a buying committee (champion, economic buyer, technical lead …) whose members join as the deal advances and
/// take part in its e-mails, calls, meetings and demos; a minority of messages carry buying signals or risks
/// ("budget approved", "legal review", a competitor …). `DemoOpportunityStory` plants the situations the alert
/// rules look for on a few deals.
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
    /// Buying-committee roles in the order they are filled.
    static let committeeRoles: [StakeholderRole] = [
        .champion, .economicBuyer, .technical, .decisionMaker, .procurement, .legal, .user,
    ]

    /// The deal id of opportunity `index` (0-based).
    static func opportunityID(_ index: Int) -> Deal.ID { Deal.ID("opp-" + DemoNames.pad(index + 1, 6)) }

    /// The shape of a deal before its activities: stage entries, outcome and dates.
    struct Path {
        var history: [StageChange]
        var outcome: DealOutcome?
        var closedAt: Date?
        /// When the deal started to fail (it then drags on until lost), nil for deals that are progressing.
        var failedAt: Date?
        /// No activity after this time (the buyer went quiet).
        var quietAfter: Date?
    }

    func opportunity(_ index: Int) -> DemoOpportunityBundle {
        var rng = SplitMix64(seed: parameters.seed, domain: 20, index: UInt64(index))
        let now = clock.now
        let ae = roster.accountExecutives[rng.index(roster.accountExecutives.count)]
        let tz = DemoRoster.timeZone(of: ae)
        let company = DemoNames.company(&rng)
        let (person, first) = DemoNames.person(&rng)
        var source = rng.pick(Self.leadSources, weights: Self.sourceWeights)
        var industry = rng.pick(DemoLeadGenerator.industries)
        var segment = rng.pick(DemoLeadGenerator.segments, weights: [50, 35, 15])
        var product = rng.pick(Self.products, weights: [30, 20, 20, 10, 20])
        let competitor = rng.pick(DemoText.competitors)
        var story = SplitMix64(seed: parameters.seed, domain: 21, index: UInt64(index))
        let plot = DemoOpportunityStory.story(index: index, count: parameters.opportunities, roll: story.unit())
        switch plot {
        case .newInbound:
            (source, segment, product) = ("Inbound", "Enterprise", Self.products[3])
        case .weakNewDeal, .weakHistory:
            (source, industry, segment, product) = ("Outbound", "Retail", "SMB", Self.products[4])
        case .healthcareSlump: industry = "Healthcare"
        case .retailWin: industry = "Retail"
        case .signal: if segment == "SMB" { segment = "Mid-Market" }
        default: break
        }
        let multiplier = segment == "Enterprise" ? 4.0 : segment == "Mid-Market" ? 1.8 : 0.8
        let list = Double(product.listPriceCents ?? 1_000_000)
        var amount: Int64? = Int64((list * multiplier * (0.6 + rng.unit() * 0.8) / 100).rounded()) * 100
        if plot == .newInbound { amount = Int64(story.int(8...14)) * 1_000_000 }
        if plot == .goneDark { amount = nil }
        let winChance = min(
            0.9,
            max(
                0.1,
                0.5 + Self.sourceBonus[source, default: 0] + Self.industryBonus[industry, default: 0]
                    - (segment == "Enterprise" ? 0.08 : 0)))

        var path: Path
        switch plot {
        case .ordinary, .singleThreaded: path = randomPath(winChance: winChance, zone: tz, rng: &rng)
        default: path = plantedPath(plot, zone: tz, rng: &story)
        }
        // Stage entries strictly increase (two planted days can fall on the same Friday).
        for i in path.history.indices.dropFirst() where path.history[i].enteredAt <= path.history[i - 1].enteredAt {
            path.history[i].enteredAt = path.history[i - 1].enteredAt.addingTimeInterval(3600)
        }
        if path.outcome != nil { path.closedAt = path.history[path.history.count - 1].enteredAt }
        let createdAt = path.history[0].enteredAt
        var lossReason: String?
        var lossCompetitor: String?
        if path.outcome == .lost {
            if case .healthcareSlump = plot {
                lossReason = story.pick(["No decision", "Timing", "Price"], weights: [4, 4, 2])
            } else {
                lossReason = rng.pick(Self.lossReasons, weights: [30, 25, 20, 15, 10])
            }
            if lossReason == "Chose competitor" || rng.chance(0.2) { lossCompetitor = competitor }
        }
        let expectedClose: Date =
            switch plot {
            case .stuck: createdAt.addingTimeInterval(Double(story.int(45...55)) * 86_400)
            case .closingSoon: clock.officeTime(day: story.int(4...11), zone: tz, rng: &story)
            default: createdAt.addingTimeInterval(Double(rng.int(45...90)) * 86_400)
            }

        let id = Self.opportunityID(index)
        let committee = self.committee(
            id: id, company: company, champion: person, segment: segment, rng: &story)
        var writer = DemoDealWriter(
            id: id, tenant: parameters.tenant, rep: ae.id, zone: tz,
            clock: clock, committee: committee, singleThreaded: plot == .singleThreaded || plot == .goneDark,
            first: first, company: company, competitor: competitor)
        writer.write(
            path: path, product: product.name, plot: plot, lossReason: lossReason, inbound: source == "Inbound",
            rng: &story)

        let deal = Deal(
            id: id, tenant: parameters.tenant, name: "\(company) — \(product.name)", owner: ae.id,
            pipeline: StageCatalogue.b2b.id, stage: path.history[path.history.count - 1].stage,
            stageHistory: path.history, amountCents: amount, leadSource: source, product: product.name,
            industry: industry, region: DemoRoster.zones.first { $0.name == ae.timeZone }?.region,
            segment: segment, createdAt: createdAt, expectedCloseDate: expectedClose, closedAt: path.closedAt,
            outcome: path.outcome, lossReason: lossReason, competitor: lossCompetitor,
            updatedAt: min(now, max(path.history[path.history.count - 1].enteredAt, writer.lastActivity ?? createdAt)))
        return DemoOpportunityBundle(deal: deal, contacts: committee, activities: writer.activities)
    }

    /// The random walk: each stage advances with a chance that grows with the win chance, in a few days; a deal
    /// that fails drags on in its stage for two to five weeks and is then lost; one that reaches Negotiation
    /// mostly wins within two weeks.
    func randomPath(winChance: Double, zone tz: TimeZone, rng: inout SplitMix64) -> Path {
        let now = clock.now
        let createdAt = min(
            clock.officeTime(day: -rng.int(1...180), zone: tz, rng: &rng),
            now.addingTimeInterval(-Double(rng.int(2...72)) * 3600))
        var path = Path(history: [StageChange(stage: "Prospecting", enteredAt: createdAt)])
        var t = createdAt
        let steps: [(stage: String, advance: Double, days: ClosedRange<Int>)] = [
            ("Qualified", 0.85, 2...8), ("Proposal", 0.82, 3...12), ("Negotiation", 0.8, 3...10),
        ]
        var failed = false
        for step in steps {
            let next = clock.after(t, days: rng.int(step.days), zone: tz, rng: &rng)
            if next > now { break }
            if !rng.chance(step.advance + (winChance - 0.5) / 2) {
                failed = true
                break
            }
            t = next
            path.history.append(StageChange(stage: step.stage, enteredAt: next))
        }
        let reachedNegotiation = path.history.count == 4
        guard failed || reachedNegotiation else { return path }
        let won = reachedNegotiation && rng.chance(min(0.95, winChance + 0.25))
        let close =
            won
            ? clock.after(t, days: rng.int(2...12), zone: tz, rng: &rng)
            : clock.after(t, days: rng.int(14...32), zone: tz, rng: &rng)
        if !won {
            path.failedAt = clock.after(t, days: rng.int(1...4), zone: tz, rng: &rng)
            // Two in five failing deals go quiet soon after; the rest get chased until they are closed.
            if rng.chance(0.4) { path.quietAfter = path.failedAt }
        }
        if close <= now {
            path.outcome = won ? .won : .lost
            path.closedAt = close
            path.history.append(StageChange(stage: won ? "Won" : "Lost", enteredAt: close))
        }
        return path
    }

    /// The fixed shape of a planted story (days relative to today; all in the past).
    func plantedPath(_ plot: DemoOpportunityStory, zone tz: TimeZone, rng: inout SplitMix64) -> Path {
        let now = clock.now
        func day(_ offset: Int) -> Date { clock.officeTime(day: offset, zone: tz, rng: &rng) }
        func walk(created: Int, gaps: [Int], stages: [String]) -> [StageChange] {
            var offset = created
            var history = [StageChange(stage: "Prospecting", enteredAt: day(offset))]
            for (gap, stage) in zip(gaps, stages) {
                offset += gap
                history.append(StageChange(stage: stage, enteredAt: day(offset)))
            }
            return history
        }
        switch plot {
        case .newInbound:
            let created = now.addingTimeInterval(-Double(rng.int(3...20)) * 3600)
            return Path(history: [StageChange(stage: "Prospecting", enteredAt: created)])
        case .stuck:
            let created = -rng.int(75...95)
            let stages = rng.chance(0.5) ? ["Qualified", "Proposal"] : ["Qualified", "Proposal", "Negotiation"]
            let history = walk(
                created: created, gaps: [rng.int(4...8), rng.int(6...12), rng.int(5...9)], stages: stages)
            let quiet = clock.after(history[history.count - 1].enteredAt, days: rng.int(8...12), zone: tz, rng: &rng)
            return Path(history: history, quietAfter: min(quiet, day(-rng.int(18...24))))
        case .goneDark:
            let created = -rng.int(20...26)
            return Path(
                history: walk(created: created, gaps: [], stages: []), quietAfter: day(created + rng.int(2...4)))
        case .closingSoon:
            return Path(history: walk(created: -rng.int(40...55), gaps: [rng.int(5...9)], stages: ["Qualified"]))
        case .weakNewDeal:
            return Path(history: walk(created: -rng.int(1...6), gaps: [], stages: []))
        case .weakHistory:
            let created = -rng.int(70...200)
            var history = walk(created: created, gaps: [rng.int(4...8)], stages: ["Qualified"])
            history.append(StageChange(stage: "Lost", enteredAt: day(created + rng.int(30...45))))
            return Path(history: history, outcome: .lost, failedAt: history[1].enteredAt)
        case .healthcareSlump(let recent, let won):
            let close = recent ? -rng.int(1...29) : -rng.int(31...59)
            if won {
                let gaps = [rng.int(3...7), rng.int(5...10), rng.int(4...8)]
                var history = walk(
                    created: close - gaps.reduce(0, +) - rng.int(3...8), gaps: gaps,
                    stages: ["Qualified", "Proposal", "Negotiation"])
                history.append(StageChange(stage: "Won", enteredAt: day(close)))
                return Path(history: history, outcome: .won)
            }
            let drag = rng.int(18...30)
            var history = walk(
                created: close - drag - rng.int(8...16), gaps: [rng.int(3...6), rng.int(4...8)],
                stages: ["Qualified", "Proposal"])
            history.append(StageChange(stage: "Lost", enteredAt: day(close)))
            return Path(history: history, outcome: .lost, failedAt: history[2].enteredAt)
        case .retailWin:
            let close = -rng.int(1...6)
            let gaps = [rng.int(3...7), rng.int(4...9), rng.int(3...7)]
            var history = walk(
                created: close - gaps.reduce(0, +) - rng.int(3...8), gaps: gaps,
                stages: ["Qualified", "Proposal", "Negotiation"])
            history.append(StageChange(stage: "Won", enteredAt: day(close)))
            return Path(history: history, outcome: .won)
        case .signal(let signal):
            let stages = ["Qualified", "Proposal", "Negotiation"]
            let reached = stages.prefix { $0 != DemoDealText.stage(of: signal) } + [DemoDealText.stage(of: signal)]
            let gaps = reached.map { _ in rng.int(4...8) }
            let entered = -rng.int(3...8)
            return Path(
                history: walk(
                    created: entered - gaps.reduce(0, +), gaps: gaps, stages: Array(reached)))
        case .ordinary, .singleThreaded:
            return randomPath(winChance: 0.5, zone: tz, rng: &rng)
        }
    }

    /// The buyer's people on a deal: two or three at a small business, up to seven at an enterprise, the champion
    /// (the first contact) first, the other roles in the order they usually join.
    func committee(
        id: Deal.ID, company: String, champion: String, segment: String, rng: inout SplitMix64
    ) -> [Contact] {
        let size =
            segment == "Enterprise" ? rng.int(4...7) : segment == "Mid-Market" ? rng.int(3...5) : rng.int(2...3)
        var names: Set<String> = [champion]
        var contacts: [Contact] = []
        for (c, role) in Self.committeeRoles.prefix(size).enumerated() {
            var name = champion
            if c > 0 {
                repeat { name = DemoNames.person(&rng).name } while names.contains(name)
                names.insert(name)
            }
            contacts.append(
                Contact(
                    id: Contact.ID(id.rawValue + "-c" + String(c + 1)), tenant: parameters.tenant, name: name,
                    email: DemoNames.email(name, at: company),
                    title: rng.pick(DemoDealText.titles[role] ?? ["Manager"]),
                    role: role))
        }
        return contacts
    }
}
