import Foundation

/// One tenant's data held in memory for rule evaluation: every record once, plus per-entity indexes of row
/// positions (activities by deal, account and rep in time order; deals by owner and account …).
///
/// Built from arrays, then kept current with `apply(_:)`; pure, with `now` always passed in.
public struct EvaluationData: Sendable {
    public internal(set) var tenant: Tenant
    public internal(set) var accounts: [Account] = []
    public internal(set) var contacts: [Contact] = []
    public internal(set) var reps: [Rep] = []
    public internal(set) var deals: [Deal] = []
    public internal(set) var activities: [Activity] = []
    public internal(set) var engagement: [EngagementEvent] = []
    public internal(set) var tickets: [SupportTicket] = []
    public internal(set) var subscriptions: [Subscription] = []
    public internal(set) var targets: [KpiTarget] = []
    /// Trained churn and win models that score accounts and deals (none until `pulse model train`).
    public var models = ScoringModels()

    var accountRow: [Account.ID: Int32] = [:]
    var contactRow: [Contact.ID: Int32] = [:]
    /// Lower-cased e-mail → contact row.
    var contactByEmail: [String: Int32] = [:]
    var repRow: [Rep.ID: Int32] = [:]
    var dealRow: [Deal.ID: Int32] = [:]
    var activityRow: [Activity.ID: Int32] = [:]
    var engagementRow: [EngagementEvent.ID: Int32] = [:]
    var ticketRow: [SupportTicket.ID: Int32] = [:]
    var subscriptionRow: [Subscription.ID: Int32] = [:]
    var targetRow: [KpiTarget.ID: Int32] = [:]

    /// Epoch seconds of each activity / engagement event (parallel to the record arrays), for fast windows.
    var activityTime: [Int64] = []
    var engagementTime: [Int64] = []

    /// Activity rows per deal, account (the activity's, else its deal's) and rep (the activity's, else the
    /// deal owner), each list in time order.
    var activitiesByDeal: [Deal.ID: [Int32]] = [:]
    var activitiesByAccount: [Account.ID: [Int32]] = [:]
    var activitiesByRep: [Rep.ID: [Int32]] = [:]
    /// Engagement rows per account in time order; ticket rows per account in opened order.
    var engagementByAccount: [Account.ID: [Int32]] = [:]
    var ticketsByAccount: [Account.ID: [Int32]] = [:]
    /// Subscription rows per account, in arrival order.
    var subscriptionsByAccount: [Account.ID: [Int32]] = [:]
    /// Deal rows per owner and per account, ascending.
    var dealsByOwner: [Rep.ID: [Int32]] = [:]
    var dealsByAccount: [Account.ID: [Int32]] = [:]
    /// Rep rows per team name, ascending.
    var repsByTeam: [String: [Int32]] = [:]

    /// Population statistics from the last `refreshStatistics(now:)`.
    var statistics = EvaluationStatistics.empty
    /// Engagement segments of the active accounts from the last `refreshStatistics(now:)`.
    public internal(set) var segmentation = AccountSegmentation.none

    /// Indexes the given records (later duplicates of an id replace earlier ones; deals newest `updatedAt` wins)
    /// and computes the population statistics at `now`.
    public init(
        tenant: Tenant, accounts: [Account], contacts: [Contact], reps: [Rep], deals: [Deal],
        activities: [Activity], engagement: [EngagementEvent], tickets: [SupportTicket],
        subscriptions: [Subscription], targets: [KpiTarget], now: Date
    ) {
        self.tenant = tenant
        var batch = IngestBatch()
        batch.accounts = accounts
        batch.contacts = contacts
        batch.reps = reps
        batch.deals = deals
        // Time order first, so that per-entity lists are filled by appends.
        batch.activities = activities.enumerated().sorted { a, b in
            (a.element.occurredAt, a.offset) < (b.element.occurredAt, b.offset)
        }.map(\.element)
        batch.engagement = engagement.enumerated().sorted { a, b in
            (a.element.occurredAt, a.offset) < (b.element.occurredAt, b.offset)
        }.map(\.element)
        batch.tickets = tickets.enumerated().sorted { a, b in
            (a.element.openedAt, a.offset) < (b.element.openedAt, b.offset)
        }.map(\.element)
        batch.subscriptions = subscriptions
        batch.targets = targets
        self.activities.reserveCapacity(activities.count)
        self.activityTime.reserveCapacity(activities.count)
        _ = apply(batch)
        refreshStatistics(now: now)
    }

