/// Median and median absolute deviation: location and scale that a few outliers cannot move.
enum RobustStatistics {
    static func median(_ values: [Double]) -> Double {
        precondition(!values.isEmpty, "median of nothing")
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// 1.4826 × median(|x − median|): consistent with the standard deviation for normal data.
    static func scaledMAD(_ values: [Double]) -> Double {
        let center = median(values)
        return 1.4826 * median(values.map { abs($0 - center) })
    }
}
