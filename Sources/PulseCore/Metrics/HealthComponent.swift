import Foundation

/// One component of a health score: a 0–100 sub-score, its weight and a one-line reason.
public struct HealthComponent: Hashable, Sendable {
    /// The five health components.
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        case engagementTrend = "engagement_trend"
        case featureBreadth = "feature_breadth"
        case supportLoad = "support_load"
        case nonResponse = "non_response"
        case renewalProximity = "renewal_proximity"
    }

    public var kind: Kind
    public var score: Double
    public var weight: Double
    public var explanation: String
}
