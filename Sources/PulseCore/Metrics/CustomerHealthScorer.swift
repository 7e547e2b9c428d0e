import Foundation

/// Scores customer health 0–100 from five weighted components, each a 0–100 sub-score with its reason.
public struct CustomerHealthScorer: Hashable, Sendable {
    /// Weights of the components; they sum to 1.
    public var weights: Weights
    /// Distinct features that count as full breadth (used when no feature catalogue is given).
    public var featureCap: Int
    /// Days without an inbound reply after which the non-response score reaches 0.
    public var nonResponseDays: Int
    /// Renewals closer than this many days lower the score.
    public var renewalHorizonDays: Int
    /// Each point of ticket load (low 1, medium 2, high 4, urgent 8) takes this much off 100.
    public var pointsPerTicketLoad: Double

    /// Component weights.
    public struct Weights: Hashable, Sendable {
        public var engagementTrend = 0.30
        public var featureBreadth = 0.20
        public var supportLoad = 0.20
        public var nonResponse = 0.15
        public var renewalProximity = 0.15

        public init() {}
    }

    public init(
        weights: Weights = Weights(), featureCap: Int = 5, nonResponseDays: Int = 14, renewalHorizonDays: Int = 90,
        pointsPerTicketLoad: Double = 10
    ) {
        self.weights = weights
        self.featureCap = featureCap
        self.nonResponseDays = nonResponseDays
        self.renewalHorizonDays = renewalHorizonDays
        self.pointsPerTicketLoad = pointsPerTicketLoad
    }

    /// Health of every account at `now`; `featureCatalogue` (the tenant's feature names), when not empty,
    /// replaces `featureCap` as the breadth denominator. Sorted by ascending score, then account id.
    public func score(
        accounts: [Account], engagement: [EngagementEvent], tickets: [SupportTicket], activities: [Activity],
        now: Date, featureCatalogue: Set<String> = []
    ) -> [AccountHealth] {
        var events: [Account.ID: [EngagementEvent]] = [:]
        for e in engagement { events[e.account, default: []].append(e) }
        var ticketsBy: [Account.ID: [SupportTicket]] = [:]
        for t in tickets { ticketsBy[t.account, default: []].append(t) }
        var activitiesBy: [Account.ID: [Activity]] = [:]
        for a in activities { if let account = a.account { activitiesBy[account, default: []].append(a) } }
        return accounts.map {
            score(
                account: $0, engagement: events[$0.id] ?? [], tickets: ticketsBy[$0.id] ?? [],
                activities: activitiesBy[$0.id] ?? [], now: now, featureCatalogue: featureCatalogue)
        }
        .sorted { $0.score < $1.score || ($0.score == $1.score && $0.account < $1.account) }
    }

    /// Health of one account from its own events, tickets and activities.
    public func score(
        account: Account, engagement: [EngagementEvent], tickets: [SupportTicket], activities: [Activity], now: Date,
        featureCatalogue: Set<String> = []
    ) -> AccountHealth {
        let components = [
            engagementTrend(engagement, now: now), featureBreadth(engagement, now: now, catalogue: featureCatalogue),
            supportLoad(tickets, now: now), nonResponse(activities, now: now),
            renewalProximity(account.renewalDate, now: now),
        ]
        return AccountHealth(account: account.id, components: components)
    }

    /// 100 × min(1, uses in [now − 30 d, now) ÷ uses in [now − 60 d, now − 30 d)); no earlier use: 100 if any
    /// recent use, else 0. A use is an engagement event weighted by its `count`.
    public func engagementTrend(_ events: [EngagementEvent], now: Date) -> HealthComponent {
        let recent = TimeWindow.lastDays(30, before: now)
        let prior = TimeWindow(startSeconds: recent.start - 30 * Days.seconds, endSeconds: recent.start)
        var r = 0
        var p = 0
        for e in events {
            if recent.contains(e.occurredAt) { r += e.count } else if prior.contains(e.occurredAt) { p += e.count }
        }
        let score: Double = p > 0 ? min(100, 100 * Double(r) / Double(p)) : (r > 0 ? 100 : 0)
        let change = p > 0 ? " (\(Int((100 * Double(r - p) / Double(p)).rounded()))%)" : ""
        return HealthComponent(
            kind: .engagementTrend, score: score, weight: weights.engagementTrend,
            explanation: "\(r) uses in the last 30 days vs \(p) in the 30 before\(change)")
    }

