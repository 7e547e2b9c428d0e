import Foundation

/// Writes the activities of one B2B opportunity along its path: the stage events (qualification meeting, demo,
/// order form), touchpoints every few days between them, and the closing messages. Committee members join as the
/// deal advances and take part from then on; a minority of buyer messages carry a buying signal or a risk.
struct DemoDealWriter {
    let id: Deal.ID
    let tenant: Tenant.ID
    let rep: Rep.ID
    let zone: TimeZone
    let clock: DemoClock
    let committee: [Contact]
    /// Only the champion ever takes part.
    let singleThreaded: Bool
    let first: String
    let company: String
    let competitor: String

    private(set) var activities: [Activity] = []
    /// Indices into `committee` of the people who have taken part so far, in joining order.
    private var engaged: [Int] = [0]

    /// Time of the latest activity written.
    var lastActivity: Date? { activities.map(\.occurredAt).max() }

    init(
        id: Deal.ID, tenant: Tenant.ID, rep: Rep.ID, zone: TimeZone, clock: DemoClock,
        committee: [Contact], singleThreaded: Bool, first: String, company: String, competitor: String
    ) {
        self.id = id
        self.tenant = tenant
        self.rep = rep
        self.zone = zone
        self.clock = clock
        self.committee = committee
        self.singleThreaded = singleThreaded
        self.first = first
        self.company = company
        self.competitor = competitor
    }

    /// Everything logged on the deal, never after `now` nor after `path.quietAfter`.
    mutating func write(
        path: DemoOpportunityGenerator.Path, product: String, plot: DemoOpportunityStory, lossReason: String?,
        inbound: Bool, rng: inout SplitMix64
    ) {
        let now = clock.now
        let end = path.closedAt ?? now
        let quiet = path.quietAfter ?? .distantFuture
        let created = path.history[0].enteredAt
        if !singleThreaded, committee.count > 1, rng.chance(0.5) { join([.economicBuyer]) }

        // First contact: an inbound request answered by the rep, or the rep's introduction. New deals this week
        // wait longer for their first answer (the team is stretched), older ones get one within a few hours.
        let isNew = now.timeIntervalSince(created) < 7 * 86_400
        let reply = created.addingTimeInterval(Double(isNew ? rng.int(10...30) : rng.int(1...6)) * 3600)
        if inbound {
            let text = plot == .newInbound ? rng.pick(DemoDealText.inboundRequests) : rng.pick(DemoDealText.neutralIn)
            log(.emailIn, at: created, subject: "Enquiry from \(company)", body: fill(text), with: [0], quiet: quiet)
            log(
                .emailOut, at: reply, subject: "Re: Enquiry from \(company)", body: fill(DemoDealText.neutralOut[2]),
                with: [0], quiet: quiet)
        } else {
            log(
                .emailOut, at: reply, subject: "\(product) for \(company)",
                body: fill(rng.pick(DemoDealText.neutralOut)),
                with: [0], quiet: quiet)
        }

        let stages = path.history.filter { $0.stage != "Won" && $0.stage != "Lost" }
        for (i, change) in stages.enumerated() {
            let next = i + 1 < stages.count ? stages[i + 1].enteredAt : end
            stageEvent(change, product: product, quiet: quiet, rng: &rng)
            // Touchpoints until the next stage (or the close, or now).
            var t = clock.after(change.enteredAt, days: rng.int(2...5), zone: zone, rng: &rng)
            while t < next.addingTimeInterval(-86_400), t <= now, t <= quiet {
                let dying = path.failedAt.map { t >= $0 } ?? false
                touchpoint(at: t, stage: change.stage, plot: plot, dying: dying, quiet: quiet, rng: &rng)
                t = clock.after(t, days: dying ? rng.int(6...11) : rng.int(4...8), zone: zone, rng: &rng)
            }
        }
        if case .signal(let signal) = plot, let entered = stages.last?.enteredAt {
            let at = max(
                entered.addingTimeInterval(3600), clock.officeTime(day: -rng.int(1...3), zone: zone, rng: &rng))
            let call = signal == .roi || signal == .technicalEvaluation
            log(
                call ? .callConducted : .emailIn, at: min(at, now.addingTimeInterval(-3600)),
                subject: call ? "Call with \(company)" : "Re: \(company) and Pulse",
                body: fill(rng.pick(DemoDealText.texts(signal))), with: call ? Array(engaged.suffix(3)) : [0],
                duration: call ? 1800 : nil, quiet: quiet)
        }
        guard let closedAt = path.closedAt, closedAt <= quiet || path.outcome == .won else { return }
        if path.outcome == .won {
            log(
                .emailIn, at: closedAt.addingTimeInterval(-7200), subject: "Signed order form",
                body: "Please find the signed order form attached. Looking forward to the kick-off.",
                with: [engaged.last ?? 0], quiet: .distantFuture)
            log(
                .note, at: closedAt.addingTimeInterval(600), subject: nil, body: "Closed won.", with: [],
                quiet: .distantFuture)
        } else {
            let body: String =
                switch plot {
                case .healthcareSlump: rng.pick(DemoDealText.freezeLosses)
                default:
                    lossReason == "Chose competitor"
                        ? "We have decided to go with \(competitor) this time. Thank you for your help."
                        : "We have decided not to go ahead this year. Thanks for your time."
                }
            log(
                .emailIn, at: closedAt.addingTimeInterval(-3600), subject: "Decision", body: body, with: [0],
                quiet: .distantFuture)
        }
    }

