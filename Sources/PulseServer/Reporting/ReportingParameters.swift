import Foundation
import Hummingbird
import PulseCore

/// The query string of a reporting request, validated: `from` and `to` as ISO-8601 dates or date-times, `rep`
/// repeatable (or comma-separated), `category`, and the output format (`format=csv|json` or `Accept: text/csv`).
struct ReportingParameters {
    var query: ReportQuery
    var csv: Bool

    init(request: Request, now: Date) throws {
        let params = request.uri.queryParameters
        func date(_ name: String) throws -> Date? {
            guard let text = params.get(name), !text.isEmpty else { return nil }
            guard let value = ISODate.parse(text) else {
                throw APIError.badRequest(
                    "bad_parameter",
                    "Parameter '\(name)' must be an ISO-8601 date (2026-11-01) or date-time "
                        + "(2026-11-01T09:00:00Z); got '\(text)'.", field: name)
            }
            return value
        }
        let to = try date("to") ?? now
        let from = try date("from") ?? to.addingTimeInterval(-30 * 86_400)
        guard from < to else {
            throw APIError.badRequest("bad_parameter", "Parameter 'from' must be before 'to'.", field: "from")
        }
        let reps = params.getAll("rep").flatMap { $0.split(separator: ",") }.map {
            Rep.ID(String($0).trimmingCharacters(in: .whitespaces))
        }.filter { !$0.rawValue.isEmpty }
        let category = params.get("category").flatMap { $0.isEmpty ? nil : $0 }
        query = ReportQuery(from: from, to: to, reps: reps.isEmpty ? nil : Set(reps), category: category)
        switch params.get("format")?.lowercased() {
        case "csv": csv = true
        case "json": csv = false
        case nil, "":
            csv = request.headers[.accept]?.lowercased().contains("text/csv") ?? false
        case let other?:
            throw APIError.badRequest(
                "bad_parameter", "Parameter 'format' must be csv or json; got '\(other)'.", field: "format")
        }
    }
}
