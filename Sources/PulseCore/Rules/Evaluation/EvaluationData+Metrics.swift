import Foundation

extension EvaluationData {
    /// Value of a catalogue metric, attribute or date for an entity at `now`; nil when unknown or not
    /// applicable (a closed deal has no SMI; an account without seats no utilisation).
    func value(_ key: CatalogueKey, _ e: EvaluationEntity, now: Date) -> FactValue? {
        switch key.entry.kind {
        case .attribute: return attribute(key, e, now: now).map(FactValue.text)
        case .date: return date(key, e).map(FactValue.date)
        default:
            guard let v = metric(key, e, now: now) else { return nil }
            if key.entry.isMoney { return .money(Int64(v.rounded())) }
            return .number(v, key.entry.unit ?? .score)
        }
    }

    /// Number behind a metric (money in cents).
    func metric(_ key: CatalogueKey, _ e: EvaluationEntity, now: Date) -> Double? {
        if let row = e.deal, e.scope == .deal { return dealMetric(key, deals[Int(row)], now: now) }
        switch key {
        case .accountHealth: return health(e, now: now)?.score
        case .accountChurnProbability: return accountRecord(e).flatMap { churnProbability($0, now: now) }
        case .accountARR: return accountRecord(e)?.arrCents.map(Double.init)
        case .accountSeats: return accountRecord(e)?.seats.map(Double.init)
        case .accountSeatUtilisation:
            guard let seats = accountRecord(e)?.seats, seats > 0 else { return nil }
            var users = Set<Contact.ID>()
            forEachEngagement(e, in: .lastDays(30, before: now)) { row in
                if let c = engagement[Int(row)].contact { users.insert(c) }
            }
            return Double(users.count) / Double(seats)
        case .accountDaysToRenewal: return accountRecord(e)?.renewalDate.map { Double(Days.between(now, $0)) }
        case .accountOpenTickets:
            guard let rows = ticketRows(e) else { return nil }
            return Double(
                rows.count { row in
                    let t = tickets[Int(row)]
                    return t.openedAt <= now && (t.closedAt.map { $0 > now } ?? true)
                })
        case .accountDaysSinceActivity:
            let latest = latestActivity(e, before: now, kinds: [])
            return (latest ?? accountRecord(e)?.createdAt).map { Double(Days.between($0, now)) }
        case .accountDaysSinceInbound:
            let latest = latestActivity(e, before: now, kinds: [.emailIn, .meeting, .callConducted, .demo])
            return (latest ?? accountRecord(e)?.createdAt).map { Double(Days.between($0, now)) }
        case .accountOpenPipeline, .repOpenPipeline, .tenantOpenPipeline: return Double(openPipeline(e))
        case .repCallsThisWeek, .teamCallsThisWeek, .tenantCallsThisWeek:
            return measure(
                .calls, kinds: [], window: TimeWindow(WindowSpec.calendar(.week, offset: 0).interval(now: now)),
                entity: e, now: now)
        case .repUpcomingCallsNextWeek, .teamUpcomingCallsNextWeek, .tenantUpcomingCallsNextWeek:
            return Double(callsBooked(e, window: TimeWindow(WindowSpec.calendar(.week, offset: 1).interval(now: now))))
        case .repBDRIndex7d: return bdrIndex(e, now: now)
        case .repAgreementsThisMonth, .tenantAgreementsThisMonth:
            return measure(
                .agreements, kinds: [], window: TimeWindow(WindowSpec.calendar(.month, offset: 0).interval(now: now)),
                entity: e, now: now)
        case .repAgreementGoalPace, .tenantAgreementGoalPace: return agreementPace(e, now: now)
        case .repPartnerListsOverdue, .teamPartnerListsOverdue, .tenantPartnerListsOverdue:
            return Double(dealRows(e).count { partnerListDaysOverdue(deals[Int($0)], now: now) != nil })
        case .tenantWonAmountQuarter:
            return measure(
                .wonAmount, kinds: [],
                window: TimeWindow(WindowSpec.calendar(.quarter, offset: 0).interval(now: now)), entity: e, now: now)
        case .tenantQuarterTarget: return target("bookings_per_quarter", e, now: now, defaults: false).map { $0 * 100 }
        case .tenantForecastAttainment: return forecastAttainment(e, now: now)
        default: return nil
        }
    }

