import Foundation

/// Simulates customer accounts: firmographics, stakeholders, subscriptions and 90 days of engagement,
/// where some accounts decline, some expand and some churn.
struct DemoAccountGenerator: Sendable {
    let parameters: DemoParameters
    let clock: DemoClock
    let roster: DemoRoster

    static let plans: [(name: String, seatCents: Int64)] = [
        ("Basic", 30_000), ("Pro", 60_000), ("Enterprise", 110_000),
    ]
    static let features = [
        "reports", "dashboards", "alerts", "exports", "api", "integrations", "forecasting", "playbooks", "sso",
        "mobile",
    ]
    static let documents = [
        "Onboarding guide", "Q3 business review", "Pricing sheet", "Security whitepaper",
        "Release notes", "Admin handbook",
    ]
    static let roles: [StakeholderRole] = [.champion, .economicBuyer, .user, .technical, .decisionMaker, .user]
    static let titles: [StakeholderRole: String] = [
        .champion: "Head of Operations", .economicBuyer: "CFO", .user: "Analyst", .technical: "IT Manager",
        .decisionMaker: "COO",
    ]

    /// A situation planted on a few accounts (every 50th from a fixed offset) so the churn and expansion rules have
    /// something true to say in every run of at least 40 accounts.
    enum Plant {
        /// An integration breaks this week: usage errors jump from a trickle to about one use in eight.
        case errorSpike
        /// An outage this week: several urgent tickets in a few days.
        case ticketSpike
        /// A small team that uses every seat it has.
        case fullSeats
        /// A rollout to a new department this week: engagement triples.
        case surge
        /// A happy customer who rated its last support tickets 5 of 5.
        case delighted
    }

    static func plant(_ index: Int, count: Int) -> Plant? {
        guard count >= 40 else { return nil }
        switch index % 50 {
        case 11: return .errorSpike
        case 23: return .ticketSpike
        case 37: return .fullSeats
        case 5: return .surge
        case 44: return .delighted
        default: return nil
        }
    }

    /// The account id of account `index` (0-based).
    static func accountID(_ index: Int) -> Account.ID { Account.ID("acct-" + DemoNames.pad(index + 1, 5)) }

