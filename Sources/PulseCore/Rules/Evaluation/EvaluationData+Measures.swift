import Foundation

/// The windowed measures of `MetricCatalogue` (kind `.measure`), by name.
enum MeasureKey: String, CaseIterable, Sendable {
    case activities, calls, callsBooked = "calls_booked", emailsIn = "emails_in", emailsOut = "emails_out"
    case meetings, engagement, logins, featureUses = "feature_uses", distinctFeatures = "distinct_features"
    case activeUsers = "active_users", usageErrors = "usage_errors", errorRate = "error_rate"
    case ticketsOpened = "tickets_opened", ticketFirstResponseMinutes = "ticket_first_response_minutes"
    case positiveRatings = "positive_ratings", dealsCreated = "deals_created", dealsWon = "deals_won"
    case dealsLost = "deals_lost", dealsClosed = "deals_closed", winRate = "win_rate", wonAmount = "won_amount"
    case lostAmount = "lost_amount", createdAmount = "created_amount", avgCycleDays = "avg_cycle_days"
    case pvs, ldvr, leadResponseHours = "lead_response_hours", agreements, listsOut = "lists_out", sales
}

extension EvaluationData {
    /// Value of a measure for an entity over `window`: counts and sums (money in cents), averages or rates;
    /// nil when undefined (a rate with nothing to divide, a measure that does not apply to the scope).
    /// `kinds` filters activity measures by activity kind and engagement measures by engagement kind.
    func measure(
        _ key: MeasureKey, kinds: Set<String>, window: TimeWindow, entity e: EvaluationEntity, now: Date
    ) -> Double? {
        switch key {
        case .activities, .calls, .emailsIn, .emailsOut, .meetings:
            let allowed: Set<ActivityKind> =
                switch key {
                case .calls: [.callConducted]
                case .emailsIn: [.emailIn]
                case .emailsOut: [.emailOut]
                case .meetings: [.meeting, .demo]
                default: Set(ActivityKind.allCases)
                }
            var n = 0
            forEachActivity(e, in: window) { row in
                let kind = activities[Int(row)].kind
                if allowed.contains(kind), kinds.isEmpty || kinds.contains(kind.rawValue) { n += 1 }
            }
            return Double(n)
        case .callsBooked:
            return Double(callsBooked(e, window: window))
        case .engagement, .logins, .featureUses, .distinctFeatures, .activeUsers, .usageErrors, .errorRate:
            return engagementMeasure(key, kinds: kinds, window: window, entity: e)
        case .ticketsOpened, .ticketFirstResponseMinutes, .positiveRatings:
            guard let rows = ticketRows(e) else { return nil }
            var n = 0
            var minutes = 0
            var answered = 0
            for row in rows {
                let t = tickets[Int(row)]
                guard window.contains(t.openedAt) else { continue }
                switch key {
                case .ticketsOpened: n += 1
                case .positiveRatings: if t.satisfaction == 5 { n += 1 }
                default:
                    if let m = t.firstResponseMinutes {
                        minutes += m
                        answered += 1
                    }
                }
            }
            if key == .ticketFirstResponseMinutes { return answered > 0 ? Double(minutes) / Double(answered) : nil }
            return Double(n)
        default:
            return dealMeasure(key, window: window, entity: e, now: now)
        }
    }

    /// `call_booked` activities whose scheduled time (else occurrence) is in the window.
    func callsBooked(_ e: EvaluationEntity, window: TimeWindow) -> Int {
        var n = 0
        func count(_ row: Int32) {
            let a = activities[Int(row)]
            if a.kind == .callBooked, window.contains(a.scheduledAt ?? a.occurredAt) { n += 1 }
        }
        // Booked before the window's end: scheduled times follow the booking.
        let booked = TimeWindow(startSeconds: TimeWindow.allTime.start, endSeconds: window.end)
        forEachActivity(e, in: booked, count)
        return n
    }

    private func engagementMeasure(
        _ key: MeasureKey, kinds: Set<String>, window: TimeWindow, entity e: EvaluationEntity
    ) -> Double? {
        var uses = 0
        var errors = 0
        var features = Set<String>()
        var users = Set<Contact.ID>()
        let applies = forEachEngagement(e, in: window) { row in
            let ev = engagement[Int(row)]
            switch key {
            case .engagement: if kinds.isEmpty || kinds.contains(ev.kind.rawValue) { uses += ev.count }
            case .logins: if ev.kind == .portalLogin { uses += ev.count }
            case .featureUses: if ev.kind == .featureUsed { uses += ev.count }
            case .distinctFeatures: if ev.kind == .featureUsed, let f = ev.feature { features.insert(f) }
            case .activeUsers: if let c = ev.contact { users.insert(c) }
            default:
                uses += ev.count
                errors += ev.errorCount ?? 0
            }
        }
        guard applies else { return nil }
        switch key {
        case .distinctFeatures: return Double(features.count)
        case .activeUsers: return Double(users.count)
        case .usageErrors: return Double(errors)
        case .errorRate: return uses > 0 ? Double(errors) / Double(uses) : nil
        default: return Double(uses)
        }
    }

