import Foundation
import Hummingbird
import PulseCore

/// The public operations routes: `/healthz` (process up), `/readyz` (the store answers), `/metrics` (Prometheus
/// text) and `/openapi.yaml` (the API's description).
struct OperationsController {
    let api: APIContext

    func register(on router: some RouterMethods<AppRequestContext>) {
        router.on(.get, "/healthz", table: api.routes) { _, _ in
            try JSONBody.response(["status": "ok"])
        }
        router.on(.get, "/readyz", table: api.routes) { _, _ in
            do {
                _ = try await api.store.tenants()
            } catch {
                api.logger.warning("not ready", metadata: ["error": "\(error)"])
                throw APIError(
                    .serviceUnavailable, code: "store_unavailable",
                    message: "The store does not answer queries (\(error)); the server is not ready.")
            }
            return try JSONBody.response(["status": "ready"])
        }
        router.on(.get, "/metrics", table: api.routes) { _, _ in
            let text = try await ServerMetrics.scrape(store: api.store)
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: text)))
        }
        router.on(.get, "/openapi.yaml", table: api.routes) { _, _ in
            guard let text = OpenAPIDocument.text else {
                throw APIError(
                    .internalServerError, code: "openapi_missing",
                    message: "The OpenAPI document is missing from the server's resources; reinstall Pulse.")
            }
            return Response(
                status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: text)))
        }
    }
}

/// The OpenAPI 3 document shipped as a resource (`Resources/openapi.yaml`).
public enum OpenAPIDocument {
    /// The document's text, nil when the resource is missing.
    public static let text: String? = {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "yaml", subdirectory: "Resources")
        else { return nil }
        return try? String(contentsOf: url, encoding: .utf8)
    }()
}
