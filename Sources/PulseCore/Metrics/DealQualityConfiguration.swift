import Foundation

/// Which deal attributes define "comparable deals" for the Deal Quality Score, and its smoothing.
public struct DealQualityConfiguration: Hashable, Sendable {
    /// A dimension of the DQS cell.
    public enum Dimension: String, Hashable, Sendable, CaseIterable {
        case leadSource = "lead_source"
        case sizeBand = "size_band"
        case industry
        case product
    }

    /// Cell dimensions; deals agree on all of them to be comparable.
    public var dimensions: [Dimension]
    /// Pseudo-deals at the global win rate added to every cell (the smoothing weight).
    public var priorWeight: Double
    /// DQS below this counts as a low-quality deal.
    public var lowThreshold: Double

    public init(dimensions: [Dimension], priorWeight: Double = 20, lowThreshold: Double = 0.4) {
        self.dimensions = dimensions
        self.priorWeight = priorWeight
        self.lowThreshold = lowThreshold
    }

    /// Pulse's default, as issue 2 asks: lead source, size band, industry and product.
    public static let standard = DealQualityConfiguration(dimensions: [.leadSource, .sizeBand, .industry, .product])
    /// The pandas reference's cells: lead source, size band and industry (no product).
    public static let reference = DealQualityConfiguration(dimensions: [.leadSource, .sizeBand, .industry])
}
