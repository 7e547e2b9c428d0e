import Foundation

/// One main BDR lead with its partner sublist and every activity logged on them.
struct DemoLeadBundle: Sendable {
    var deals: [Deal]
    var activities: [Activity]
}

/// Simulates BDR leads through the crm-reporting-spec.md §2 pipeline, one lead at a time from its own random stream.
///
/// A lead is booked, its discovery call happens (80%), it becomes a soft-yes proposal (45%), a hard-yes agreement
/// with a partner-list due date (55%), its list goes out (70%, often late), and the list sells (35%) or closes as
/// not sold / free Q&A. Each lead brings its partner list (3–20 partners) as sublist items (`Deal.parent`).
///
/// Three leads in four had their discovery call in the last 90 days, more of them lately (the team is growing);
/// the rest are booked ahead, mostly for the next week or two, some up to 30 days out. BDRs with more drive take
/// more leads and make more cold calls.
struct DemoLeadGenerator: Sendable {
    let parameters: DemoParameters
    let clock: DemoClock
    let roster: DemoRoster

    static let leadSources = ["Outbound", "Lead Gen", "Referral", "Event", "Inbound"]
    static let leadSourceWeights: [Double] = [40, 25, 15, 10, 10]
    static let industries = ["Education", "Healthcare", "Manufacturing", "Retail", "Technology", "Finance", "Media"]
    static let segments = ["SMB", "Mid-Market", "Enterprise"]

    /// Conversion probabilities between consecutive stages.
    enum Rate {
        static let conducted = 0.80
        static let proposal = 0.45
        static let agreement = 0.55
        static let listSent = 0.70
        static let sold = 0.35
    }

    /// Day of a lead's discovery call relative to today: 75% in the last 90 days with a density rising from 0.6 to
    /// 1.4 (inverse CDF of 0.6x + 0.4x²), else ahead: 70% in the next 7 days, 20% in days 7–13, 10% in days 14–29.
    static func callDay(_ rng: inout SplitMix64) -> Int {
        if rng.chance(0.75) {
            let x = (-0.6 + (0.36 + 1.6 * rng.unit()).squareRoot()) / 0.8
            return min(-1, -90 + Int(x * 90))
        }
        let u = rng.unit()
        return u < 0.7 ? rng.int(0...6) : u < 0.9 ? rng.int(7...13) : rng.int(14...29)
    }

    /// The first calls of the BDR who joined this week (`DemoRoster.newBDR`): two short cold calls yesterday.
    func newStarterCalls() -> [Activity] {
        var rng = SplitMix64(seed: parameters.seed, domain: 11, index: 0)
        let rep = roster.newBDR
        let tz = DemoRoster.timeZone(of: rep)
        return (1...2).map { n in
            let at = clock.officeTime(day: -1, zone: tz, rng: &rng)
            let prospect = DemoNames.company(&rng)
            let (who, first) = DemoNames.person(&rng)
            let duration = rng.int(2...5) * 60
            return Activity(
                id: Activity.ID(rep.id.rawValue + "-call-" + String(n)), tenant: parameters.tenant,
                kind: .callConducted,
                rep: rep.id, occurredAt: at, scheduledAt: at, completedAt: at.addingTimeInterval(Double(duration)),
                subject: "Cold call: \(prospect)",
                body: DemoText.fill(DemoText.coldCallNotes[n], first: first, company: prospect),
                participants: [rep.email ?? rep.id.rawValue, DemoNames.email(who, at: prospect)],
                durationSeconds: duration)
        }
    }

    /// The deal id of lead `index` (0-based).
    static func leadID(_ index: Int) -> Deal.ID { Deal.ID("lead-" + DemoNames.pad(index + 1, 6)) }

