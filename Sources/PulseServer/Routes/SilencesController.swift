import Foundation
import Hummingbird
import PulseCore

/// Silences: list (`?all=true` includes ended ones), create, and end early. Creating and ending are for managers,
/// executives and admins, and are audit-logged.
struct SilencesController {
    let api: APIContext

    func register(on router: some RouterMethods<AppRequestContext>) {
        router.on(.get, "/api/silences", table: api.routes, query: ["all", "limit", "offset"]) { request, context in
            let principal = try context.caller()
            let query = QueryReader(request)
            let paging = try query.paging()
            let silences = try await api.store.silences(
                tenant: principal.tenant, includeExpired: try query.bool("all") ?? false, now: api.clock())
            return try JSONBody.response(Page(all: silences, paging: paging))
        }
        router.on(.post, "/api/silences", table: api.routes) { request, context in
            let principal = try manager(context)
            let body = try await JSONBody.decode(
                SilenceRequest.self, from: request, limit: api.configuration.maxBodyBytes)
            guard !body.matchers.isEmpty else {
                throw APIError.badRequest(
                    "bad_field", "'matchers' is empty; give at least one, such as \"severity=critical\".",
                    field: "matchers")
            }
            var matchers: [LabelMatcher] = []
            for (index, text) in body.matchers.enumerated() {
                guard let matcher = LabelMatcher(parsing: text) else {
                    throw APIError.badRequest(
                        "bad_field",
                        "'\(text)' is not a matcher; write name=value, name!=value, name=~regex or name!~regex.",
                        field: "matchers[\(index)]")
                }
                matchers.append(matcher)
            }
            let now = api.clock()
            let end = try EndTime.resolve(until: body.until, duration: body.duration, now: now)
            guard end > now else {
                throw APIError.badRequest("bad_field", "The silence would end before it starts.", field: "until")
            }
            let silence = try await api.engines.engine(for: principal.tenant).addSilence(
                matchers: matchers, from: now, until: end, by: principal.user.id.rawValue,
                reason: body.reason ?? "", at: now)
            try await api.audit(
                principal, "silence.create", target: "silence:\(silence.id)",
                detail: matchers.map(\.description).joined(separator: " ") + " until \(ISODate.format(end))")
            return try JSONBody.response(silence, status: .created)
        }
        router.on(.delete, "/api/silences/{id}", table: api.routes) { request, context in
            let principal = try manager(context)
            let id = try context.parameters.require("id")
            let silence = try await api.engines.engine(for: principal.tenant).expireSilence(
                id, by: principal.user.id.rawValue, at: api.clock())
            try await api.audit(principal, "silence.expire", target: "silence:\(id)")
            return try JSONBody.response(silence)
        }
    }

    /// The caller, who must be a manager, executive or admin.
    private func manager(_ context: AppRequestContext) throws -> Principal {
        let principal = try context.caller()
        guard principal.role != .rep else {
            throw APIError.forbidden("Reps may not create or end silences; ask your manager.")
        }
        return principal
    }
}
