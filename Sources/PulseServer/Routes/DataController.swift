import Foundation
import Hummingbird
import PulseCore

/// Reads of the CRM data: deals, accounts, reps and activities, filtered, paged and limited to what the caller sees
/// (a rep their own records, a manager their team's). A record outside the caller's view is a 404, like an id of
/// another tenant.
struct DataController {
    let api: APIContext

    func register(on router: some RouterMethods<AppRequestContext>) {
        router.on(
            .get, "/api/deals", table: api.routes,
            query: ["owner", "stage", "status", "segment", "pipeline", "limit", "offset"]
        ) { request, context in
            let principal = try context.caller()
            let query = QueryReader(request)
            let paging = try query.paging()
            let statuses = try query.values("status", as: DealStatusFilter.self)
            let owners = Set(query.list("owner").map { Rep.ID($0) })
            let stages = Set(query.list("stage"))
            let segments = Set(query.list("segment"))
            let pipelines = Set(query.list("pipeline"))
            let deals = try await api.store.deals(tenant: principal.tenant).filter { deal in
                principal.sees(rep: deal.owner)
                    && (owners.isEmpty || deal.owner.map(owners.contains) == true)
                    && (stages.isEmpty || stages.contains(deal.stage))
                    && (segments.isEmpty || deal.segment.map(segments.contains) == true)
                    && (pipelines.isEmpty || pipelines.contains(deal.pipeline))
                    && (statuses.isEmpty || statuses.contains(DealStatusFilter(deal)))
            }
            return try JSONBody.response(Page(all: deals.sorted { $0.id < $1.id }, paging: paging))
        }
        router.on(.get, "/api/deals/{id}", table: api.routes) { request, context in
            let principal = try context.caller()
            let id = try context.parameters.require("id")
            guard let deal = try await api.store.deal(Deal.ID(id), tenant: principal.tenant),
                principal.sees(rep: deal.owner)
            else { throw APIError.notFound("There is no deal '\(id)' that you can see.") }
            return try JSONBody.response(deal)
        }
        router.on(.get, "/api/accounts", table: api.routes, query: ["owner", "segment", "industry", "limit", "offset"])
        { request, context in
            let principal = try context.caller()
            let query = QueryReader(request)
            let paging = try query.paging()
            let owners = Set(query.list("owner").map { Rep.ID($0) })
            let segments = Set(query.list("segment"))
            let industries = Set(query.list("industry"))
            let visible = try await visibleAccounts(principal)
            let accounts = try await api.store.accounts(tenant: principal.tenant).filter { account in
                visible.map { $0.contains(account.id) } ?? true
                    && (owners.isEmpty || account.owner.map(owners.contains) == true)
                    && (segments.isEmpty || account.segment.map(segments.contains) == true)
                    && (industries.isEmpty || account.industry.map(industries.contains) == true)
            }
            return try JSONBody.response(Page(all: accounts.sorted { $0.id < $1.id }, paging: paging))
        }
        router.on(.get, "/api/accounts/{id}", table: api.routes) { request, context in
            let principal = try context.caller()
            let id = Account.ID(try context.parameters.require("id"))
            let visible = try await visibleAccounts(principal)
            guard visible.map({ $0.contains(id) }) ?? true,
                let account = try await api.store.accounts(tenant: principal.tenant).first(where: { $0.id == id })
            else { throw APIError.notFound("There is no account '\(id.rawValue)' that you can see.") }
            return try JSONBody.response(account)
        }
        router.on(.get, "/api/reps", table: api.routes, query: ["role", "team", "limit", "offset"]) {
            request, context in
            let principal = try context.caller()
            let query = QueryReader(request)
            let paging = try query.paging()
            let roles = Set(try query.values("role", as: RepRole.self))
            let teams = Set(query.list("team"))
            let reps = try await api.store.reps(tenant: principal.tenant).filter { rep in
                principal.sees(rep: rep.id) && (roles.isEmpty || roles.contains(rep.role))
                    && (teams.isEmpty || rep.team.map(teams.contains) == true)
            }
            return try JSONBody.response(Page(all: reps.sorted { $0.id < $1.id }, paging: paging))
        }
        router.on(
            .get, "/api/activities", table: api.routes, query: ["from", "to", "rep", "deal", "kind", "limit", "offset"]
        ) { request, context in
            let principal = try context.caller()
            let query = QueryReader(request)
            let paging = try query.paging()
            let to = try query.date("to") ?? api.clock()
            let from = try query.date("from") ?? to.addingTimeInterval(-30 * 86_400)
            guard from < to else {
                throw APIError.badRequest("bad_range", "'from' must be before 'to'.", field: "from")
            }
            let reps = Set(query.list("rep").map { Rep.ID($0) })
            let deals = Set(query.list("deal").map { Deal.ID($0) })
            let kinds = Set(try query.values("kind", as: ActivityKind.self))
            let visibleDeals = try await visibleDealIDs(principal)
            let activities = try await api.store.activities(tenant: principal.tenant, from: from, to: to).filter {
                activity in
                (principal.sees(rep: activity.rep) || activity.deal.map { visibleDeals?.contains($0) ?? true } == true)
                    && (reps.isEmpty || activity.rep.map(reps.contains) == true)
                    && (deals.isEmpty || activity.deal.map(deals.contains) == true)
                    && (kinds.isEmpty || kinds.contains(activity.kind))
            }
            return try JSONBody.response(Page(all: activities, paging: paging))
        }
    }

    /// Deals of visible reps; nil when the caller sees the whole tenant.
    func visibleDealIDs(_ principal: Principal) async throws -> Set<Deal.ID>? {
        guard principal.visibleReps != nil else { return nil }
        return Set(
            try await api.store.deals(tenant: principal.tenant).filter { principal.sees(rep: $0.owner) }.map(\.id))
    }

    /// Accounts a visible rep owns or has a deal with; nil when the caller sees the whole tenant.
    func visibleAccounts(_ principal: Principal) async throws -> Set<Account.ID>? {
        guard principal.visibleReps != nil else { return nil }
        var ids = Set<Account.ID>()
        for account in try await api.store.accounts(tenant: principal.tenant) where principal.sees(rep: account.owner) {
            ids.insert(account.id)
        }
        for deal in try await api.store.deals(tenant: principal.tenant) where principal.sees(rep: deal.owner) {
            if let account = deal.account { ids.insert(account) }
        }
        return ids
    }
}

/// `?status=` of `GET /api/deals`.
enum DealStatusFilter: String, CaseIterable, Sendable {
    case open, won, lost

    init(_ deal: Deal) {
        switch deal.outcome {
        case .won?: self = .won
        case .lost?: self = .lost
        default: self = .open
        }
    }
}
