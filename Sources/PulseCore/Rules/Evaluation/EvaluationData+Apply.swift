import Foundation

extension EvaluationData {
    /// Upserts a validated batch (newest updatedAt wins, like the store) and returns the entities it touched,
    /// with their roll-ups (a deal → its account, owner rep, owner's team, tenant).
    ///
    /// Records of other tenants are ignored. Deal stage changes append to the stage history (and move the deal
    /// when newer than its history and `updatedAt`, as the store does); activities, engagement and tickets are
    /// inserted in time order into their entities' lists; a record with a known id replaces the stored one.
    public mutating func apply(_ batch: IngestBatch) -> Set<EntityRef> {
        let me = tenant.id
        var touched = Set<EntityRef>()
        let tenantRef = EntityRef(.tenant, me.rawValue)
        for t in batch.tenants where t.id == me {
            tenant = t
            touched.insert(tenantRef)
        }
        for a in batch.accounts where a.tenant == me {
            upsertAccount(a)
            touched.insert(EntityRef(.account, a.id.rawValue))
        }
        for c in batch.contacts where c.tenant == me {
            upsertContact(c)
            if let account = c.account { touched.insert(EntityRef(.account, account.rawValue)) }
        }
        for r in batch.reps where r.tenant == me {
            let old = rep(r.id)
            upsertRep(r)
            touched.insert(EntityRef(.rep, r.id.rawValue))
            for team in [old?.team, r.team].compactMap({ $0 }) { touched.insert(EntityRef(.team, team)) }
        }
        for d in batch.deals where d.tenant == me {
            let old = deal(d.id)
            upsertDeal(d)
            if let old { rollUp(old, into: &touched) }
            if let stored = deal(d.id) { rollUp(stored, into: &touched) }
        }
        for change in batch.stageChanges where change.tenant == me {
            guard applyStageChange(change), let stored = deal(change.deal) else { continue }
            rollUp(stored, into: &touched)
        }
        for a in batch.activities where a.tenant == me {
            upsertActivity(a)
            if let d = a.deal, let stored = deal(d) { rollUp(stored, into: &touched) }
            if let account = a.account { touched.insert(EntityRef(.account, account.rawValue)) }
            if let r = a.rep {
                touched.insert(EntityRef(.rep, r.rawValue))
                if let team = rep(r)?.team { touched.insert(EntityRef(.team, team)) }
            }
        }
        for e in batch.engagement where e.tenant == me {
            upsertEngagement(e)
            touched.insert(EntityRef(.account, e.account.rawValue))
        }
        for t in batch.tickets where t.tenant == me {
            upsertTicket(t)
            touched.insert(EntityRef(.account, t.account.rawValue))
        }
        for s in batch.subscriptions where s.tenant == me {
            if let row = subscriptionRow[s.id] {
                let previous = subscriptions[Int(row)].account
                if previous != s.account {
                    Self.remove(row, from: &subscriptionsByAccount[previous])
                    subscriptionsByAccount[s.account, default: []].append(row)
                }
                subscriptions[Int(row)] = s
            } else {
                let row = Int32(subscriptions.count)
                subscriptionRow[s.id] = row
                subscriptions.append(s)
                subscriptionsByAccount[s.account, default: []].append(row)
            }
            touched.insert(EntityRef(.account, s.account.rawValue))
        }
        for k in batch.targets where k.tenant == me {
            if let row = targetRow[k.id] {
                targets[Int(row)] = k
            } else {
                targetRow[k.id] = Int32(targets.count)
                targets.append(k)
            }
            if let r = k.rep { touched.insert(EntityRef(.rep, r.rawValue)) }
            if let team = k.team { touched.insert(EntityRef(.team, team)) }
        }
        for c in batch.churnEvents where c.tenant == me {
            guard let row = accountRow[c.account] else { continue }
            accounts[Int(row)].churned = !c.isReactivation
            touched.insert(EntityRef(.account, c.account.rawValue))
        }
        if !touched.isEmpty || !batch.targets.isEmpty { touched.insert(tenantRef) }
        return touched
    }

