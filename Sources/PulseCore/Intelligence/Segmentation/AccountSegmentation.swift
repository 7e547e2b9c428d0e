import Foundation

/// The engagement segments of a tenant's active accounts at one time: the k chosen by silhouette, every k tried,
/// each segment's name, size and centroid, and each account's segment — or why there is no segmentation.
public struct AccountSegmentation: Sendable, Hashable {
    /// One segment.
    public struct Segment: Sendable, Hashable, Codable {
        /// 1-based, largest segment first.
        public var number: Int
        /// Descriptive name from the centroid ("high usage / low support"), unique within the segmentation.
        public var name: String
        public var size: Int
        /// Centroid in standard units (z-scores of the scaled features), per clustered feature.
        public var centroid: [EngagementFeature: Double]
        /// Typical member values in real units (`EngagementFeature.realUnits`), per feature known for a member.
        public var typical: [EngagementFeature: Double]
    }

    /// One k tried.
    public struct Trial: Sendable, Hashable, Codable {
        public var k: Int
        public var silhouette: Double
        public var inertia: Double
    }

    public var asOf: Date
    /// Accounts clustered (not churned).
    public var accounts: Int
    /// Churned accounts left out.
    public var churned: Int
    /// Features clustered on; and those left out because they are unknown for all or do not vary.
    public var features: [EngagementFeature]
    public var droppedFeatures: [EngagementFeature]
    /// Every k tried, ascending.
    public var trials: [Trial]
    /// Segments, largest first; empty when there is no segmentation.
    public var segments: [Segment]
    /// Why there is no segmentation (too few accounts, no varying feature); nil when there is one.
    public var unavailable: String?
    /// Segment number of each clustered account.
    public var membership: [Account.ID: Int]

    /// The number of segments (0 without a segmentation).
    public var k: Int { segments.count }

    /// Silhouette of the chosen k.
    public var silhouette: Double? { trials.first { $0.k == k }?.silhouette }

    /// The segment of an account; nil for churned or unknown accounts and without a segmentation.
    public func segment(of account: Account.ID) -> Segment? {
        membership[account].map { segments[$0 - 1] }
    }

    /// No segmentation, for `reason`.
    public static func unavailable(
        _ reason: String, asOf: Date, accounts: Int = 0, churned: Int = 0, features: [EngagementFeature] = [],
        dropped: [EngagementFeature] = []
    ) -> AccountSegmentation {
        AccountSegmentation(
            asOf: asOf, accounts: accounts, churned: churned, features: features, droppedFeatures: dropped,
            trials: [], segments: [], unavailable: reason, membership: [:])
    }

    /// Before any data: no accounts.
    public static let none = unavailable("No segmentation has been computed.", asOf: .distantPast)
}
