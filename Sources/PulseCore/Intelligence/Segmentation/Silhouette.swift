import Foundation

/// Mean silhouette of clusterings of one point set: exact up to `sampleLimit` points, else over a seeded random
/// sample of that many (the pairwise distances of the sample are computed once and shared by every clustering).
public struct Silhouette: Sendable {
    /// Indices of the points scored, ascending.
    public let sample: [Int]
    /// Euclidean distances between sample points, upper triangle row by row (i < j).
    private let distances: [Double]

    /// Prepares the sample of `points` (row-major, `dimensions` values each).
    public init(points: [Double], dimensions: Int, sampleLimit: Int = 2000, seed: UInt64 = 42) {
        let n = dimensions > 0 ? points.count / dimensions : 0
        var chosen = Array(0..<n)
        if n > sampleLimit {
            // A partial Fisher–Yates shuffle picks `sampleLimit` distinct points.
            var rng = SplitMix64(seed: seed, domain: 0x5117, index: UInt64(n))
            for i in 0..<sampleLimit {
                chosen.swapAt(i, i + rng.index(n - i))
            }
            chosen = chosen[0..<sampleLimit].sorted()
        }
        sample = chosen
        let m = chosen.count
        var out = [Double](repeating: 0, count: m * (m - 1) / 2)
        points.withUnsafeBufferPointer { p in
            out.withUnsafeMutableBufferPointer { o in
                var at = 0
                for a in 0..<m {
                    let i = chosen[a] * dimensions
                    for b in (a + 1)..<m {
                        let j = chosen[b] * dimensions
                        var sum = 0.0
                        for x in 0..<dimensions {
                            let delta = p[i + x] - p[j + x]
                            sum += delta * delta
                        }
                        o[at] = sum.squareRoot()
                        at += 1
                    }
                }
            }
        }
        distances = out
    }

    /// Mean silhouette (−1…1) of the sample for cluster `assignments` of every point (`0..<k`); a point alone in
    /// its cluster scores 0. Nil when the sample falls in fewer than two clusters.
    public func score(assignments: [Int], k: Int) -> Double? {
        let m = sample.count
        let labels = sample.map { assignments[$0] }
        var sizes = [Int](repeating: 0, count: k)
        for l in labels { sizes[l] += 1 }
        guard sizes.count(where: { $0 > 0 }) >= 2 else { return nil }
        // Sum of distances from each sample point to each cluster.
        var sums = [Double](repeating: 0, count: m * k)
        distances.withUnsafeBufferPointer { dist in
            sums.withUnsafeMutableBufferPointer { s in
                var at = 0
                for a in 0..<m {
                    let la = labels[a]
                    for b in (a + 1)..<m {
                        let dab = dist[at]
                        at += 1
                        s[a * k + labels[b]] += dab
                        s[b * k + la] += dab
                    }
                }
            }
        }
        var total = 0.0
        for a in 0..<m {
            let own = labels[a]
            guard sizes[own] > 1 else { continue }
            let inside = sums[a * k + own] / Double(sizes[own] - 1)
            var nearest = Double.infinity
            for c in 0..<k where c != own && sizes[c] > 0 {
                nearest = min(nearest, sums[a * k + c] / Double(sizes[c]))
            }
            let spread = max(inside, nearest)
            if spread > 0 { total += (nearest - inside) / spread }
        }
        return total / Double(m)
    }
}
