import Foundation
import Hummingbird

/// An API failure: an HTTP status and the JSON body `{"error": {"code", "message", "field", "line"}}` every 4xx and
/// 5xx answer of the Pulse API has. `message` is a sentence that says what was wrong and what to do.
public struct APIError: HTTPResponseError, Sendable, Equatable {
    public var status: HTTPResponse.Status
    /// Stable, machine-readable: "unauthorized", "not_found", "bad_json", …
    public var code: String
    public var message: String
    /// The field (JSON path or query parameter) that was wrong, when one was.
    public var field: String?
    /// The body line (NDJSON, 1-based) that was wrong, when one was.
    public var line: Int?

    public init(_ status: HTTPResponse.Status, code: String, message: String, field: String? = nil, line: Int? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.field = field
        self.line = line
    }

    /// The error object inside the body (also used for per-line results of `POST /api/events`).
    public struct Detail: Codable, Sendable, Equatable {
        public var code: String
        public var message: String
        public var field: String?
        public var line: Int?

        public init(code: String, message: String, field: String? = nil, line: Int? = nil) {
            self.code = code
            self.message = message
            self.field = field
            self.line = line
        }
    }

    /// The whole JSON body.
    public struct Body: Codable, Sendable, Equatable {
        public var error: Detail
    }

    public var detail: Detail { Detail(code: code, message: message, field: field, line: line) }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        if status == .unauthorized { headers[.wwwAuthenticate] = "Bearer realm=\"pulse\"" }
        let data = (try? JSONEncoder.api.encode(Body(error: detail))) ?? Data(#"{"error":{"code":"internal"}}"#.utf8)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

extension APIError {
    static func unauthorized(_ message: String) -> APIError {
        APIError(.unauthorized, code: "unauthorized", message: message)
    }

    static func forbidden(_ message: String) -> APIError { APIError(.forbidden, code: "forbidden", message: message) }

    static func notFound(_ message: String) -> APIError { APIError(.notFound, code: "not_found", message: message) }

    static func badRequest(_ code: String, _ message: String, field: String? = nil, line: Int? = nil) -> APIError {
        APIError(.badRequest, code: code, message: message, field: field, line: line)
    }

    /// A query parameter whose value is not one the route knows.
    static func badQuery(_ name: String, value: String, expected: String) -> APIError {
        APIError(
            .badRequest, code: "bad_query",
            message: "Query parameter '\(name)' is '\(value)', which is not \(expected).", field: name)
    }

    /// Admin-only routes for everyone else.
    static func adminOnly(_ what: String) -> APIError {
        forbidden("Only an admin may \(what); ask an admin of your tenant.")
    }
}
