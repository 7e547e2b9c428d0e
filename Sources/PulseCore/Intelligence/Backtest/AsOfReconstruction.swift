import Foundation

/// Rebuilds a tenant's records as they stood at a cutoff (the end of a replayed day), keeping only what could
/// have been known then, and indexes them as `EvaluationData` for the rule evaluator.
///
/// A record is known when its time is before the cutoff. Deals without any date (no `createdAt`, no stage
/// history) cannot be placed in time and are left out of every day.
public enum AsOfReconstruction {
    /// When a deal came into existence: `createdAt`, else its first stage entry; nil when it has no date.
    public static func createdAt(_ deal: Deal) -> Date? {
        deal.createdAt ?? deal.stageHistory.min(by: { $0.enteredAt < $1.enteredAt })?.enteredAt
    }

    /// When a deal closed: `closedAt`, else (a closed deal without one) the last stage entry; nil when open.
    public static func closedAt(_ deal: Deal) -> Date? {
        guard deal.outcome != nil || deal.closedAt != nil else { return nil }
        return deal.closedAt ?? deal.stageHistory.last?.enteredAt
    }

    /// The deal as it stood before `cutoff`, or nil when it did not exist yet (or has no date at all).
    ///
    /// The stage history keeps the entries entered before the cutoff; a deal that closed at or after the cutoff
    /// is open, in the stage of its last such entry, without close date, outcome or loss reason. `updatedAt`
    /// after the cutoff is cleared.
    public static func deal(_ deal: Deal, before cutoff: Date) -> Deal? {
        guard let created = createdAt(deal), created < cutoff else { return nil }
        var d = deal
        d.stageHistory = deal.stageHistory.filter { $0.enteredAt < cutoff }
        // Closed by then: the final stage and outcome stand; else open in the stage reached by then.
        if closedAt(deal).map({ $0 >= cutoff }) ?? true {
            d.closedAt = nil
            d.outcome = nil
            d.lossReason = nil
            if let last = d.stageHistory.last {
                d.stage = last.stage
            } else if let first = deal.stageHistory.first {
                d.stage = first.stage
            }
        }
        if let updated = d.updatedAt, updated >= cutoff { d.updatedAt = nil }
        for keyPath in [
            \Deal.agreementDate, \Deal.partnerListSentDate, \Deal.firstSaleDate,
        ] where d[keyPath: keyPath].map({ $0 >= cutoff }) ?? false {
            d[keyPath: keyPath] = nil
        }
        if let sent = deal.partnerListSentDate, sent >= cutoff { d.partnerListSize = nil }
        if let first = deal.firstSaleDate, first >= cutoff { d.totalSalesFromList = nil }
        return d
    }

    /// The ticket as it stood before `cutoff` (open when it closed later), or nil when opened later.
    public static func ticket(_ ticket: SupportTicket, before cutoff: Date) -> SupportTicket? {
        guard ticket.openedAt < cutoff else { return nil }
        var t = ticket
        if let closed = t.closedAt, closed >= cutoff {
            t.closedAt = nil
            t.resolutionHours = nil
            t.satisfaction = nil
        }
        return t
    }

    /// The subscription as it stood before `cutoff` (running, not churned, when it ended later), or nil when
    /// it started later.
    public static func subscription(_ s: Subscription, before cutoff: Date) -> Subscription? {
        guard s.startDate < cutoff else { return nil }
        var out = s
        if let end = s.endDate, end >= cutoff {
            out.endDate = nil
            out.churned = false
        }
        return out
    }

    /// Per account, whether it had churned before `cutoff`: the latest dated churn event before the cutoff
    /// (a reactivation undoes it), else a churned subscription that ended before the cutoff.
    public static func churnedAccounts(_ records: BacktestRecords, before cutoff: Date) -> Set<Account.ID> {
        var latest: [Account.ID: ChurnEvent] = [:]
        for c in records.churnEvents where c.churnedAt < cutoff {
            if let seen = latest[c.account], seen.churnedAt > c.churnedAt { continue }
            latest[c.account] = c
        }
        var out = Set(latest.values.filter { !$0.isReactivation }.map(\.account))
        for s in records.subscriptions where s.churned && latest[s.account] == nil {
            if let end = s.endDate, end < cutoff { out.insert(s.account) }
        }
        return out
    }

    /// Every record as it stood before `cutoff`: deals, activities, engagement, tickets and subscriptions
    /// that existed, accounts created before it with `churned` from dated churns only, contacts, reps and
    /// targets as stored (they carry no history). Churn events before the cutoff are kept.
    public static func records(_ records: BacktestRecords, before cutoff: Date) -> BacktestRecords {
        let churned = churnedAccounts(records, before: cutoff)
        var out = BacktestRecords(
            tenant: records.tenant, contacts: records.contacts, reps: records.reps, targets: records.targets)
        out.accounts = records.accounts.compactMap { a in
            if let created = a.createdAt, created >= cutoff { return nil }
            var copy = a
            copy.churned = churned.contains(a.id)
            return copy
        }
        out.deals = records.deals.compactMap { deal($0, before: cutoff) }
        out.activities = records.activities.compactMap { a in
            guard a.occurredAt < cutoff else { return nil }
            var copy = a
            if let done = a.completedAt, done >= cutoff { copy.completedAt = nil }
            return copy
        }
        out.engagement = records.engagement.filter { $0.occurredAt < cutoff }
        out.tickets = records.tickets.compactMap { ticket($0, before: cutoff) }
        out.subscriptions = records.subscriptions.compactMap { subscription($0, before: cutoff) }
        out.churnEvents = records.churnEvents.filter { $0.churnedAt < cutoff }
        return out
    }

    /// `records(_:before:)` indexed for rule evaluation with `now` = the cutoff.
    public static func evaluationData(_ records: BacktestRecords, before cutoff: Date) -> EvaluationData {
        let r = Self.records(records, before: cutoff)
        return EvaluationData(
            tenant: r.tenant, accounts: r.accounts, contacts: r.contacts, reps: r.reps, deals: r.deals,
            activities: r.activities, engagement: r.engagement, tickets: r.tickets, subscriptions: r.subscriptions,
            targets: r.targets, now: cutoff)
    }
}
