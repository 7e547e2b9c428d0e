import Foundation
import PulseCore

/// The `pulse segments --json` document: the segmentation's summary, every k tried and each segment with its
/// centroid in standard units and typical values in real units (keyed by feature name).
struct SegmentsJSON: Encodable {
    var asOf: Date
    var accounts: Int
    var churnedLeftOut: Int
    var features: [String]
    var droppedFeatures: [String]
    var k: Int
    var silhouette: Double?
    var trials: [AccountSegmentation.Trial]
    var segments: [AccountSegmentation.Segment]
    /// Why there are no segments; absent when there are.
    var unavailable: String?

    init(_ s: AccountSegmentation) {
        asOf = s.asOf
        accounts = s.accounts
        churnedLeftOut = s.churned
        features = s.features.map(\.rawValue)
        droppedFeatures = s.droppedFeatures.map(\.rawValue)
        k = s.k
        silhouette = s.silhouette
        trials = s.trials
        segments = s.segments
        unavailable = s.unavailable
    }

    func encoded() throws -> String {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}
