/// Per-feature quantile bin edges and the UInt8 bin codes of a data set, column-major: what histogram split
/// finding in `GradientBoostedTrees` works on. Code 0 is the missing-value (NaN) bin; code k ≥ 1 holds values in
/// (edges[k − 2], edges[k − 1]], so "code ≤ t" is exactly "value ≤ edges[t − 1]".
struct HistogramBinner: Sendable {
    /// Upper edges per feature, ascending; a feature has `edges[f].count + 1` value bins.
    let edges: [[Double]]

    /// Edges from the non-missing values of each feature: midpoints between neighbouring distinct values when
    /// there are at most `bins` of them, otherwise cuts at (roughly) equal-count quantiles.
    init(rows: [[Double]], featureCount: Int, bins: Int) {
        var edges: [[Double]] = []
        edges.reserveCapacity(featureCount)
        var column: [Double] = []
        column.reserveCapacity(rows.count)
        for f in 0..<featureCount {
            column.removeAll(keepingCapacity: true)
            for row in rows where !row[f].isNaN { column.append(row[f]) }
            edges.append(Self.edges(sorted: column.sorted(), bins: bins))
        }
        self.edges = edges
    }

    static func edges(sorted values: [Double], bins: Int) -> [Double] {
        guard !values.isEmpty else { return [] }
        var distinct: [Double] = []
        var counts: [Int] = []
        for v in values {
            if let last = distinct.last, last == v {
                counts[counts.count - 1] += 1
            } else {
                distinct.append(v)
                counts.append(1)
            }
        }
        if distinct.count <= bins {
            return (1..<distinct.count).map { Self.midpoint(distinct[$0 - 1], distinct[$0]) }
        }
        var result: [Double] = []
        let perBin = Double(values.count) / Double(bins)
        var seen = 0
        var next = perBin
        for i in 0..<(distinct.count - 1) {
            seen += counts[i]
            if Double(seen) >= next {
                result.append(Self.midpoint(distinct[i], distinct[i + 1]))
                while Double(seen) >= next { next += perBin }
                if result.count == bins - 1 { break }
            }
        }
        return result
    }

    private static func midpoint(_ a: Double, _ b: Double) -> Double {
        let m = a + (b - a) / 2
        return m < b ? m : a
    }

    /// Value bins of feature `f` plus the missing bin.
    func binCount(_ f: Int) -> Int { edges[f].count + 2 }

    /// The bin code of one value of feature `f`.
    @inline(__always)
    func code(_ value: Double, feature f: Int) -> UInt8 {
        if value.isNaN { return 0 }
        let e = edges[f]
        var lo = 0
        var hi = e.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if value <= e[mid] { hi = mid } else { lo = mid + 1 }
        }
        return UInt8(lo + 1)
    }

    /// Column-major codes: `codes[f * rows.count + i]` is row i's bin for feature f.
    func codes(_ rows: [[Double]]) -> [UInt8] {
        let n = rows.count
        var codes = [UInt8](repeating: 0, count: n * edges.count)
        for f in 0..<edges.count {
            for i in 0..<n { codes[f * n + i] = code(rows[i][f], feature: f) }
        }
        return codes
    }
}
