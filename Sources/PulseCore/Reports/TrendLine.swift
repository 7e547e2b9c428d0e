/// A least-squares straight line through equally spaced counts (x = 0, 1, 2, …): the "trend line" of a series.
public struct TrendLine: Hashable, Sendable, Codable {
    /// Change per period.
    public var slope: Double
    /// Fitted value at the first period.
    public var intercept: Double
    /// Fitted value of each period.
    public var fitted: [Double]

    /// The least-squares fit; one point gives a flat line through it, none a flat line at 0.
    public init(values: [Double]) {
        let n = Double(values.count)
        guard values.count > 1 else {
            slope = 0
            intercept = values.first ?? 0
            fitted = values
            return
        }
        let meanX = (n - 1) / 2
        let meanY = values.reduce(0, +) / n
        var sxy = 0.0
        var sxx = 0.0
        for (i, y) in values.enumerated() {
            let dx = Double(i) - meanX
            sxy += dx * (y - meanY)
            sxx += dx * dx
        }
        let slope = sxx > 0 ? sxy / sxx : 0
        let intercept = meanY - slope * meanX
        self.slope = slope
        self.intercept = intercept
        fitted = values.indices.map { intercept + slope * Double($0) }
    }

    /// "up", "down" or "flat" (|slope| under 0.05 per period).
    public var direction: String { slope > 0.05 ? "up" : slope < -0.05 ? "down" : "flat" }
}
