import Foundation

/// One account engagement measure the segmentation clusters on: how it is scaled before clustering, how a
/// segment's typical value reads in real units, and the words a segment name uses when it stands out.
public enum EngagementFeature: String, CaseIterable, Hashable, Sendable, Codable, CodingKeyRepresentable {
    /// Engagement events (their `count`s) in the last 30 days per seat; per account when seats are unknown.
    case eventsPerSeat = "events_per_seat_30d"
    /// Distinct contacts with engagement in the last 30 days ÷ seats (unknown without seats).
    case activeUserShare = "active_user_share_30d"
    /// Distinct features used (`feature_used` events) in the last 30 days.
    case distinctFeatures = "distinct_features_30d"
    /// ln((1 + events last 30 days) ÷ (1 + events in the 30 days before)); 0 is flat.
    case usageTrend = "usage_trend_30d"
    /// Support tickets opened in the last 90 days.
    case tickets = "tickets_90d"
    /// Days since the latest engagement, at most 60 (no engagement in 60 days, or since sign-up if younger).
    case daysSinceEngagement = "days_since_engagement"
    /// Annual recurring revenue of the account record, in dollars (unknown without one).
    case arr = "arr"
    /// Days since the account was created (unknown without a creation date).
    case tenure = "tenure_days"

    /// Whether the value is a count-like, skewed quantity standardised on log1p.
    var logScaled: Bool { self != .usageTrend && self != .activeUserShare }

    /// The value as clustered, before z-scoring.
    func scaled(_ raw: Double) -> Double { logScaled ? log1p(max(0, raw)) : raw }

    /// Short label for tables ("events/seat 30d").
    public var label: String {
        switch self {
        case .eventsPerSeat: "events/seat 30d"
        case .activeUserShare: "active users"
        case .distinctFeatures: "features 30d"
        case .usageTrend: "usage trend"
        case .tickets: "tickets 90d"
        case .daysSinceEngagement: "days idle"
        case .arr: "ARR"
        case .tenure: "tenure days"
        }
    }

    /// The word a segment name uses when its centroid is far above (`high`) or below the mean on this feature.
    func word(high: Bool) -> String {
        switch self {
        case .eventsPerSeat: high ? "high usage" : "low usage"
        case .activeUserShare: high ? "broad adoption" : "few active users"
        case .distinctFeatures: high ? "many features" : "low adoption"
        case .usageTrend: high ? "growing usage" : "declining usage"
        case .tickets: high ? "many tickets" : "low support"
        case .daysSinceEngagement: high ? "dormant" : "recently active"
        case .arr: high ? "high ARR" : "low ARR"
        case .tenure: high ? "established" : "new"
        }
    }

    /// A segment's typical value in real units: the mean of its members' raw values, except the trend, whose
    /// mean log ratio is shown as a percentage change (a geometric mean).
    public func realUnits(meanOfRaw mean: Double) -> Double {
        self == .usageTrend ? exp(mean) - 1 : mean
    }

    /// A real-unit value as text ("3.2", "45%", "+12%", "$12,000").
    public func format(_ value: Double) -> String {
        guard value.isFinite else { return "–" }
        switch self {
        case .activeUserShare: return String(format: "%.0f%%", value * 100)
        case .usageTrend: return String(format: "%+.0f%%", value * 100)
        case .arr: return "$" + Self.grouped(Int64(value.rounded()))
        case .daysSinceEngagement, .tenure: return String(format: "%.0f", value)
        case .eventsPerSeat, .distinctFeatures, .tickets: return String(format: "%.1f", value)
        }
    }

    private static func grouped(_ n: Int64) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }
}