    /// The activity that marks entering a stage, and who joins with it.
    private mutating func stageEvent(_ change: StageChange, product: String, quiet: Date, rng: inout SplitMix64) {
        let t = change.enteredAt
        switch change.stage {
        case "Qualified":
            join([.economicBuyer])
            log(
                .meeting, at: t, subject: "Qualification meeting", body: fill(rng.pick(DemoDealText.neutralCalls)),
                with: engaged, duration: 1800, quiet: quiet)
        case "Proposal":
            join([.technical, .decisionMaker, .user])
            log(
                .demo, at: t, subject: "\(product) demo",
                body: "Demo for \(min(engaged.count, 4)) people from \(company); questions on reporting and roles.",
                with: Array(engaged.suffix(4)), duration: 3600, quiet: quiet)
            log(
                .emailOut, at: t.addingTimeInterval(86_400), subject: "Proposal for \(company)",
                body: fill(DemoDealText.neutralOut[1]), with: [0], quiet: quiet)
        case "Negotiation":
            join([.procurement, .legal])
            log(
                .emailOut, at: t, subject: "Order form and terms", body: fill(DemoDealText.neutralOut[4]),
                with: Array(engaged.suffix(3)), quiet: quiet)
        default:
            break
        }
    }

    /// A follow-up e-mail, the buyer's answer or a call. Buyers sometimes raise a signal of the stage; failing
    /// deals hear about budgets and competitors.
    private mutating func touchpoint(
        at t: Date, stage: String, plot: DemoOpportunityStory, dying: Bool, quiet: Date, rng: inout SplitMix64
    ) {
        let kind = rng.pick([ActivityKind.emailOut, .emailIn, .callConducted], weights: [40, 35, 25])
        // Now and then someone new is brought in (a colleague, a manager) on a call.
        if kind == .callConducted, !singleThreaded, rng.chance(0.12) {
            join(Array(DemoOpportunityGenerator.committeeRoles.dropFirst()), onlyOne: true)
        }
        var body: String
        if kind == .emailOut {
            body = rng.pick(DemoDealText.neutralOut)
        } else {
            var signals = dying ? [.budgetConcern, .competitor] : DemoDealText.signals(inStage: stage)
            if plot == .closingSoon { signals.removeAll { $0 == .budgetApproved } }
            if rng.chance(dying ? 0.35 : 0.22), !signals.isEmpty {
                body = rng.pick(DemoDealText.texts(rng.pick(signals, weights: DemoDealText.weights(signals))))
            } else {
                body = rng.pick(kind == .emailIn ? DemoDealText.neutralIn : DemoDealText.neutralCalls)
            }
        }
        let people: [Int] =
            kind == .callConducted ? Array(engaged.suffix(3)) : [engaged[rng.index(engaged.count)]]
        log(
            kind, at: t, subject: kind == .callConducted ? "Call with \(company)" : "Re: \(company) and Pulse",
            body: fill(body), with: people, duration: kind == .callConducted ? rng.int(15...45) * 60 : nil,
            quiet: quiet)
    }

    /// Brings in the committee members with these roles who have not taken part yet (only the first such one
    /// with `onlyOne`); nobody joins a single-threaded deal.
    private mutating func join(_ roles: [StakeholderRole], onlyOne: Bool = false) {
        guard !singleThreaded else { return }
        for role in roles {
            if let c = committee.firstIndex(where: { $0.role == role }), !engaged.contains(c) {
                engaged.append(c)
                if onlyOne { return }
            }
        }
    }

    private func fill(_ text: String) -> String {
        DemoText.fill(text, first: first, company: company, competitor: competitor)
    }

    private mutating func log(
        _ kind: ActivityKind, at time: Date, subject: String?, body: String?, with people: [Int], duration: Int? = nil,
        quiet: Date
    ) {
        guard time <= clock.now, time <= quiet else { return }
        let contacts = people.map { committee[$0] }
        let emails = contacts.map { $0.email ?? $0.id.rawValue }
        // Participants are the buyer's people; the rep is the activity's `rep`.
        let participants = kind == .note ? [] : emails
        activities.append(
            Activity(
                id: Activity.ID(id.rawValue + "-a" + DemoNames.pad(activities.count + 1, 2)), tenant: tenant,
                kind: kind, deal: id, rep: rep, contact: contacts.first?.id, occurredAt: time,
                scheduledAt: duration != nil ? time : nil,
                completedAt: duration.map { time.addingTimeInterval(Double($0)) }, subject: subject, body: body,
                participants: participants, durationSeconds: duration))
    }
}
