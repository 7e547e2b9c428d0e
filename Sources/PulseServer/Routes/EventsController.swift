import Foundation
import Hummingbird
import PulseCore

/// `POST /api/events`: one JSON event, or NDJSON (`Content-Type: application/x-ndjson`), through the ingest gates.
/// Managers, executives and admins may post; reps may not.
struct EventsController {
    let api: APIContext

    func register(on router: some RouterMethods<AppRequestContext>) {
        router.on(.post, "/api/events", table: api.routes) { request, context in
            let principal = try context.caller()
            guard principal.role != .rep else {
                throw APIError.forbidden("Reps may not post events; use a manager's, executive's or admin's token.")
            }
            let contentType = request.headers[.contentType]?.lowercased() ?? "application/json"
            let ndjson = contentType.hasPrefix("application/x-ndjson") || contentType.hasPrefix("application/ndjson")
            guard ndjson || contentType.hasPrefix("application/json") else {
                throw APIError(
                    .unsupportedMediaType, code: "unsupported_media_type",
                    message: "Content-Type '\(contentType)' is not accepted; send application/json (one event) or "
                        + "application/x-ndjson (one event per line).")
            }
            let body = try await JSONBody.bytes(request, limit: api.configuration.maxBodyBytes)
            let response = try await EventIngestor(store: api.store, engines: api.engines).ingest(
                body: body, ndjson: ndjson, tenant: principal.tenant, source: "api:\(principal.user.id.rawValue)",
                now: api.clock())
            return try JSONBody.response(response)
        }
    }
}
