import Foundation
import Hummingbird
import Logging
import NIOCore
import PulseCore
import PulseEngine
import PulseStore

/// Turns every error a route or middleware throws into the API's JSON error body (`APIError`), in one place:
/// unknown paths (404), wrong methods (405), too-large bodies (413), engine and alert-action refusals, and
/// anything unexpected (500, logged, without internals in the body).
public struct ErrorMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext
    let routes: RouteTable

    public init(routes: RouteTable) { self.routes = routes }

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let apiError = map(error, request: request, logger: context.logger)
            var response = try apiError.response(from: request, context: context)
            if apiError.status == .methodNotAllowed {
                let allowed = routes.methods(matching: request.uri.path).sorted().joined(separator: ", ")
                response.headers[.allow] = allowed
            }
            return response
        }
    }

    func map(_ error: any Error, request: Request, logger: Logger) -> APIError {
        switch error {
        case let error as APIError:
            return error
        case is NIOTooManyBytesError:
            return APIError(
                .contentTooLarge, code: "body_too_large",
                message: "The request body is larger than this server accepts (maxBodyBytes); split it into smaller "
                    + "requests.")
        case let error as HTTPError where error.status == .notFound:
            let path = request.uri.path
            let methods = routes.methods(matching: path)
            if !methods.isEmpty {
                return APIError(
                    .methodNotAllowed, code: "method_not_allowed",
                    message: "\(path) does not accept \(request.method.rawValue); it accepts "
                        + methods.sorted().joined(separator: ", ") + ".")
            }
            return APIError(
                .notFound, code: "not_found",
                message: "There is no route \(request.method.rawValue) \(path); /openapi.yaml lists every route.")
        case let error as HTTPError:
            return APIError(
                error.status, code: Self.code(for: error.status),
                message: error.body ?? "The request failed: \(error.status.reasonPhrase).")
        case let error as DecodingError:
            return Self.decoding(error)
        case let error as AlertActionError:
            let status: HTTPResponse.Status =
                switch error.code {
                case .notFound: .notFound
                case .snoozeNotInFuture, .unknownRep: .badRequest
                case .alreadyResolved, .alreadyAcknowledged, .alreadyAssigned: .conflict
                }
            return APIError(status, code: error.code.rawValue, message: error.message)
        case let error as EngineError:
            let status: HTTPResponse.Status =
                switch error.code {
                case "alert_not_found", "silence_not_found": .notFound
                case "silence_expired": .conflict
                default: .badRequest
                }
            return APIError(status, code: error.code, message: error.message)
        default:
            logger.error(
                "request failed", metadata: ["error": "\(String(reflecting: error))", "path": "\(request.uri.path)"])
            return APIError(
                .internalServerError, code: "internal",
                message: "The server could not complete the request; the failure is in its log. Try again later.")
        }
    }

    /// "unauthorized" for 401, "not_found" for 404, …
    static func code(for status: HTTPResponse.Status) -> String {
        status.reasonPhrase.lowercased().replacingOccurrences(of: " ", with: "_")
            .replacingOccurrences(of: "'", with: "")
    }

    /// A JSON body that did not decode: which field, and why.
    static func decoding(_ error: DecodingError) -> APIError {
        func path(_ codingPath: [any CodingKey]) -> String? {
            let text = codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            let trimmed = text.hasPrefix(".") ? String(text.dropFirst()) : text
            return trimmed.isEmpty ? nil : trimmed
        }
        switch error {
        case .keyNotFound(let key, let context):
            let field = path(context.codingPath + [key]) ?? key.stringValue
            return .badRequest("missing_field", "The JSON body has no '\(field)'; it is required.", field: field)
        case .typeMismatch(let type, let context):
            let field = path(context.codingPath)
            return .badRequest(
                "bad_field", "'\(field ?? "body")' has the wrong type; expected \(Self.typeName(type)).", field: field)
        case .valueNotFound(let type, let context):
            let field = path(context.codingPath)
            return .badRequest(
                "bad_field", "'\(field ?? "body")' is null; expected \(Self.typeName(type)).", field: field)
        case .dataCorrupted(let context):
            let field = path(context.codingPath)
            if let field {
                return .badRequest(
                    "bad_field", "'\(field)' is not valid: \(context.debugDescription)", field: field)
            }
            return .badRequest("bad_json", "The request body is not valid JSON; send one JSON object.")
        @unknown default:
            return .badRequest("bad_json", "The request body could not be read as JSON.")
        }
    }

    static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Int64.Type: "an integer"
        case is Double.Type: "a number"
        case is Bool.Type: "true or false"
        case is Date.Type: "an ISO-8601 date"
        default: "\(type)"
        }
    }
}
