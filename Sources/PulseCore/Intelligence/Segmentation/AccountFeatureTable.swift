import Foundation

/// The engagement features of every account that has not churned, at one time, from records before that time:
/// one row of raw values per account (in `EngagementFeature.allCases` order, NaN where unknown), accounts by id.
public struct AccountFeatureTable: Sendable {
    /// The accounts, ascending by id.
    public var accounts: [Account.ID]
    /// Raw feature values per account, parallel to `accounts`.
    public var rows: [[Double]]
    /// Accounts left out because they have churned.
    public var churned: Int
    public var now: Date

    /// Reads engagement from the 60 days before `now` and tickets from the 90 days before (later and earlier
    /// records are ignored), so any caller holding at least that much history gets the same table.
    public init(accounts: [Account], engagement: [EngagementEvent], tickets: [SupportTicket], now: Date) {
        self.now = now
        var seen = Set<Account.ID>()
        var kept: [Account] = []
        var churned = 0
        for a in accounts where seen.insert(a.id).inserted {
            if a.churned { churned += 1 } else { kept.append(a) }
        }
        kept.sort { $0.id < $1.id }
        self.churned = churned
        self.accounts = kept.map(\.id)
        var index: [Account.ID: Int] = [:]
        index.reserveCapacity(kept.count)
        for (i, a) in kept.enumerated() { index[a.id] = i }

        let t = now.timeIntervalSince1970
        let day = 86_400.0
        var recent = [Double](repeating: 0, count: kept.count)
        var prior = [Double](repeating: 0, count: kept.count)
        var latest = [Double](repeating: -.infinity, count: kept.count)
        var users = [Set<Contact.ID>](repeating: [], count: kept.count)
        var features = [Set<String>](repeating: [], count: kept.count)
        for e in engagement {
            let time = e.occurredAt.timeIntervalSince1970
            guard time < t, time >= t - 60 * day, let i = index[e.account] else { continue }
            latest[i] = max(latest[i], time)
            let uses = Double(max(0, e.count))
            guard time >= t - 30 * day else {
                prior[i] += uses
                continue
            }
            recent[i] += uses
            if let c = e.contact { users[i].insert(c) }
            if e.kind == .featureUsed, let f = e.feature, !f.isEmpty { features[i].insert(f) }
        }
        var ticketCount = [Double](repeating: 0, count: kept.count)
        for ticket in tickets {
            let time = ticket.openedAt.timeIntervalSince1970
            guard time < t, time >= t - 90 * day, let i = index[ticket.account] else { continue }
            ticketCount[i] += 1
        }

        rows = kept.enumerated().map { i, a in
            let seats = a.seats.flatMap { $0 > 0 ? Double($0) : nil }
            let age = a.createdAt.map { max(0, (t - $0.timeIntervalSince1970) / day) }
            let idle: Double =
                latest[i].isFinite ? (t - latest[i]) / day : min(60, age ?? 60)
            return EngagementFeature.allCases.map { feature in
                switch feature {
                case .eventsPerSeat: recent[i] / (seats ?? 1)
                case .activeUserShare: seats.map { Double(users[i].count) / $0 } ?? .nan
                case .distinctFeatures: Double(features[i].count)
                case .usageTrend: log((1 + recent[i]) / (1 + prior[i]))
                case .tickets: ticketCount[i]
                case .daysSinceEngagement: min(60, idle)
                case .arr: a.arrCents.map { Double($0) / 100 } ?? .nan
                case .tenure: age ?? .nan
                }
            }
        }
    }

    /// Raw values of one feature, parallel to `accounts`.
    public func column(_ feature: EngagementFeature) -> [Double] {
        let j = EngagementFeature.allCases.firstIndex(of: feature)!
        return rows.map { $0[j] }
    }
}