    private func dealMetric(_ key: CatalogueKey, _ d: Deal, now: Date) -> Double? {
        let isOpen = closedCategory(d) == .open
        switch key {
        case .dealAmount: return d.amountCents.map(Double.init)
        case .dealDaysInStage: return d.stageEnteredAt.map { Double(Days.between($0, now)) }
        case .dealSMI:
            // StageMomentumReport: SMI = 1 ÷ max(1, whole days in the current stage), open deals only.
            guard isOpen, let entered = d.stageEnteredAt else { return nil }
            return 1.0 / Double(max(1, Days.between(entered, now)))
        case .dealDQS: return isOpen && d.parent == nil ? dealQualityScore(d, now: now) : nil
        case .dealWinProbability: return winProbability(d, now: now)
        case .dealDaysSinceActivity:
            return (latestActivity(dealID: d.id, before: now, kinds: []) ?? d.createdAt).map {
                Double(Days.between($0, now))
            }
        case .dealDaysToExpectedClose: return d.expectedCloseDate.map { Double(Days.between(now, $0)) }
        case .dealDaysPastExpectedClose:
            guard let expected = d.expectedCloseDate, expected < now else { return nil }
            return Double(Days.between(expected, now))
        case .dealAgeDays: return d.createdAt.map { Double(Days.between($0, now)) }
        case .dealAgeHours: return d.createdAt.map { now.timeIntervalSince($0) / 3600 }
        case .dealStakeholders:
            return Double(distinctContacts(activitiesByDeal[d.id] ?? [], window: .allTime, kinds: []).count)
        case .dealStageWinRate, .dealStageWinRateDays:
            guard isOpen, let entered = d.stageEnteredAt,
                let found = stageWinRate(d, daysInStage: Days.between(entered, now))
            else { return nil }
            return key == .dealStageWinRate ? found.rate : Double(found.days)
        case .dealStageIndex:
            return StageCatalogue.builtIn[d.pipeline]?.stages.firstIndex { $0.key == d.stage }.map(Double.init)
        case .dealIsOpen: return isOpen ? 1 : 0
        case .dealPartnerListDaysOverdue: return partnerListDaysOverdue(d, now: now).map(Double.init)
        case .dealAmountPercentile: return d.amountCents.flatMap(amountPercentile)
        default: return nil
        }
    }

    /// Text value of a catalogue attribute.
    func attribute(_ key: CatalogueKey, _ e: EvaluationEntity, now: Date) -> String? {
        if let row = e.deal, e.scope == .deal {
            let d = deals[Int(row)]
            switch key {
            case .dealName: return d.name ?? d.id.rawValue
            case .dealStage: return d.stage
            case .dealStageName: return StageCatalogue.builtIn[d.pipeline]?.stage(d.stage)?.name ?? d.stage
            case .dealStatus:
                switch closedCategory(d) {
                case .won: return "won"
                case .lost: return "lost"
                default: return "open"
                }
            case .dealPipeline: return d.pipeline
            case .dealLeadSource: return d.leadSource
            case .dealIndustry: return dimensionValue(d, "industry")
            case .dealSegment: return d.segment
            case .dealRegion: return d.region
            case .dealProduct: return d.product
            case .dealCompetitor: return d.competitor
            case .dealOwnerName: return d.owner.map { rep($0)?.name ?? $0.rawValue }
            case .dealAccountName: return d.account.map { account($0)?.name ?? $0.rawValue }
            case .dealIsSublist: return d.parent == nil ? "no" : "yes"
            default: return nil
            }
        }
        if let a = accountRecord(e) {
            switch key {
            case .accountName: return a.name
            case .accountPlan: return a.plan
            case .accountSegment: return a.segment
            case .accountIndustry: return a.industry
            case .accountRegion: return a.region
            case .accountOwnerName: return a.owner.map { rep($0)?.name ?? $0.rawValue }
            case .accountChurned: return a.churned ? "yes" : "no"
            case .accountWeakestComponent: return health(e, now: now)?.weakest?.kind.rawValue
            case .accountChurnReasons: return churnReasons(a, now: now)
            case .accountEngagementSegment: return segmentation.segment(of: a.id)?.name
            default: return nil
            }
        }
        if let row = e.rep, e.scope == .rep {
            let r = reps[Int(row)]
            switch key {
            case .repName: return r.name
            case .repRole: return r.role.rawValue
            case .repTeam: return r.team
            case .repManagerName: return r.manager.map { rep($0)?.name ?? $0.rawValue }
            default: return nil
            }
        }
        switch key {
        case .teamName: return e.scope == .team ? e.ref.id : nil
        case .segmentKey: return e.scope == .segment ? e.ref.id : nil
        case .tenantName: return e.scope == .tenant ? tenant.name : nil
        default: return nil
        }
    }

