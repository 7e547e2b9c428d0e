import Foundation

/// An `EntityRef` resolved against `EvaluationData`: the record rows it stands for.
struct EvaluationEntity: Sendable {
    var ref: EntityRef
    var deal: Int32?
    var account: Int32?
    var rep: Int32?
    /// The team name (team scope), or the rep's team.
    var team: String?
    /// Deal rows of a segment, ascending.
    var segmentDeals: [Int32]?

    var scope: RuleScope { ref.scope }
}

extension EvaluationData {
    /// Resolves a reference; nil when the entity does not exist. `segments` maps segment keys to deal rows.
    func resolve(_ ref: EntityRef, segments: [String: [Int32]]) -> EvaluationEntity? {
        var e = EvaluationEntity(ref: ref)
        switch ref.scope {
        case .deal:
            guard let row = dealRow[Deal.ID(ref.id)] else { return nil }
            e.deal = row
            e.account = deals[Int(row)].account.flatMap { accountRow[$0] }
            e.rep = deals[Int(row)].owner.flatMap { repRow[$0] }
            e.team = e.rep.flatMap { reps[Int($0)].team }
        case .account:
            guard let row = accountRow[Account.ID(ref.id)] else { return nil }
            e.account = row
            e.rep = accounts[Int(row)].owner.flatMap { repRow[$0] }
            e.team = e.rep.flatMap { reps[Int($0)].team }
        case .rep:
            guard let row = repRow[Rep.ID(ref.id)] else { return nil }
            e.rep = row
            e.team = reps[Int(row)].team
        case .team:
            guard repsByTeam[ref.id] != nil else { return nil }
            e.team = ref.id
        case .segment:
            guard let rows = segments[ref.id] else { return nil }
            e.segmentDeals = rows
        case .tenant:
            guard ref.id == tenant.id.rawValue else { return nil }
        }
        return e
    }

    /// Deal rows of each segment key for the dimensions `segmentBy`.
    func segmentIndex(_ segmentBy: [String]) -> [String: [Int32]] {
        var index: [String: [Int32]] = [:]
        for (i, d) in deals.enumerated() {
            if let key = segmentKey(of: d, by: segmentBy) { index[key, default: []].append(Int32(i)) }
        }
        return index
    }

    /// Deal rows an entity covers: the deal, an account's or rep's deals, a team's reps' deals, a segment's,
    /// or all the tenant's.
    func dealRows(_ e: EvaluationEntity) -> [Int32] {
        switch e.scope {
        case .deal: return e.deal.map { [$0] } ?? []
        case .account: return dealsByAccount[accounts[Int(e.account!)].id] ?? []
        case .rep: return dealsByOwner[reps[Int(e.rep!)].id] ?? []
        case .team: return dealRows(team: e.ref.id)
        case .segment: return e.segmentDeals ?? []
        case .tenant: return (0..<Int32(deals.count)).map { $0 }
        }
    }

    /// Time-ordered activity row lists of an entity; nil = every activity of the tenant.
    func activityLists(_ e: EvaluationEntity) -> [[Int32]]? {
        switch e.scope {
        case .deal: return [activitiesByDeal[deals[Int(e.deal!)].id] ?? []]
        case .account: return [activitiesByAccount[accounts[Int(e.account!)].id] ?? []]
        case .rep: return [activitiesByRep[reps[Int(e.rep!)].id] ?? []]
        case .team: return (repsByTeam[e.ref.id] ?? []).map { activitiesByRep[reps[Int($0)].id] ?? [] }
        case .segment: return (e.segmentDeals ?? []).map { activitiesByDeal[deals[Int($0)].id] ?? [] }
        case .tenant: return nil
        }
    }

    /// Account ids whose engagement and tickets an entity covers; nil = all; [] = not applicable.
    func accountIDs(_ e: EvaluationEntity) -> [Account.ID]? {
        switch e.scope {
        case .account: return [accounts[Int(e.account!)].id]
        case .segment:
            var seen = Set<Account.ID>()
            var ids: [Account.ID] = []
            for row in e.segmentDeals ?? [] {
                if let a = deals[Int(row)].account, seen.insert(a).inserted { ids.append(a) }
            }
            return ids
        case .tenant: return nil
        case .deal, .rep, .team: return []
        }
    }

    /// Calls `body` with every activity row of the entity whose time is in `window`, list by list in time order.
    func forEachActivity(_ e: EvaluationEntity, in window: TimeWindow, _ body: (Int32) -> Void) {
        guard let lists = activityLists(e) else {
            for (i, t) in activityTime.enumerated() where window.contains(t) { body(Int32(i)) }
            return
        }
        for list in lists { Self.scan(list, times: activityTime, window: window, body) }
    }

    /// Calls `body` with every engagement row of the entity in `window`; false when not applicable.
    @discardableResult
    func forEachEngagement(_ e: EvaluationEntity, in window: TimeWindow, _ body: (Int32) -> Void) -> Bool {
        guard let ids = accountIDs(e) else {
            for (i, t) in engagementTime.enumerated() where window.contains(t) { body(Int32(i)) }
            return true
        }
        guard e.scope != .deal, e.scope != .rep, e.scope != .team else { return false }
        for id in ids { Self.scan(engagementByAccount[id] ?? [], times: engagementTime, window: window, body) }
        return true
    }

    /// Ticket rows of the entity (all times); nil when not applicable.
    func ticketRows(_ e: EvaluationEntity) -> [Int32]? {
        guard let ids = accountIDs(e) else { return (0..<Int32(tickets.count)).map { $0 } }
        guard e.scope == .account || e.scope == .segment else { return nil }
        return ids.flatMap { ticketsByAccount[$0] ?? [] }
    }

    /// Rows of a time-ordered list inside `window`, found by binary search.
    static func scan(_ list: [Int32], times: [Int64], window: TimeWindow, _ body: (Int32) -> Void) {
        let lower = list.partitionPoint { times[Int($0)] < window.start }
        var i = lower
        while i < list.count, times[Int(list[i])] < window.end {
            body(list[i])
            i += 1
        }
    }
}
