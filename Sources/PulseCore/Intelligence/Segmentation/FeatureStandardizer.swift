import Foundation

/// Puts account features into standard units for clustering: log1p for counts, then z-scores; a missing value
/// becomes the mean (0), and a feature that is unknown for every account or does not vary is left out.
public struct FeatureStandardizer: Sendable, Hashable {
    /// The features kept, in `EngagementFeature.allCases` order.
    public var features: [EngagementFeature]
    /// Features left out: unknown for every account, or the same for all.
    public var dropped: [EngagementFeature]
    /// Mean and standard deviation of each kept feature's scaled values (parallel to `features`).
    public var means: [Double]
    public var deviations: [Double]

    /// Fits on a feature table (non-finite values count as missing).
    public init(_ table: AccountFeatureTable) {
        features = []
        dropped = []
        means = []
        deviations = []
        for (j, feature) in EngagementFeature.allCases.enumerated() {
            let values = table.rows.compactMap { row -> Double? in
                row[j].isFinite ? feature.scaled(row[j]) : nil
            }
            guard values.count >= 2 else {
                dropped.append(feature)
                continue
            }
            let mean = values.reduce(0, +) / Double(values.count)
            let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
            let deviation = variance.squareRoot()
            guard deviation > 1e-9 * max(1, abs(mean)) else {
                dropped.append(feature)
                continue
            }
            features.append(feature)
            means.append(mean)
            deviations.append(deviation)
        }
    }

    /// The table's rows in standard units, row-major (`rows × features.count`); missing values are 0.
    public func transform(_ table: AccountFeatureTable) -> [Double] {
        let columns = features.map { EngagementFeature.allCases.firstIndex(of: $0)! }
        var out: [Double] = []
        out.reserveCapacity(table.rows.count * columns.count)
        for row in table.rows {
            for (k, j) in columns.enumerated() {
                let raw = row[j]
                out.append(raw.isFinite ? (features[k].scaled(raw) - means[k]) / deviations[k] : 0)
            }
        }
        return out
    }
}