    /// A catalogue date of the entity.
    func date(_ key: CatalogueKey, _ e: EvaluationEntity) -> Date? {
        if let row = e.deal, e.scope == .deal {
            let d = deals[Int(row)]
            switch key {
            case .dealExpectedClose: return d.expectedCloseDate
            case .dealCreated: return d.createdAt
            case .dealCallDate: return d.callDate
            case .dealPartnerListDue: return partnerListPending(d) ? d.partnerListDueDate : nil
            default: return nil
            }
        }
        return key == .accountRenewalDate ? accountRecord(e)?.renewalDate : nil
    }

    private func accountRecord(_ e: EvaluationEntity) -> Account? {
        guard e.scope == .account, let row = e.account else { return nil }
        return accounts[Int(row)]
    }

    /// Customer health of an account by `CustomerHealthScorer` (default weights) from its own records.
    func health(_ e: EvaluationEntity, now: Date) -> AccountHealth? {
        guard let a = accountRecord(e) else { return nil }
        let events = (engagementByAccount[a.id] ?? []).map { engagement[Int($0)] }
        let own = (ticketsByAccount[a.id] ?? []).map { tickets[Int($0)] }
        let acts = (activitiesByAccount[a.id] ?? []).map { activities[Int($0)] }
        return CustomerHealthScorer().score(account: a, engagement: events, tickets: own, activities: acts, now: now)
    }

    /// Latest activity time before or at `now` in a time-ordered list, optionally of some kinds.
    func latest(in list: [Int32], before now: Date, kinds: Set<ActivityKind>) -> Date? {
        let t = TimeWindow.seconds(now)
        var i = list.partitionPoint { activityTime[Int($0)] <= t }
        while i > 0 {
            i -= 1
            let a = activities[Int(list[i])]
            if kinds.isEmpty || kinds.contains(a.kind) { return a.occurredAt }
        }
        return nil
    }

    func latestActivity(dealID: Deal.ID, before now: Date, kinds: Set<ActivityKind>) -> Date? {
        latest(in: activitiesByDeal[dealID] ?? [], before: now, kinds: kinds)
    }

    /// Latest activity of any entity (tenant: every activity).
    func latestActivity(_ e: EvaluationEntity, before now: Date, kinds: Set<ActivityKind>) -> Date? {
        guard let lists = activityLists(e) else {
            let t = TimeWindow.seconds(now)
            var best: Int64?
            for (i, time) in activityTime.enumerated() where time <= t && time > (best ?? .min) {
                if kinds.isEmpty || kinds.contains(activities[i].kind) { best = time }
            }
            return best.map { Date(timeIntervalSince1970: TimeInterval($0)) }
        }
        return lists.compactMap { latest(in: $0, before: now, kinds: kinds) }.max()
    }

    /// Sum of open (main) deal amounts of the entity, in cents.
    func openPipeline(_ e: EvaluationEntity) -> Int64 {
        dealRows(e).reduce(Int64(0)) { sum, row in
            let d = deals[Int(row)]
            return d.parent == nil && closedCategory(d) == .open ? sum + (d.amountCents ?? 0) : sum
        }
    }

    /// Whether a deal's partner list is agreed (due date set) and not sent, on an open deal.
    func partnerListPending(_ d: Deal) -> Bool {
        guard d.partnerListDueDate != nil, d.partnerListSentDate == nil, closedCategory(d) == .open else {
            return false
        }
        return milestoneTime(d, .listOut) == nil
    }

    /// Whole days a pending partner list is past due; nil unless the due date has passed.
    func partnerListDaysOverdue(_ d: Deal, now: Date) -> Int? {
        guard partnerListPending(d), let due = d.partnerListDueDate, due < now else { return nil }
        return Days.between(due, now)
    }

