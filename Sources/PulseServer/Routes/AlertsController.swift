import Foundation
import Hummingbird
import PulseCore
import PulseEngine

/// Alerts: list and filter, show (audit-logged as `alert.view`), and act (ack, snooze, resolve, assign, feedback;
/// each audit-logged). A caller sees and acts on only the alerts of their visible reps; others are 404s.
struct AlertsController {
    let api: APIContext

    func register(on router: some RouterMethods<AppRequestContext>) {
        router.on(
            .get, "/api/alerts", table: api.routes,
            query: ["state", "severity", "owner", "rule", "entity", "limit", "offset"]
        ) { request, context in
            let principal = try context.caller()
            let query = QueryReader(request)
            let paging = try query.paging()
            let states = Set(try query.values("state", as: AlertState.self))
            let severities = Set(try query.values("severity", as: Severity.self))
            var entity: EntityRef?
            if let text = query.string("entity") {
                guard let parsed = EntityRef(parsing: text) else {
                    throw APIError.badQuery(
                        "entity", value: text,
                        expected: "scope:id such as deal:D1 (scopes: "
                            + RuleScope.allCases.map(\.rawValue).joined(separator: ", ") + ")")
                }
                entity = parsed
            }
            let filter = AlertFilter(
                tenant: principal.tenant, states: states, severities: severities,
                owner: query.string("owner").map { Rep.ID($0) }, visibleTo: principal.visibleReps,
                rule: query.string("rule"), entity: entity, includeResolved: states.contains(.resolved),
                limit: paging.limit, offset: paging.offset)
            // Visibility (owner, assignee or recipient among the caller's reps — `Principal.sees`) and paging both
            // happen in the store's query.
            // The answer is reused while the tenant's alert feed stays at the version it was encoded at (read first,
            // so a change during the read makes the next request read again).
            let key = AlertListCache.Key(
                tenant: principal.tenant, visibleReps: principal.visibleReps, query: request.uri.query ?? "")
            let version = try await api.store.latestAlertChange(tenant: principal.tenant)
            if let body = api.alertLists.body(for: key, version: version) {
                return JSONBody.response(encoded: body)
            }
            async let total = api.store.alertCount(filter)
            let alerts = try await api.store.alerts(filter)
            let body = ByteBuffer(
                bytes: try JSONEncoder.api.encode(
                    Page(items: alerts, total: try await total, limit: paging.limit, offset: paging.offset)))
            api.alertLists.store(body, for: key, version: version)
            return JSONBody.response(encoded: body)
        }
        router.on(.get, "/api/alerts/{number}", table: api.routes) { request, context in
            let principal = try context.caller()
            let alert = try await visibleAlert(context, principal)
            try await api.audit(principal, "alert.view", target: "alert:\(alert.number)")
            return try JSONBody.response(alert)
        }
        action(router, "ack", audit: "alert.acknowledge") { alert, principal, _, engine, now in
            let updated = try await engine.acknowledge(String(alert.number), by: principal.user.id.rawValue, at: now)
            return (updated, "acknowledged")
        }
        action(router, "snooze", audit: "alert.snooze") { alert, principal, request, engine, now in
            let body = try await JSONBody.decode(
                SnoozeRequest.self, from: request, limit: api.configuration.maxBodyBytes)
            let until = try body.end(now: now)
            let updated = try await engine.snooze(
                String(alert.number), until: until, by: principal.user.id.rawValue, at: now)
            return (updated, "snoozed until \(ISODate.format(until))")
        }
        action(router, "resolve", audit: "alert.resolve") { alert, principal, request, engine, now in
            let body = try await optionalBody(ResolveRequest.self, request) ?? ResolveRequest()
            let updated = try await engine.resolve(
                String(alert.number), by: principal.user.id.rawValue, note: body.note, at: now)
            return (updated, body.note.map { "resolved: \($0)" } ?? "resolved")
        }
        action(router, "assign", audit: "alert.assign") { alert, principal, request, engine, now in
            let body = try await JSONBody.decode(
                AssignRequest.self, from: request, limit: api.configuration.maxBodyBytes)
            let rep = Rep.ID(body.to)
            guard principal.sees(rep: rep) else {
                throw APIError.badRequest(
                    "bad_field", "You cannot assign to '\(body.to)': that rep is outside your team.", field: "to")
            }
            let updated = try await engine.assign(
                String(alert.number), to: rep, by: principal.user.id.rawValue, at: now)
            return (updated, "assigned to \(body.to)")
        }
        action(router, "feedback", audit: "alert.feedback") { alert, principal, request, engine, now in
            let body = try await JSONBody.decode(
                FeedbackRequest.self, from: request, limit: api.configuration.maxBodyBytes)
            guard let verdict = AlertFeedback.Verdict(rawValue: body.verdict) else {
                throw APIError.badRequest(
                    "bad_field", "'verdict' is '\(body.verdict)'; it must be helpful or noise.", field: "verdict")
            }
            let updated = try await engine.feedback(
                String(alert.number), verdict: verdict, by: principal.user.id.rawValue, note: body.note, at: now)
            return (updated, "feedback \(verdict.rawValue)")
        }
    }

    typealias Action = @Sendable (Alert, Principal, Request, AlertEngine, Date) async throws -> (Alert, String)

    /// Registers `POST /api/alerts/{number}/<name>`: finds the visible alert, runs `body`, writes the audit line.
    private func action(
        _ router: some RouterMethods<AppRequestContext>, _ name: String, audit: String, body: @escaping Action
    ) {
        router.on(.post, "/api/alerts/{number}/\(name)", table: api.routes) { request, context in
            let principal = try context.caller()
            let alert = try await visibleAlert(context, principal)
            let engine = await api.engines.engine(for: principal.tenant)
            let (updated, detail) = try await body(alert, principal, request, engine, api.clock())
            try await api.audit(principal, audit, target: "alert:\(alert.number)", detail: detail)
            return try JSONBody.response(updated)
        }
    }

    /// The alert `{number}` names, when the caller may see it; a 404 otherwise.
    private func visibleAlert(_ context: AppRequestContext, _ principal: Principal) async throws -> Alert {
        let text = try context.parameters.require("number")
        let digits = text.hasPrefix("#") ? String(text.dropFirst()) : text
        guard let number = Int64(digits), number > 0 else {
            throw APIError.badRequest(
                "bad_parameter", "'\(text)' is not an alert number; use the number alerts are listed with.",
                field: "number")
        }
        guard let alert = try await api.store.alert(number: number, tenant: principal.tenant), principal.sees(alert)
        else { throw APIError.notFound("There is no alert #\(number) that you can see.") }
        return alert
    }

    /// A JSON body that may be absent.
    private func optionalBody<T: Decodable>(_ type: T.Type, _ request: Request) async throws -> T? {
        let bytes = try await JSONBody.bytes(request, limit: api.configuration.maxBodyBytes)
        guard !bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) else { return nil }
        do { return try JSONDecoder.api.decode(T.self, from: Data(bytes)) } catch let error as DecodingError {
            throw ErrorMiddleware.decoding(error)
        }
    }
}