    /// 100 × min(1, distinct features used in the last 30 days ÷ catalogue size, or ÷ `featureCap`).
    public func featureBreadth(_ events: [EngagementEvent], now: Date, catalogue: Set<String> = []) -> HealthComponent {
        let recent = TimeWindow.lastDays(30, before: now)
        var used = Set<String>()
        for e in events where e.kind == .featureUsed && recent.contains(e.occurredAt) {
            if let f = e.feature, catalogue.isEmpty || catalogue.contains(f) { used.insert(f) }
        }
        let denominator = catalogue.isEmpty ? max(1, featureCap) : catalogue.count
        let score = min(100, 100 * Double(used.count) / Double(denominator))
        return HealthComponent(
            kind: .featureBreadth, score: score, weight: weights.featureBreadth,
            explanation: "\(used.count) of \(denominator) features used in the last 30 days")
    }

    /// max(0, 100 − points × load); load sums priority weights (low 1, medium 2, high 4, urgent 8) over
    /// tickets open at `now` or opened in the last 30 days.
    public func supportLoad(_ tickets: [SupportTicket], now: Date) -> HealthComponent {
        let recent = TimeWindow.lastDays(30, before: now)
        var load = 0
        var count = 0
        for t in tickets where t.openedAt < now {
            let open = t.closedAt.map { $0 > now } ?? true
            guard open || recent.contains(t.openedAt) else { continue }
            count += 1
            let points =
                switch t.priority {
                case .low: 1
                case .medium: 2
                case .high: 4
                case .urgent: 8
                }
            load += points
        }
        return HealthComponent(
            kind: .supportLoad, score: max(0, 100 - pointsPerTicketLoad * Double(load)), weight: weights.supportLoad,
            explanation: "\(count) open or recent tickets, load \(load)")
    }

    /// 100 × max(0, 1 − d ÷ N), d = whole days since the first outbound email or conducted call after the last
    /// inbound email or meeting (100 when every outbound touch was answered).
    public func nonResponse(_ activities: [Activity], now: Date) -> HealthComponent {
        var lastInbound = Date.distantPast
        for a in activities where (a.kind == .emailIn || a.kind == .meeting) && a.occurredAt < now {
            lastInbound = max(lastInbound, a.occurredAt)
        }
        var firstUnanswered: Date?
        for a in activities
        where (a.kind == .emailOut || a.kind == .callConducted) && a.occurredAt > lastInbound && a.occurredAt < now {
            firstUnanswered = min(firstUnanswered ?? a.occurredAt, a.occurredAt)
        }
        guard let firstUnanswered else {
            return HealthComponent(
                kind: .nonResponse, score: 100, weight: weights.nonResponse,
                explanation: "no outbound touch is waiting for a reply")
        }
        let days = Days.between(firstUnanswered, now)
        let n = Double(max(1, nonResponseDays))
        return HealthComponent(
            kind: .nonResponse, score: max(0, 100 * (1 - Double(days) / n)), weight: weights.nonResponse,
            explanation: "no reply for \(days) days since the first unanswered outreach")
    }

    /// 100 without a renewal date or with one ≥ horizon days away; 100 × d ÷ horizon for 0 ≤ d < horizon
    /// whole days left; 0 once the date has passed.
    public func renewalProximity(_ renewal: Date?, now: Date) -> HealthComponent {
        guard let renewal else {
            return HealthComponent(
                kind: .renewalProximity, score: 100, weight: weights.renewalProximity, explanation: "no renewal date")
        }
        let days = Days.between(now, renewal)
        let horizon = max(1, renewalHorizonDays)
        let score: Double = days < 0 ? 0 : min(100, 100 * Double(days) / Double(horizon))
        let text = days < 0 ? "renewal date passed \(-days) days ago" : "renews in \(days) days"
        return HealthComponent(
            kind: .renewalProximity, score: score, weight: weights.renewalProximity, explanation: text)
    }
}