    func account(_ index: Int) -> DemoAccount {
        var rng = SplitMix64(seed: parameters.seed, domain: 30, index: UInt64(index))
        let tenant = parameters.tenant
        let now = clock.now
        let id = Self.accountID(index)
        let csm = roster.csms[rng.index(roster.csms.count)]
        let csmEmail = csm.email ?? csm.id.rawValue
        let tz = DemoRoster.timeZone(of: csm)
        let name = DemoNames.company(&rng)
        let roll = rng.unit()
        let plant = Self.plant(index, count: parameters.accounts)
        var profile: DemoAccountProfile =
            roll < 0.08 ? .churned : roll < 0.18 ? .declining : roll < 0.26 ? .expanding : .stable
        switch plant {
        case .errorSpike, .ticketSpike, .delighted:
            if profile == .churned || profile == .declining { profile = .stable }
        case .fullSeats, .surge: profile = .expanding
        case nil: break
        }
        var segment = rng.pick(DemoLeadGenerator.segments, weights: [50, 35, 15])
        if plant == .errorSpike, segment == "SMB" { segment = "Mid-Market" }
        let planIndex = segment == "Enterprise" ? 2 : segment == "Mid-Market" ? rng.int(1...2) : rng.int(0...1)
        let plan = Self.plans[planIndex]
        var seats =
            segment == "Enterprise" ? rng.int(150...800) : segment == "Mid-Market" ? rng.int(30...150) : rng.int(5...30)
        if plant == .fullSeats { seats = 8 + index % 3 }
        let arr = Int64(seats) * plan.seatCents * 12
        let createdAt = clock.officeTime(day: -rng.int(120...1200), zone: tz, rng: &rng)
        let renewal = clock.officeTime(day: rng.int(5...365), zone: tz, rng: &rng)
        let consent = rng.chance(0.95) || plant != nil
        let churnAt: Date? =
            profile == .churned ? clock.officeTime(day: -rng.int(5...60), zone: tz, rng: &rng) : nil
        let industry = rng.pick(DemoLeadGenerator.industries)
        let employees = seats * rng.int(2...6)

        let account = Account(
            id: id, tenant: tenant, name: name, industry: industry, segment: segment,
            region: rng.pick(["EMEA", "North America", "APAC", "LATAM"], weights: [40, 40, 15, 5]),
            country: rng.pick(["GB", "US", "DE", "FR", "NL", "CA", "AU", "JP", "BR"]), arrCents: arr, plan: plan.name,
            seats: seats, renewalDate: renewal, trackingConsent: consent, owner: csm.id, createdAt: createdAt,
            employees: employees, annualRevenueCents: Int64(employees) * Int64(rng.int(80...250)) * 100_000,
            churned: profile == .churned)

        var contacts: [Contact] = []
        for c in 0..<rng.int(2...5) {
            let person = rng.pick(DemoNames.first) + " " + rng.pick(DemoNames.last)
            let role = Self.roles[c]
            contacts.append(
                Contact(
                    id: Contact.ID(id.rawValue + "-c" + String(c + 1)), tenant: tenant, account: id, name: person,
                    email: DemoNames.email(person, at: name), title: Self.titles[role], role: role))
        }
        // A small team that uses every seat: every user is a tracked contact.
        while plant == .fullSeats, contacts.count < seats {
            let person = rng.pick(DemoNames.first) + " " + rng.pick(DemoNames.last) + " " + String(contacts.count + 1)
            contacts.append(
                Contact(
                    id: Contact.ID(id.rawValue + "-c" + String(contacts.count + 1)), tenant: tenant, account: id,
                    name: person, email: DemoNames.email(person, at: name), title: "Analyst", role: .user))
        }

        var subscriptions = [
            Subscription(
                id: Subscription.ID(id.rawValue + "-s1"), tenant: tenant, account: id, startDate: createdAt,
                endDate: churnAt, plan: plan.name, seats: seats, mrrCents: arr / 12, arrCents: arr,
                churned: profile == .churned, billingFrequency: rng.chance(0.6) ? "annual" : "monthly",
                autoRenew: profile != .declining)
        ]
        if profile == .expanding {
            let upgradeAt = clock.officeTime(day: -rng.int(3...40), zone: tz, rng: &rng)
            let more = seats + max(2, seats * rng.int(15...50) / 100)
            let nextPlan = Self.plans[min(2, planIndex + (rng.chance(0.4) ? 1 : 0))]
            subscriptions[0].endDate = upgradeAt
            subscriptions.append(
                Subscription(
                    id: Subscription.ID(id.rawValue + "-s2"), tenant: tenant, account: id, startDate: upgradeAt,
                    plan: nextPlan.name, seats: more, mrrCents: Int64(more) * nextPlan.seatCents,
                    arrCents: Int64(more) * nextPlan.seatCents * 12, upgraded: true,
                    billingFrequency: subscriptions[0].billingFrequency))
        }

        // Engagement: daily events over the last 90 days, shaped by the profile.
        var engagement: [EngagementEvent] = []
        let base = segment == "Enterprise" ? 4 : segment == "Mid-Market" ? 2.5 : 1
        var featureUses = 0
        let churnDay = churnAt.map { clock.dayOffset(of: $0) }
        if consent {
            for day in -90 ... -1 {
                if let churnDay, day >= churnDay { break }
                let age = Double(day + 90) / 90  // 0 at the start of the window, 1 today
                var rate = base
                var breadth = 6
                switch profile {
                case .stable: break
                case .declining:
                    let fall = max(0, Double(day + 45) / 45)
                    rate *= 1 - 0.85 * fall
                    breadth = 6 - Int(4 * fall)
                case .expanding:
                    rate *= 1 + 2 * age
                    if plant == .surge, day >= -7 { rate *= 3 }
                    breadth = 5 + Int(5 * age)
                case .churned:
                    let left = Double(day + 90) / Double(max(1, (churnDay ?? 0) + 90))
                    rate *= 1 - 0.8 * left
                    breadth = 5 - Int(3 * left)
                }
                let dayStart = clock.today + Int64(day) * Days.seconds
                if DemoClock.weekday(ofDayStart: dayStart) >= 5 { rate *= 0.15 }
                // A team's use varies by a quarter from day to day around its rate (not by chance alone: a
                // stable customer must not look like it surged or collapsed from one month to the next).
                let count = Int((rate * (0.75 + 0.5 * rng.unit())).rounded())
                for _ in 0..<count {
                    let time = clock.officeTime(day: day, zone: tz, rng: &rng)
                    guard time < now else { continue }
                    let contact = rng.pick(contacts).id
                    let kind = rng.pick(
                        EngagementKind.allCases, weights: [30, 12, 3, 45, 10])
                    let eventID = EngagementEvent.ID(id.rawValue + "-e" + DemoNames.pad(engagement.count + 1, 5))
                    var event = EngagementEvent(
                        id: eventID, tenant: tenant, account: id, contact: contact, kind: kind, occurredAt: time,
                        subscription: subscriptions[subscriptions.count - 1].id)
                    switch kind {
                    case .featureUsed:
                        event.feature = Self.features[rng.index(max(1, min(Self.features.count, breadth)))]
                        event.sessionSeconds = rng.int(30...900)
                        // The planted integration failure: one use in 25 errs for a month, one in 5 this week.
                        featureUses += 1
                        if plant == .errorSpike, day >= -37, featureUses % (day >= -7 ? 5 : 25) == 0 {
                            event.errorCount = 1
                        }
                    case .documentViewed, .documentDownloaded:
                        event.document = rng.pick(Self.documents)
                    case .session:
                        event.sessionSeconds = rng.int(120...3600)
                    case .portalLogin:
                        event.sessionSeconds = rng.int(60...1800)
                    }
                    engagement.append(event)
                }
            }
        }

        // Support tickets: a trickle for everyone, a spike for declining and churning customers.
        var tickets: [SupportTicket] = []
        func ticket(day: Int, priority: TicketPriority, unhappy: Bool) {
            let opened = clock.officeTime(day: day, zone: tz, rng: &rng)
            guard opened < now else { return }
            let hours = unhappy ? Double(rng.int(8...120)) : Double(rng.int(1...48))
            let closed = opened.addingTimeInterval(hours * 3600)
            let isClosed = closed <= now && !(unhappy && rng.chance(0.4))
            tickets.append(
                SupportTicket(
                    id: SupportTicket.ID(id.rawValue + "-t" + DemoNames.pad(tickets.count + 1, 3)), tenant: tenant,
                    account: id, openedAt: opened, closedAt: isClosed ? closed : nil, priority: priority,
                    subject: rng.pick(DemoText.ticketSubjects),
                    firstResponseMinutes: unhappy ? rng.int(60...600) : rng.int(5...120),
                    resolutionHours: isClosed ? hours : nil,
                    satisfaction: isClosed
                        ? (unhappy ? rng.int(1...3) : rng.pick([3, 4, 5], weights: [25, 65, 10])) : nil,
                    escalated: unhappy && rng.chance(0.3)))
        }
        for _ in 0..<rng.binomial(trials: 6, p: 0.4) {
            ticket(
                day: -rng.int(1...90), priority: rng.pick([.low, .medium, .high], weights: [4, 5, 1]), unhappy: false)
        }
        if profile == .declining || profile == .churned {
            let spikeEnd = churnDay ?? 0
            for _ in 0..<rng.int(3...8) {
                ticket(
                    day: spikeEnd - rng.int(1...25),
                    priority: rng.pick([.medium, .high, .urgent], weights: [3, 4, 2]),
                    unhappy: true)
            }
        }
        if plant == .ticketSpike {
            for _ in 0..<rng.int(4...6) {
                ticket(day: -rng.int(1...6), priority: rng.pick([.high, .urgent]), unhappy: true)
            }
        }
        if plant == .delighted || (profile == .expanding && rng.chance(0.15)) {
            for _ in 0..<2 {
                let before = tickets.count
                ticket(day: -rng.int(10...80), priority: .low, unhappy: false)
                guard tickets.count > before, let last = tickets.indices.last else { continue }
                tickets[last].satisfaction = 5
                tickets[last].closedAt = tickets[last].openedAt.addingTimeInterval(7200)
                tickets[last].resolutionHours = 2
            }
        }
        tickets.sort { $0.openedAt < $1.openedAt }

        var churn: ChurnEvent?
        if let churnAt {
            churn = ChurnEvent(
                id: ChurnEvent.ID(id.rawValue + "-churn"), tenant: tenant, account: id, churnedAt: churnAt,
                reason: rng.pick(DemoText.churnReasons), refundCents: rng.chance(0.2) ? arr / 24 : nil,
                precedingDowngrade: rng.chance(0.3), feedback: rng.pick(DemoText.churnFeedback))
        }

        // Customer-success e-mails: declining accounts stop answering, expanding ones ask for more.
        var activities: [Activity] = []
        let champion = contacts[0]
        let first = champion.name.prefix { $0 != " " }.description
        func log(_ kind: ActivityKind, day: Int, subject: String, body: String, from: String, to: String) {
            let time = clock.officeTime(day: day, zone: tz, rng: &rng)
            guard time < now else { return }
            activities.append(
                Activity(
                    id: Activity.ID(id.rawValue + "-a" + DemoNames.pad(activities.count + 1, 2)), tenant: tenant,
                    kind: kind, account: id, rep: csm.id, contact: champion.id, occurredAt: time,
                    completedAt: kind == .meeting ? time.addingTimeInterval(1800) : nil, subject: subject, body: body,
                    participants: [from, to], durationSeconds: kind == .meeting ? 1800 : nil))
        }
        let championEmail = champion.email ?? champion.id.rawValue
        switch profile {
        case .declining, .churned:
            // They used to answer (a review two to three months ago), then check-ins go unanswered.
            let end = churnDay ?? 0
            log(
                .emailIn, day: end - rng.int(45...80), subject: "Re: Quarterly business review",
                body: DemoText.csReplies[1], from: championEmail, to: csmEmail)
            for k in 0..<rng.int(2...4) {
                log(
                    .emailOut, day: end - 18 + k * 5 + rng.int(0...1), subject: "Checking in",
                    body: DemoText.fill(rng.pick(DemoText.csCheckIns), first: first, company: name), from: csmEmail,
                    to: championEmail)
            }
        case .expanding, .stable:
            let day = -rng.int(5...60)
            log(
                .emailOut, day: day, subject: "Quarterly business review",
                body: DemoText.fill(DemoText.csCheckIns[0], first: first, company: name), from: csmEmail,
                to: championEmail)
            if rng.chance(0.8) {
                let body = profile == .expanding ? rng.pick(DemoText.csReplies) : DemoText.csReplies[1]
                log(
                    .emailIn, day: day + 1, subject: "Re: Quarterly business review", body: body, from: championEmail,
                    to: csmEmail)
            }
            if rng.chance(0.5) {
                log(
                    .meeting, day: day + rng.int(3...10), subject: "Quarterly business review",
                    body: "QBR with \(name).", from: csmEmail, to: championEmail)
            }
        }
        return DemoAccount(
            profile: profile, account: account, contacts: contacts, subscriptions: subscriptions,
            engagement: engagement, tickets: tickets, churn: churn, activities: activities)
    }
}