    private func dealMeasure(_ key: MeasureKey, window: TimeWindow, entity e: EvaluationEntity, now: Date) -> Double? {
        let rows = dealRows(e)
        var n = 0
        var won = 0
        var closed = 0
        var cents: Int64 = 0
        var wonCents: Int64 = 0
        var wonWithAmount = 0
        var wonCycle: Int64 = 0
        var wonCycleN = 0
        var lostCycle: Int64 = 0
        var lostCycleN = 0
        var open = 0
        var hours = 0.0
        for row in rows {
            let d = deals[Int(row)]
            switch key {
            case .dealsCreated, .createdAmount:
                if let c = d.createdAt, window.contains(c) {
                    n += 1
                    cents += d.amountCents ?? 0
                }
            case .agreements: if let t = milestoneTime(d, .agreement), window.contains(t) { n += 1 }
            case .listsOut: if let t = milestoneTime(d, .listOut), window.contains(t) { n += 1 }
            case .sales:
                if let t = d.firstSaleDate ?? (d.outcome == .won ? d.closedAt : nil), window.contains(t) { n += 1 }
            case .leadResponseHours:
                guard let c = d.createdAt, window.contains(c), let first = firstOutbound(d) else { continue }
                n += 1
                hours += first.timeIntervalSince(c) / 3600
            default:
                guard d.parent == nil else { continue }
                let category = closedCategory(d)
                if category == .open {
                    open += 1
                    continue
                }
                guard let at = d.closedAt ?? d.stageEnteredAt, window.contains(at) else { continue }
                closed += 1
                let cycle = d.createdAt.map { Int64(Days.between($0, at)) }
                if category == .won {
                    won += 1
                    if let a = d.amountCents {
                        wonCents += a
                        wonWithAmount += 1
                    }
                    if let cycle {
                        wonCycle += cycle
                        wonCycleN += 1
                    }
                } else {
                    cents += d.amountCents ?? 0
                    if let cycle {
                        lostCycle += cycle
                        lostCycleN += 1
                    }
                }
            }
        }
        switch key {
        case .dealsCreated, .agreements, .listsOut, .sales: return Double(n)
        case .createdAmount, .lostAmount: return Double(cents)
        case .leadResponseHours: return n > 0 ? hours / Double(n) : nil
        case .dealsWon: return Double(won)
        case .dealsLost: return Double(closed - won)
        case .dealsClosed: return Double(closed)
        case .winRate: return WinRateCount(won: won, closed: closed).rate
        case .wonAmount: return Double(wonCents)
        case .avgCycleDays: return wonCycleN > 0 ? Double(wonCycle) / Double(wonCycleN) : nil
        case .pvs:
            let row = VelocityRow(
                key: e.ref.id, openDeals: open, won: won, closed: closed,
                winRate: WinRateCount(won: won, closed: closed).rate,
                averageWonAmount: wonWithAmount > 0 ? Double(wonCents) / Double(wonWithAmount) / 100 : nil,
                averageWonCycleDays: wonCycleN > 0 ? Double(wonCycle) / Double(wonCycleN) : nil)
            return row.pvs
        case .ldvr:
            let report = SalesCycleReport(
                window: window, averageWonDays: wonCycleN > 0 ? Double(wonCycle) / Double(wonCycleN) : nil,
                averageLostDays: lostCycleN > 0 ? Double(lostCycle) / Double(lostCycleN) : nil)
            return report.lostDealVelocityRatio
        default: return nil
        }
    }

    /// First time a deal reached a milestone: its date field or the first entry into a stage marking it.
    func milestoneTime(_ d: Deal, _ milestone: Milestone) -> Date? {
        var best: Date? =
            switch milestone {
            case .agreement: d.agreementDate
            case .listOut: d.partnerListSentDate
            case .call: d.callDate
            case .sale: d.firstSaleDate
            default: nil
            }
        if let catalogue = StageCatalogue.builtIn[d.pipeline] {
            let keys = Set(catalogue.stages(marking: milestone))
            if let entry = d.stageHistory.first(where: { keys.contains($0.stage) })?.enteredAt {
                best = min(best ?? entry, entry)
            }
        }
        return best
    }

    /// Time of a deal's first outbound activity (`email_out`, `call_conducted`, `call_booked`).
    func firstOutbound(_ d: Deal) -> Date? {
        for row in activitiesByDeal[d.id] ?? [] {
            let a = activities[Int(row)]
            if a.kind == .emailOut || a.kind == .callConducted || a.kind == .callBooked { return a.occurredAt }
        }
        return nil
    }
}
