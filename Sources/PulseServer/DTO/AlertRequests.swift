import Foundation
import PulseCore

/// Body of `POST /api/alerts/{number}/snooze`: exactly one of `until` (ISO-8601) or `for` (`30m`, `4h`, `2d`).
struct SnoozeRequest: Decodable {
    var until: String?
    var duration: String?

    enum CodingKeys: String, CodingKey {
        case until
        case duration = "for"
    }

    func end(now: Date) throws -> Date {
        try EndTime.resolve(until: until, duration: duration, now: now)
    }
}

/// Body of `POST /api/alerts/{number}/resolve`.
struct ResolveRequest: Decodable {
    var note: String?
}

/// Body of `POST /api/alerts/{number}/assign`.
struct AssignRequest: Decodable {
    var to: String
}

/// Body of `POST /api/alerts/{number}/feedback`.
struct FeedbackRequest: Decodable {
    var verdict: String
    var note: String?
}

/// Body of `POST /api/silences`.
struct SilenceRequest: Decodable {
    var matchers: [String]
    var until: String?
    var duration: String?
    var reason: String?

    enum CodingKeys: String, CodingKey {
        case matchers, until, reason
        case duration = "for"
    }
}

/// An end time given as `until` (ISO-8601) or `for` (a duration from now): exactly one of them.
enum EndTime {
    static func resolve(until: String?, duration: String?, now: Date) throws -> Date {
        switch (until, duration) {
        case (let until?, nil):
            guard let date = ISODate.parse(until) else {
                throw APIError.badRequest(
                    "bad_field", "'until' is '\(until)', which is not an ISO-8601 time such as 2026-12-01T09:00:00Z.",
                    field: "until")
            }
            return date
        case (nil, let text?):
            guard let duration = RuleDuration(text) else {
                throw APIError.badRequest(
                    "bad_field", "'for' is '\(text)', which is not a positive duration like 30m, 4h, 2d or 1w.",
                    field: "for")
            }
            return now.addingTimeInterval(duration.timeInterval)
        default:
            throw APIError.badRequest(
                "bad_field", "Give exactly one of 'until' (an ISO-8601 time) or 'for' (a duration like 4h).",
                field: "until")
        }
    }
}
