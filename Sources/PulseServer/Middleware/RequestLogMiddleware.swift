import Foundation
import Hummingbird
import Logging
import Metrics

/// Writes one structured log line per request (method, path, status, duration, tenant, user) and counts requests
/// for Prometheus (`pulse_http_requests_total{method,status}`, `pulse_http_request_duration_seconds`).
public struct RequestLogMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext
    let logger: Logger

    public init(logger: Logger) { self.logger = logger }

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let started = ContinuousClock.now
        var status = 500
        defer {
            let elapsed = ContinuousClock.now - started
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            var metadata: Logger.Metadata = [
                "method": "\(request.method.rawValue)", "path": "\(request.uri.path)", "status": "\(status)",
                "duration_ms": "\(String(format: "%.2f", seconds * 1000))",
            ]
            if let tenant = context.trace.tenant { metadata["tenant"] = "\(tenant)" }
            if let user = context.trace.user { metadata["user"] = "\(user)" }
            logger.info("request", metadata: metadata)
            Counter(
                label: "pulse_http_requests_total",
                dimensions: [("method", request.method.rawValue), ("status", "\(status)")]
            ).increment()
            Metrics.Timer(label: "pulse_http_request_duration_seconds").recordNanoseconds(
                Int64(seconds * 1_000_000_000))
        }
        let response = try await next(request, context)
        status = response.status.code
        return response
    }
}