    /// BDR Performance Index of a rep over the 7 days before `now`, by `MetricsFrame.bdrIndex`.
    private func bdrIndex(_ e: EvaluationEntity, now: Date) -> Double? {
        guard let row = e.rep else { return nil }
        let id = reps[Int(row)].id
        let window = TimeWindow.lastDays(7, before: now)
        let owned = (dealsByOwner[id] ?? []).map { deals[Int($0)] }
        var calls: [ActivityFact] = []
        forEachActivity(e, in: window) { a in
            let activity = activities[Int(a)]
            if activity.kind == .callConducted {
                calls.append(ActivityFact(deal: nil, rep: id, kind: .callConducted, occurredAt: activity.occurredAt))
            }
        }
        let frame = MetricsFrame(deals: owned, activities: calls, accounts: [])
        return Double(frame.bdrIndex(in: window).first { $0.rep == id }?.index ?? 0)
    }

    /// Agreements this month ÷ (monthly target × elapsed share of the month); no value in the first 7 days.
    private func agreementPace(_ e: EvaluationEntity, now: Date) -> Double? {
        let month = WindowSpec.calendar(.month, offset: 0).interval(now: now)
        let elapsed = now.timeIntervalSince(month.start)
        guard elapsed >= 7 * 86_400, month.duration > 0 else { return nil }
        guard let target = target("agreements_per_month", e, now: now, defaults: true), target > 0,
            let done = measure(.agreements, kinds: [], window: TimeWindow(month), entity: e, now: now)
        else { return nil }
        return done / (target * elapsed / month.duration)
    }

    /// (won this quarter + open pipeline expected to close this quarter × win rate of the last 90 days) ÷ the
    /// quarter's bookings target; nil without a target.
    private func forecastAttainment(_ e: EvaluationEntity, now: Date) -> Double? {
        guard let target = target("bookings_per_quarter", e, now: now, defaults: false), target > 0 else {
            return nil
        }
        let quarter = TimeWindow(WindowSpec.calendar(.quarter, offset: 0).interval(now: now))
        let won = measure(.wonAmount, kinds: [], window: quarter, entity: e, now: now) ?? 0
        let rate = measure(.winRate, kinds: [], window: .lastDays(90, before: now), entity: e, now: now) ?? 0
        var closing: Int64 = 0
        for row in dealRows(e) {
            let d = deals[Int(row)]
            guard d.parent == nil, closedCategory(d) == .open, let c = d.expectedCloseDate, quarter.contains(c)
            else { continue }
            closing += d.amountCents ?? 0
        }
        return (won + Double(closing) * rate) / 100 / target
    }

    /// A KPI target for the entity: the rep's own, then its team's, then the tenant's (the latest in effect at
    /// `now` at each level), then (when `defaults`) `KpiTarget.defaults`.
    func target(_ key: String, _ e: EvaluationEntity, now: Date, defaults: Bool = true) -> Double? {
        let repID = e.scope == .rep ? e.rep.map { reps[Int($0)].id } : nil
        let team = e.scope == .rep || e.scope == .team ? e.team : nil
        func best(_ matches: (KpiTarget) -> Bool) -> Double? {
            targets.filter { $0.metric == key && ($0.effectiveFrom.map { $0 <= now } ?? true) && matches($0) }
                .max { ($0.effectiveFrom ?? .distantPast, $0.id) < ($1.effectiveFrom ?? .distantPast, $1.id) }?
                .target
        }
        if let repID, let v = best({ $0.rep == repID }) { return v }
        if let team, let v = best({ $0.rep == nil && $0.team == team }) { return v }
        if let v = best({ $0.rep == nil && $0.team == nil }) { return v }
        guard defaults else { return nil }
        return KpiTarget.defaults(tenant: tenant.id).first { $0.metric == key }?.target
    }

    /// Distinct people in activities (participants and the activity's contact) in `window` and of `kinds`:
    /// contact rows for known contacts, lower-cased text for unknown participants.
    func distinctContacts(_ list: [Int32], window: TimeWindow, kinds: Set<ActivityKind>) -> Set<ContactKey> {
        var out = Set<ContactKey>()
        Self.scan(list, times: activityTime, window: window) { row in
            let a = activities[Int(row)]
            guard kinds.isEmpty || kinds.contains(a.kind) else { return }
            if let c = a.contact { out.insert(contactKey(c.rawValue)) }
            for p in a.participants where !p.isEmpty { out.insert(contactKey(p)) }
        }
        return out
    }

    func contactKey(_ participant: String) -> ContactKey {
        if let row = contactRow(participant: participant) { return .contact(row) }
        return .unknown(participant.lowercased())
    }
}

/// A person in activities: a known contact row, or an unresolved participant (lower-cased).
enum ContactKey: Hashable, Sendable {
    case contact(Int32)
    case unknown(String)
}