    /// Every entity of a scope, sorted: deals, accounts and reps by id, teams by name, the tenant, and for
    /// `segment` the keys (`industry=EdTech|region=EMEA`) of the deals' `segmentBy` dimensions (deals missing
    /// a dimension belong to no segment).
    public func entities(of scope: RuleScope, segmentBy: [String]) -> [EntityRef] {
        switch scope {
        case .deal: return dealRow.keys.sorted().map { EntityRef(.deal, $0.rawValue) }
        case .account: return accountRow.keys.sorted().map { EntityRef(.account, $0.rawValue) }
        case .rep: return repRow.keys.sorted().map { EntityRef(.rep, $0.rawValue) }
        case .team: return repsByTeam.keys.sorted().map { EntityRef(.team, $0) }
        case .tenant: return [EntityRef(.tenant, tenant.id.rawValue)]
        case .segment:
            return Set(deals.indices.compactMap { segmentKey(of: deals[$0], by: segmentBy) }).sorted()
                .map { EntityRef(.segment, $0) }
        }
    }

    /// Segment key of a deal, `dim=value|dim=value` in `dimensions` order; nil when a dimension has no value.
    public func segmentKey(of deal: Deal, by dimensions: [String]) -> String? {
        guard !dimensions.isEmpty else { return nil }
        var parts: [String] = []
        for dimension in dimensions {
            guard let value = dimensionValue(deal, dimension), !value.isEmpty else { return nil }
            parts.append("\(dimension)=\(value)")
        }
        return parts.joined(separator: "|")
    }

    /// A deal's value for a segment dimension (industry falls back to the account's; `engagement_segment` is
    /// the deal's account's engagement segment).
    func dimensionValue(_ deal: Deal, _ dimension: String) -> String? {
        switch dimension {
        case "industry": deal.industry ?? deal.account.flatMap { account($0)?.industry }
        case "region": deal.region
        case "segment": deal.segment
        case "lead_source": deal.leadSource
        case "product": deal.product
        case "pipeline": deal.pipeline
        case "engagement_segment": deal.account.flatMap { segmentation.segment(of: $0)?.name }
        default: nil
        }
    }

    func account(_ id: Account.ID) -> Account? { accountRow[id].map { accounts[Int($0)] } }
    /// The account's subscriptions, in arrival order.
    func subscriptions(of id: Account.ID) -> [Subscription] {
        (subscriptionsByAccount[id] ?? []).map { subscriptions[Int($0)] }
    }
    func rep(_ id: Rep.ID) -> Rep? { repRow[id].map { reps[Int($0)] } }
    func deal(_ id: Deal.ID) -> Deal? { dealRow[id].map { deals[Int($0)] } }

    /// Deal rows of a team: the deals owned by its reps, ascending.
    func dealRows(team: String) -> [Int32] {
        var rows: [Int32] = []
        for r in repsByTeam[team] ?? [] { rows += dealsByOwner[reps[Int(r)].id] ?? [] }
        return rows.sorted()
    }

    /// The contact a participant string names: a contact id, else a (case-insensitive) e-mail.
    func contactRow(participant: String) -> Int32? {
        if let row = contactRow[Contact.ID(participant)] { return row }
        guard participant.contains("@") else { return nil }
        return contactByEmail[participant.lowercased()]
    }
}