    /// A deal and its roll-ups: account, owner rep, owner's team.
    private func rollUp(_ deal: Deal, into touched: inout Set<EntityRef>) {
        touched.insert(EntityRef(.deal, deal.id.rawValue))
        if let account = deal.account { touched.insert(EntityRef(.account, account.rawValue)) }
        if let owner = deal.owner {
            touched.insert(EntityRef(.rep, owner.rawValue))
            if let team = rep(owner)?.team { touched.insert(EntityRef(.team, team)) }
        }
    }

    private mutating func upsertAccount(_ a: Account) {
        if let row = accountRow[a.id] {
            accounts[Int(row)] = a
        } else {
            accountRow[a.id] = Int32(accounts.count)
            accounts.append(a)
        }
    }

    private mutating func upsertContact(_ c: Contact) {
        if let row = contactRow[c.id] {
            if let email = contacts[Int(row)].email?.lowercased(), contactByEmail[email] == row {
                contactByEmail[email] = nil
            }
            contacts[Int(row)] = c
            if let email = c.email?.lowercased() { contactByEmail[email] = row }
        } else {
            let row = Int32(contacts.count)
            contactRow[c.id] = row
            contacts.append(c)
            if let email = c.email?.lowercased() { contactByEmail[email] = row }
        }
    }

    private mutating func upsertRep(_ r: Rep) {
        if let row = repRow[r.id] {
            let old = reps[Int(row)]
            reps[Int(row)] = r
            if old.team != r.team {
                if let team = old.team { Self.remove(row, from: &repsByTeam[team]) }
                if let team = r.team { Self.insertAscending(row, into: &repsByTeam[team, default: []]) }
            }
        } else {
            let row = Int32(reps.count)
            repRow[r.id] = row
            reps.append(r)
            if let team = r.team { repsByTeam[team, default: []].append(row) }
        }
    }

    /// Newest `updatedAt` wins (an incoming deal without one always replaces); histories are merged.
    private mutating func upsertDeal(_ incoming: Deal) {
        guard let row = dealRow[incoming.id] else {
            var d = incoming
            d.stageHistory = Self.merged([], incoming.stageHistory)
            let row = Int32(deals.count)
            dealRow[d.id] = row
            deals.append(d)
            if let owner = d.owner { dealsByOwner[owner, default: []].append(row) }
            if let account = d.account { dealsByAccount[account, default: []].append(row) }
            return
        }
        let old = deals[Int(row)]
        if let new = incoming.updatedAt, let stored = old.updatedAt, new < stored { return }
        var d = incoming
        d.stageHistory = Self.merged(old.stageHistory, incoming.stageHistory)
        deals[Int(row)] = d
        if old.owner != d.owner {
            if let owner = old.owner { Self.remove(row, from: &dealsByOwner[owner]) }
            if let owner = d.owner { Self.insertAscending(row, into: &dealsByOwner[owner, default: []]) }
        }
        if old.account != d.account {
            if let account = old.account { Self.remove(row, from: &dealsByAccount[account]) }
            if let account = d.account { Self.insertAscending(row, into: &dealsByAccount[account, default: []]) }
        }
        if old.owner != d.owner || old.account != d.account {
            // Activities that name neither rep nor account follow their deal's.
            for a in activitiesByDeal[d.id] ?? [] {
                let activity = activities[Int(a)]
                if activity.account == nil, old.account != d.account {
                    if let account = old.account { Self.remove(a, from: &activitiesByAccount[account]) }
                    if let account = d.account { insertByTime(a, into: &activitiesByAccount[account, default: []]) }
                }
                if activity.rep == nil, old.owner != d.owner {
                    if let owner = old.owner { Self.remove(a, from: &activitiesByRep[owner]) }
                    if let owner = d.owner { insertByTime(a, into: &activitiesByRep[owner, default: []]) }
                }
            }
        }
    }

    /// Adds a stage move to the history; a move newer than every entry and the deal's `updatedAt` also sets the
    /// stage, outcome, loss reason and close date. Returns false for an unknown deal or a known entry.
    private mutating func applyStageChange(_ change: DealStageChange) -> Bool {
        guard let row = dealRow[change.deal] else { return false }
        var d = deals[Int(row)]
        let entry = StageChange(stage: change.stage, enteredAt: change.enteredAt)
        guard !d.stageHistory.contains(entry) else { return false }
        let newest = d.stageHistory.allSatisfy { $0.enteredAt <= change.enteredAt }
        d.stageHistory = Self.merged(d.stageHistory, [entry])
        if newest, d.updatedAt.map({ $0 <= change.enteredAt }) ?? true {
            d.stage = change.stage
            d.outcome = change.outcome
            d.lossReason = change.lossReason
            d.closedAt = change.outcome == nil ? nil : change.enteredAt
            d.updatedAt = change.enteredAt
        }
        deals[Int(row)] = d
        return true
    }

