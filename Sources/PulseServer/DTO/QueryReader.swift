import Foundation
import Hummingbird
import PulseCore

/// Reads a route's query parameters: refuses names the route does not know and values that do not parse, each
/// with a 400 that names the parameter.
struct QueryReader {
    let parameters: [String: [String]]

    /// The request's query parameters (already checked against the route's list by `RouteTable`'s `on`).
    init(_ request: Request) {
        var table: [String: [String]] = [:]
        for (key, value) in request.uri.queryParameters { table[String(key), default: []].append(String(value)) }
        parameters = table
    }

    /// Refuses a query parameter the route does not accept, with a 400 naming it and listing the accepted ones.
    static func check(_ request: Request, allowed: Set<String>) throws {
        for (key, _) in request.uri.queryParameters where !allowed.contains(String(key)) {
            let name = String(key)
            throw APIError.badRequest(
                "unknown_parameter",
                "Unknown query parameter '\(name)'; this route accepts "
                    + (allowed.isEmpty ? "none" : allowed.sorted().joined(separator: ", ")) + ".",
                field: name)
        }
    }

    /// The parameter's value; the last one when it is repeated; nil when absent or empty.
    func string(_ name: String) -> String? {
        guard let value = parameters[name]?.last, !value.isEmpty else { return nil }
        return value
    }

    /// Every value of a repeated or comma-separated parameter (`?state=open,acknowledged&state=snoozed`).
    func list(_ name: String) -> [String] {
        (parameters[name] ?? []).flatMap { $0.split(separator: ",").map { String($0) } }.filter { !$0.isEmpty }
    }

    func int(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let text = string(name) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw APIError.badQuery(
                name, value: text, expected: "a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    /// An ISO-8601 date or date-time (`2026-11-25`, `2026-11-25T09:00:00Z`).
    func date(_ name: String) throws -> Date? {
        guard let text = string(name) else { return nil }
        guard let date = ISODate.parse(text) else {
            throw APIError.badQuery(name, value: text, expected: "an ISO-8601 date such as 2026-11-25T09:00:00Z")
        }
        return date
    }

    /// Values of a string enum; unknown values are a 400 listing the known ones.
    func values<E: RawRepresentable & CaseIterable>(_ name: String, as: E.Type) throws -> [E]
    where E.RawValue == String {
        try list(name).map { text in
            guard let value = E(rawValue: text) else {
                throw APIError.badQuery(
                    name, value: text, expected: "one of " + E.allCases.map(\.rawValue).joined(separator: ", "))
            }
            return value
        }
    }

    func bool(_ name: String) throws -> Bool? {
        guard let text = string(name) else { return nil }
        switch text.lowercased() {
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        default: throw APIError.badQuery(name, value: text, expected: "true or false")
        }
    }

    /// `limit` (1…1000, default 100) and `offset` (≥ 0, default 0).
    func paging(defaultLimit: Int = 100) throws -> Paging {
        Paging(
            limit: try int("limit", in: 1...Paging.maxLimit) ?? defaultLimit,
            offset: try int("offset", in: 0...Int(Int32.max)) ?? 0)
    }
}
