import Foundation

/// Every outcome found in a tenant's final records, indexed by the deal or account it belongs to, in time order.
///
/// Deals: won / lost at their close; slipped at the end of the expected close day when the deal was still open
/// then and the data reaches past it. Accounts: churned at each churn event (or, with none, at the end of a
/// churned subscription); expanded when a subscription is an upgrade or starts with a higher ARR than the
/// account's previous one. An account flagged churned with no date anywhere has no outcome (`undatedChurns`).
public struct OutcomeLedger: Sendable {
    /// All outcomes, by date then entity.
    public private(set) var outcomes: [BacktestOutcome] = []
    /// Accounts flagged churned with no dated churn event or subscription end.
    public private(set) var undatedChurns = 0
    var byDeal: [Deal.ID: [Int]] = [:]
    var byAccount: [Account.ID: [Int]] = [:]

    public init(_ records: BacktestRecords, dataEnd: Date? = nil) {
        let end = dataEnd ?? records.latestDate ?? .distantPast
        var out: [BacktestOutcome] = []
        for d in records.deals {
            let ref = EntityRef(.deal, d.id.rawValue)
            let closed = AsOfReconstruction.closedAt(d)
            if let outcome = d.outcome, let closed {
                out.append(.init(kind: outcome == .won ? .won : .lost, entity: ref, date: closed, account: d.account))
            }
            if let expected = d.expectedCloseDate {
                let passed = Self.endOfDay(expected)
                if passed <= end, closed.map({ $0 >= passed }) ?? true {
                    out.append(.init(kind: .slipped, entity: ref, date: passed, account: d.account))
                }
            }
        }
        var churnDays: [Account.ID: Set<Int64>] = [:]
        for c in records.churnEvents where !c.isReactivation {
            churnDays[c.account, default: []].insert(Self.day(c.churnedAt))
            out.append(.init(kind: .churned, entity: EntityRef(.account, c.account.rawValue), date: c.churnedAt))
        }
        let subscriptions = records.subscriptions.sorted { ($0.startDate, $0.id) < ($1.startDate, $1.id) }
        var fromSubscriptions: [Account.ID: Set<Int64>] = [:]
        var lastARR: [Account.ID: Int64] = [:]
        for s in subscriptions {
            let ref = EntityRef(.account, s.account.rawValue)
            let arr = s.arrCents ?? s.mrrCents.map { $0 * 12 }
            let previous = lastARR[s.account]
            if s.upgraded || (previous != nil && arr != nil && arr! > previous!) {
                out.append(.init(kind: .expanded, entity: ref, date: s.startDate))
            }
            if let arr { lastARR[s.account] = arr }
            if s.churned, churnDays[s.account] == nil, let ended = s.endDate,
                fromSubscriptions[s.account, default: []].insert(Self.day(ended)).inserted
            {
                out.append(.init(kind: .churned, entity: ref, date: ended))
            }
        }
        let dated = Set(churnDays.keys).union(fromSubscriptions.keys)
        undatedChurns = records.accounts.filter { $0.churned && !dated.contains($0.id) }.count
        outcomes = out.sorted { ($0.date, $0.entity, $0.kind.rawValue) < ($1.date, $1.entity, $1.kind.rawValue) }
        for (i, o) in outcomes.enumerated() {
            switch o.entity.scope {
            case .deal:
                byDeal[Deal.ID(o.entity.id), default: []].append(i)
                if let account = o.account { byAccount[account, default: []].append(i) }
            case .account: byAccount[Account.ID(o.entity.id), default: []].append(i)
            case .rep, .team, .segment, .tenant: break
            }
        }
    }

    /// Outcomes that belong to an entity, in time order: a deal's own; an account's churns and expansions and
    /// its deals' outcomes; none for other scopes.
    public func outcomes(of entity: EntityRef) -> [BacktestOutcome] {
        let rows: [Int]
        switch entity.scope {
        case .deal: rows = byDeal[Deal.ID(entity.id)] ?? []
        case .account: rows = byAccount[Account.ID(entity.id)] ?? []
        case .rep, .team, .segment, .tenant: rows = []
        }
        return rows.map { outcomes[$0] }
    }

    /// True when the scope's entities can have outcomes (deal and account).
    public static func hasOutcomes(_ scope: RuleScope) -> Bool { scope == .deal || scope == .account }

    static func day(_ date: Date) -> Int64 {
        Days.floorDiv(Int64(date.timeIntervalSince1970.rounded(.down)), Days.seconds)
    }

    /// Midnight UTC after the day holding `date`.
    static func endOfDay(_ date: Date) -> Date {
        Date(timeIntervalSince1970: TimeInterval((day(date) + 1) * Days.seconds))
    }
}
