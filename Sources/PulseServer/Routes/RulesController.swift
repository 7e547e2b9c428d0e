import Foundation
import Hummingbird
import PulseCore

/// `GET /api/rules`: the loaded rules with their per-rule statistics (as `pulse rules stats`): alerts raised,
/// active, acknowledged, resolved, feedback and precision.
struct RulesController {
    let api: APIContext

    /// One rule as the API lists it.
    struct RuleRow: Encodable, Sendable {
        var id: String
        var title: String
        var scope: String
        var severity: String
        var category: String
        var enabled: Bool
        var shadow: Bool
        var source: String
        var stats: Stats
    }

    /// A rule's statistics.
    struct Stats: Encodable, Sendable {
        var raised, active, acknowledged, resolved, autoResolved, manuallyResolved, shadow, helpful, noise: Int
        var precision: Double?
        var medianSecondsToAcknowledge: Double?
    }

    func register(on router: some RouterMethods<AppRequestContext>) {
        router.on(.get, "/api/rules", table: api.routes, query: ["limit", "offset"]) { request, context in
            let principal = try context.caller()
            let query = QueryReader(request)
            let paging = try query.paging()
            let rules = await api.engines.rules
            let alerts = try await api.store.alerts(
                AlertFilter(tenant: principal.tenant, includeResolved: true, limit: Int.max))
            let feedback = try await api.store.feedback(tenant: principal.tenant)
            let stats = Dictionary(
                RuleStats.compute(alerts: alerts, feedback: feedback, rules: rules.map(\.id)).map { ($0.rule, $0) },
                uniquingKeysWith: { first, _ in first })
            let rows = rules.sorted { $0.id < $1.id }.map { rule in
                let s = stats[rule.id] ?? RuleStats(rule: rule.id)
                return RuleRow(
                    id: rule.id, title: rule.title, scope: rule.scope.rawValue, severity: rule.severity.rawValue,
                    category: rule.category, enabled: rule.enabled, shadow: rule.shadow, source: rule.source,
                    stats: Stats(
                        raised: s.raised, active: s.active, acknowledged: s.acknowledged, resolved: s.resolved,
                        autoResolved: s.autoResolved, manuallyResolved: s.manuallyResolved, shadow: s.shadow,
                        helpful: s.helpful, noise: s.noise, precision: s.precision,
                        medianSecondsToAcknowledge: s.medianTimeToAcknowledge))
            }
            return try JSONBody.response(Page(all: rows, paging: paging))
        }
    }
}