    private mutating func upsertActivity(_ a: Activity) {
        let t = TimeWindow.seconds(a.occurredAt)
        let row: Int32
        if let existing = activityRow[a.id] {
            row = existing
            unindexActivity(row)
            activities[Int(row)] = a
            activityTime[Int(row)] = t
        } else {
            row = Int32(activities.count)
            activityRow[a.id] = row
            activities.append(a)
            activityTime.append(t)
        }
        let owner = a.deal.flatMap { deal($0) }
        if let d = a.deal { insertByTime(row, into: &activitiesByDeal[d, default: []]) }
        if let account = a.account ?? owner?.account {
            insertByTime(row, into: &activitiesByAccount[account, default: []])
        }
        if let r = a.rep ?? owner?.owner { insertByTime(row, into: &activitiesByRep[r, default: []]) }
    }

    private mutating func unindexActivity(_ row: Int32) {
        let a = activities[Int(row)]
        let owner = a.deal.flatMap { deal($0) }
        if let d = a.deal { Self.remove(row, from: &activitiesByDeal[d]) }
        if let account = a.account ?? owner?.account { Self.remove(row, from: &activitiesByAccount[account]) }
        if let r = a.rep ?? owner?.owner { Self.remove(row, from: &activitiesByRep[r]) }
    }

    private mutating func upsertEngagement(_ e: EngagementEvent) {
        let t = TimeWindow.seconds(e.occurredAt)
        let row: Int32
        if let existing = engagementRow[e.id] {
            row = existing
            Self.remove(row, from: &engagementByAccount[engagement[Int(row)].account])
            engagement[Int(row)] = e
            engagementTime[Int(row)] = t
        } else {
            row = Int32(engagement.count)
            engagementRow[e.id] = row
            engagement.append(e)
            engagementTime.append(t)
        }
        let times = engagementTime
        Self.insertSorted(row, into: &engagementByAccount[e.account, default: []]) { times[Int($0)] }
    }

    private mutating func upsertTicket(_ t: SupportTicket) {
        let row: Int32
        if let existing = ticketRow[t.id] {
            row = existing
            Self.remove(row, from: &ticketsByAccount[tickets[Int(row)].account])
            tickets[Int(row)] = t
        } else {
            row = Int32(tickets.count)
            ticketRow[t.id] = row
            tickets.append(t)
        }
        let all = tickets
        Self.insertSorted(row, into: &ticketsByAccount[t.account, default: []]) {
            TimeWindow.seconds(all[Int($0)].openedAt)
        }
    }

    private func insertByTime(_ row: Int32, into list: inout [Int32]) {
        let times = activityTime
        Self.insertSorted(row, into: &list) { times[Int($0)] }
    }

    /// Inserts `row` keeping `list` ordered by (key, row); appending when it belongs at the end.
    static func insertSorted(_ row: Int32, into list: inout [Int32], key: (Int32) -> Int64) {
        let k = key(row)
        if let last = list.last, (key(last), last) > (k, row) {
            let i = list.partitionPoint { (key($0), $0) < (k, row) }
            list.insert(row, at: i)
        } else {
            list.append(row)
        }
    }

    static func insertAscending(_ row: Int32, into list: inout [Int32]) {
        let i = list.partitionPoint { $0 < row }
        list.insert(row, at: i)
    }

    static func remove(_ row: Int32, from list: inout [Int32]?) {
        guard let i = list?.firstIndex(of: row) else { return }
        list?.remove(at: i)
        if list?.isEmpty == true { list = nil }
    }

    /// Union of two histories (an entry is a stage and a time), oldest first.
    static func merged(_ a: [StageChange], _ b: [StageChange]) -> [StageChange] {
        var out = a
        for change in b where !out.contains(change) { out.append(change) }
        let sorted = out.enumerated().sorted { x, y in
            (x.element.enteredAt, x.offset) < (y.element.enteredAt, y.offset)
        }
        return sorted.map(\.element)
    }
}