    func lead(_ index: Int) -> DemoLeadBundle {
        var rng = SplitMix64(seed: parameters.seed, domain: 10, index: UInt64(index))
        let tenant = parameters.tenant
        let now = clock.now
        let (bdr, drive) = roster.pickBDR(&rng)
        let tz = DemoRoster.timeZone(of: bdr)
        let company = DemoNames.company(&rng)
        let (person, first) = DemoNames.person(&rng)
        let email = DemoNames.email(person, at: company)
        let bdrEmail = bdr.email ?? bdr.id.rawValue
        let competitor = rng.pick(DemoText.competitors)
        let id = Self.leadID(index)
        let u = rng.unit()
        let size = 3 + min(17, Int((u * u + u * u.squareRoot()) / 2 * 18))
        let price = Int64(rng.int(15...60)) * 10_000
        let industry = rng.pick(Self.industries)
        let segment = rng.pick(Self.segments, weights: [55, 35, 10])
        let leadSource = rng.pick(Self.leadSources, weights: Self.leadSourceWeights)
        let region = DemoRoster.zones.first { $0.name == bdr.timeZone }?.region

        var activities: [Activity] = []
        func log(
            _ kind: ActivityKind, at time: Date, deal: Deal.ID? = id, scheduled: Date? = nil,
            completed: Date? = nil, subject: String? = nil, body: String? = nil, with participants: [String],
            duration: Int? = nil
        ) {
            let activityID = Activity.ID((deal ?? id).rawValue + "-a" + DemoNames.pad(activities.count + 1, 2))
            activities.append(
                Activity(
                    id: activityID, tenant: tenant, kind: kind, deal: deal, rep: bdr.id, occurredAt: time,
                    scheduledAt: scheduled, completedAt: completed, subject: subject, body: body,
                    participants: participants, durationSeconds: duration))
        }
        func text(_ options: [String]) -> String {
            DemoText.fill(rng.pick(options), first: first, company: company, size: size, competitor: competitor)
        }

        // Dates of the main funnel.
        let callDay = Self.callDay(&rng)
        let callDate = clock.officeTime(day: callDay, zone: tz, rng: &rng)
        var bookedAt = clock.officeTime(day: callDay - rng.int(2...14), zone: tz, rng: &rng)
        if bookedAt >= now { bookedAt = clock.officeTime(day: -rng.int(1...3), zone: tz, rng: &rng) }
        bookedAt = min(bookedAt, callDate.addingTimeInterval(-3600))
        let createdCandidate = clock.officeTime(
            day: clock.dayOffset(of: bookedAt) - rng.int(0...10), zone: tz, rng: &rng)
        let createdAt = min(createdCandidate, bookedAt.addingTimeInterval(-1800))
        var history = [
            StageChange(stage: "LEAD", enteredAt: createdAt), StageChange(stage: "CALL_BOOKED", enteredAt: bookedAt),
        ]

        let conducted = callDate <= now && rng.chance(Rate.conducted)
        if conducted { history.append(StageChange(stage: "CALL_CONDUCTED", enteredAt: callDate)) }
        var proposalAt: Date?
        if conducted, rng.chance(Rate.proposal) {
            let t = clock.after(callDate, days: rng.int(1...7), zone: tz, rng: &rng)
            if t <= now {
                proposalAt = t
                history.append(StageChange(stage: "PROPOSAL_SOFT_YES", enteredAt: t))
            }
        }
        var agreementAt: Date?
        if let proposalAt, rng.chance(Rate.agreement) {
            let t = clock.after(proposalAt, days: rng.int(3...21), zone: tz, rng: &rng)
            if t <= now {
                agreementAt = t
                history.append(StageChange(stage: "AGREEMENT_HARD_YES", enteredAt: t))
            }
        }
        var dueDate: Date?
        var sentAt: Date?
        if let agreementAt {
            let due = clock.after(agreementAt, days: rng.int(7...21), zone: tz, rng: &rng)
            dueDate = due
            if rng.chance(Rate.listSent) {
                let candidate = clock.officeTime(
                    day: clock.dayOffset(of: due) + rng.int(-3...9), zone: tz, rng: &rng)
                let t = max(candidate, agreementAt.addingTimeInterval(86_400))
                if t <= now { sentAt = t }
            }
        }
        var sales: [Date] = []
        var closedAt: Date?
        var outcome: DealOutcome?
        var lossReason: String?
        var partnerCloseAt: Date?
        if let sentAt {
            history.append(StageChange(stage: "PARTNER_LIST_SENT", enteredAt: sentAt))
            if rng.chance(Rate.sold) {
                let count = 1 + rng.int(0...min(3, size - 1))
                var t = clock.after(sentAt, days: rng.int(3...25), zone: tz, rng: &rng)
                for _ in 0..<count {
                    if t <= now { sales.append(t) }
                    t = clock.after(t, days: rng.int(2...12), zone: tz, rng: &rng)
                }
                if let firstSale = sales.first {
                    history.append(StageChange(stage: "SOLD", enteredAt: firstSale))
                    closedAt = firstSale
                    outcome = .won
                }
                let close = clock.after(sentAt, days: rng.int(25...35), zone: tz, rng: &rng)
                if close <= now { partnerCloseAt = close }
            } else {
                let t = clock.after(sentAt, days: rng.int(18...30), zone: tz, rng: &rng)
                if t <= now {
                    let freeQA = rng.chance(0.3)
                    history.append(StageChange(stage: freeQA ? "FREE_QA_OFFERED" : "LIST_OUT_NOT_SOLD", enteredAt: t))
                    closedAt = t
                    outcome = .lost
                    lossReason = freeQA ? "Offered a free Q&A session instead" : "No partner purchases from the list"
                    partnerCloseAt = t
                }
            }
        }

        // Activities on the main lead.
        let prospecting = rng.int(1...3)
        let lead = bookedAt.timeIntervalSince(createdAt)
        for i in 0..<prospecting {
            let t = createdAt.addingTimeInterval(lead * Double(i) / Double(prospecting + 1))
            log(
                .emailOut, at: t, subject: text(DemoText.prospectingSubjects), body: text(DemoText.prospectingBodies),
                with: [bdrEmail, email])
        }
        if rng.chance(0.6) {
            log(
                .emailIn, at: bookedAt.addingTimeInterval(-1200), subject: "Re: " + text(DemoText.prospectingSubjects),
                body: text(DemoText.replyBookings), with: [email, bdrEmail])
        }
        if rng.chance(0.7) {
            let duration = rng.int(3...8) * 60
            let start = bookedAt.addingTimeInterval(-Double(duration + 300))
            log(
                .callConducted, at: start, scheduled: start, completed: start.addingTimeInterval(Double(duration)),
                subject: "Prospecting call", body: "Connected with \(first); booked a discovery call.",
                with: [bdrEmail, email], duration: duration)
        }
        log(
            .callBooked, at: bookedAt, scheduled: callDate, subject: "Discovery call with \(company)",
            with: [bdrEmail, email])
        if callDate <= now {
            if conducted {
                let duration = rng.int(15...45) * 60
                let end = callDate.addingTimeInterval(Double(duration))
                log(
                    .callConducted, at: callDate, scheduled: callDate, completed: end,
                    subject: "Discovery call with \(company)", body: text(DemoText.callNotes), with: [bdrEmail, email],
                    duration: duration)
                if rng.chance(0.5) {
                    log(.note, at: end.addingTimeInterval(600), body: text(DemoText.callNotes), with: [bdrEmail])
                }
            } else {
                log(
                    .emailOut, at: callDate.addingTimeInterval(1800), subject: text(DemoText.noShowSubjects),
                    body: "Hi \(first), sorry we missed each other today. Would another time this week work?",
                    with: [bdrEmail, email])
            }
        }
        if conducted, proposalAt == nil {
            var t = callDate
            for _ in 0..<rng.int(1...2) {
                t = clock.after(t, days: rng.int(1...6), zone: tz, rng: &rng)
                guard t <= now else { break }
                log(
                    .emailOut, at: t, subject: text(DemoText.followUpSubjects), body: text(DemoText.followUpBodies),
                    with: [bdrEmail, email])
            }
            let reply = clock.after(t, days: rng.int(1...4), zone: tz, rng: &rng)
            if rng.chance(0.4), reply <= now {
                log(.emailIn, at: reply, subject: "Re: Next steps", body: text(DemoText.objections), with: [email])
            }
        }
        if let proposalAt {
            let end = agreementAt ?? now
            log(
                .emailOut, at: proposalAt, subject: text(DemoText.proposalSubjects),
                body: text(DemoText.proposalBodies), with: [bdrEmail, email])
            let demoAt = clock.after(proposalAt, days: rng.int(1...4), zone: tz, rng: &rng)
            if rng.chance(0.4), demoAt < end {
                log(
                    .demo, at: demoAt, scheduled: demoAt, completed: demoAt.addingTimeInterval(2700),
                    subject: "Platform demo for \(company)", with: [bdrEmail, email], duration: 2700)
            }
            var t = proposalAt
            for _ in 0..<rng.int(1...2) {
                t = clock.after(t, days: rng.int(2...6), zone: tz, rng: &rng)
                guard t < end else { break }
                let duration = rng.int(10...30) * 60
                log(
                    .callConducted, at: t, scheduled: t, completed: t.addingTimeInterval(Double(duration)),
                    subject: "Proposal follow-up call", body: text(DemoText.callNotes), with: [bdrEmail, email],
                    duration: duration)
            }
            let objectionAt = clock.after(proposalAt, days: rng.int(1...5), zone: tz, rng: &rng)
            if rng.chance(0.6), objectionAt < end {
                log(
                    .emailIn, at: objectionAt, subject: "Re: " + text(DemoText.proposalSubjects),
                    body: text(DemoText.objections), with: [email, bdrEmail])
            }
            if agreementAt == nil, rng.chance(0.5) {
                let next = clock.officeTime(day: rng.int(1...10), zone: tz, rng: &rng)
                log(
                    .callBooked, at: clock.officeTime(day: -rng.int(1...3), zone: tz, rng: &rng),
                    scheduled: next,
                    subject: "Proposal decision call with \(company)", with: [bdrEmail, email])
            }
        }
        if let agreementAt {
            log(
                .emailIn, at: agreementAt.addingTimeInterval(-7200), subject: "Re: " + text(DemoText.proposalSubjects),
                body: text(DemoText.agreementBodies), with: [email, bdrEmail])
            let kickoff = clock.after(agreementAt, days: rng.int(1...3), zone: tz, rng: &rng)
            if kickoff <= now {
                log(
                    .meeting, at: kickoff, scheduled: kickoff, completed: kickoff.addingTimeInterval(1800),
                    subject: "Kick-off: partner list for \(company)", with: [bdrEmail, email], duration: 1800)
            }
            log(
                .note, at: agreementAt.addingTimeInterval(600),
                body: "Hard yes. Partner list of \(size) agreed, due \(DemoClock.isoDay(dueDate ?? agreementAt)).",
                with: [bdrEmail])
        }
        if let dueDate, sentAt == nil, dueDate < now {
            let t = clock.after(dueDate, days: rng.int(1...3), zone: tz, rng: &rng)
            if t <= now {
                log(
                    .emailIn, at: t, subject: "Re: Partner list", body: text(DemoText.overdueBodies),
                    with: [email, bdrEmail])
            }
        }
        if let sentAt {
            log(
                .emailOut, at: sentAt, subject: text(DemoText.listOutSubjects),
                body: "Partner list email sent to \(size) partners of \(company).", with: [bdrEmail, email])
        }
        if let firstSale = sales.first {
            log(.note, at: firstSale.addingTimeInterval(900), body: text(DemoText.saleNotes), with: [bdrEmail])
        }

        // Cold calls to other prospects of the same campaign that did not become leads (no deal).
        for _ in 0..<rng.binomial(trials: Int((6 * drive).rounded()), p: 0.55) {
            let at = clock.officeTime(day: callDay - rng.int(1...30), zone: tz, rng: &rng)
            let prospect = DemoNames.company(&rng)
            let (who, whoFirst) = DemoNames.person(&rng)
            let duration = rng.int(1...6) * 60
            let note = DemoText.fill(
                rng.pick(DemoText.coldCallNotes), first: whoFirst, company: prospect,
                competitor: rng.pick(DemoText.competitors))
            guard at < now else { continue }
            log(
                .callConducted, at: at, deal: nil, scheduled: at, completed: at.addingTimeInterval(Double(duration)),
                subject: "Cold call: \(prospect)", body: note, with: [bdrEmail, DemoNames.email(who, at: prospect)],
                duration: duration)
        }

        // The partner sublist.
        var deals: [Deal] = []
        var revenue: Int64 = 0
        for j in 0..<size {
            let partnerID = Deal.ID(id.rawValue + "-p" + DemoNames.pad(j + 1, 2))
            let partner = DemoNames.company(&rng)
            let (partnerPerson, partnerFirst) = DemoNames.person(&rng)
            let partnerEmail = DemoNames.email(partnerPerson, at: partner)
            var partnerHistory = [StageChange(stage: "LEAD", enteredAt: bookedAt)]
            var partnerOutcome: DealOutcome?
            var partnerClosed: Date?
            var partnerLoss: String?
            var amount: Int64?
            var partnerSale: Date?
            if let sentAt {
                partnerHistory.append(StageChange(stage: "PARTNER_LIST_SENT", enteredAt: sentAt))
                let sendTime = sentAt.addingTimeInterval(Double(j * 20))
                log(
                    .emailOut, at: sendTime, deal: partnerID, subject: text(DemoText.listOutSubjects),
                    body: "Hi \(partnerFirst), \(company) asked us to introduce our offer.",
                    with: [bdrEmail, partnerEmail])
                if j < sales.count {
                    let saleAt = sales[j]
                    let value = price * Int64(rng.int(80...120)) / 100
                    amount = value
                    revenue += value
                    partnerSale = saleAt
                    partnerHistory.append(StageChange(stage: "SOLD", enteredAt: saleAt))
                    partnerOutcome = .won
                    partnerClosed = saleAt
                } else if let partnerCloseAt {
                    let freeQA = rng.chance(0.15)
                    partnerHistory.append(
                        StageChange(stage: freeQA ? "FREE_QA_OFFERED" : "LIST_OUT_NOT_SOLD", enteredAt: partnerCloseAt))
                    partnerOutcome = .lost
                    partnerClosed = partnerCloseAt
                    partnerLoss = freeQA ? "Offered a free Q&A session instead" : "No response to the list-out"
                }
                let replies = partnerSale != nil || rng.chance(0.3)
                let replyAt = clock.after(sendTime, days: rng.int(0...4), zone: tz, rng: &rng)
                if replies, replyAt <= now, partnerSale.map({ replyAt < $0 }) ?? true {
                    log(
                        .emailIn, at: replyAt, deal: partnerID, subject: "Re: " + text(DemoText.listOutSubjects),
                        body: partnerSale != nil ? DemoText.partnerReplies[0] : rng.pick(DemoText.partnerReplies),
                        with: [partnerEmail, bdrEmail])
                    if partnerSale != nil || rng.chance(0.4) {
                        let callAt = clock.after(replyAt, days: rng.int(1...5), zone: tz, rng: &rng)
                        log(
                            .callBooked, at: replyAt.addingTimeInterval(1800), deal: partnerID, scheduled: callAt,
                            subject: "Intro call with \(partner)", with: [bdrEmail, partnerEmail])
                        if callAt <= now, partnerSale.map({ callAt < $0 }) ?? true {
                            let duration = rng.int(10...30) * 60
                            log(
                                .callConducted, at: callAt, deal: partnerID, scheduled: callAt,
                                completed: callAt.addingTimeInterval(Double(duration)),
                                subject: "Intro call with \(partner)", body: text(DemoText.callNotes),
                                with: [bdrEmail, partnerEmail], duration: duration)
                        }
                    }
                }
                if let partnerSale {
                    log(
                        .note, at: partnerSale.addingTimeInterval(600), deal: partnerID,
                        body: text(DemoText.saleNotes), with: [bdrEmail])
                }
            }
            deals.append(
                Deal(
                    id: partnerID, tenant: tenant, name: partner, owner: bdr.id, pipeline: StageCatalogue.bdr.id,
                    stage: partnerHistory[partnerHistory.count - 1].stage, stageHistory: partnerHistory,
                    amountCents: amount, leadSource: "Partner list", product: "Partner List-Out",
                    industry: industry, region: region, segment: "SMB", createdAt: bookedAt, closedAt: partnerClosed,
                    outcome: partnerOutcome, lossReason: partnerLoss, parent: id,
                    partnerListSentDate: sentAt, firstSaleDate: partnerSale,
                    updatedAt: partnerHistory[partnerHistory.count - 1].enteredAt))
        }

        let main = Deal(
            id: id, tenant: tenant, name: company, owner: bdr.id, pipeline: StageCatalogue.bdr.id,
            stage: history[history.count - 1].stage, stageHistory: history,
            amountCents: revenue > 0 ? revenue : (agreementAt != nil ? Int64(size) * price * 35 / 100 : nil),
            leadSource: leadSource, product: "Partner List-Out", industry: industry, region: region,
            segment: segment, createdAt: createdAt,
            expectedCloseDate: dueDate.map { $0.addingTimeInterval(30 * 86_400) },
            closedAt: closedAt, outcome: outcome, lossReason: lossReason, competitor: competitor, callDate: callDate,
            agreementDate: agreementAt, partnerListDueDate: dueDate, partnerListSentDate: sentAt,
            firstSaleDate: sales.first, partnerListSize: agreementAt != nil ? size : nil,
            totalSalesFromList: sentAt != nil ? sales.count : nil,
            updatedAt: history[history.count - 1].enteredAt)
        return DemoLeadBundle(deals: [main] + deals, activities: activities)
    }
}
