import Foundation

/// k-means clustering: k-means++ seeding from a `SplitMix64` seed, Lloyd iterations to convergence (no point
/// changes cluster, or the centroids stop moving), several restarts keeping the lowest inertia. Deterministic for a
/// given seed and input.
public struct KMeans: Sendable, Hashable {
    /// One clustering.
    public struct Result: Sendable, Hashable {
        public var k: Int
        /// Centroids, row-major (`k × dimensions`).
        public var centroids: [Double]
        /// Cluster of each point, `0..<k`.
        public var assignments: [Int]
        /// Sum of squared distances of the points to their centroids.
        public var inertia: Double
        /// Lloyd iterations of the kept restart.
        public var iterations: Int
    }

    public var k: Int
    public var restarts: Int
    public var maxIterations: Int
    /// Relative centroid movement below which Lloyd stops (scikit-learn's `tol`); 0 runs until no point moves.
    public var tolerance: Double
    public var seed: UInt64

    public init(k: Int, restarts: Int = 4, maxIterations: Int = 300, tolerance: Double = 1e-4, seed: UInt64 = 42) {
        self.k = k
        self.restarts = restarts
        self.maxIterations = maxIterations
        self.tolerance = tolerance
        self.seed = seed
    }

    /// Clusters `points` (row-major, `dimensions` values each). k is clamped to `1…point count`; no points give
    /// an empty result.
    public func fit(_ points: [Double], dimensions: Int) -> Result {
        let n = dimensions > 0 ? points.count / dimensions : 0
        let k = min(max(1, self.k), n)
        guard n > 0 else { return Result(k: 0, centroids: [], assignments: [], inertia: 0, iterations: 0) }
        var best: Result?
        for restart in 0..<max(1, restarts) {
            var rng = SplitMix64(seed: seed, domain: UInt64(k), index: UInt64(restart))
            let result = lloyd(points, n: n, d: dimensions, k: k, start: seeds(points, n: n, d: dimensions, k: k, &rng))
            if best.map({ result.inertia < $0.inertia }) ?? true { best = result }
        }
        return best!
    }

    /// k-means++: the first centroid uniformly, each next one with probability proportional to the squared
    /// distance to the nearest centroid chosen so far.
    func seeds(_ points: [Double], n: Int, d: Int, k: Int, _ rng: inout SplitMix64) -> [Double] {
        var centroids: [Double] = []
        centroids.reserveCapacity(k * d)
        let first = rng.index(n)
        centroids += points[(first * d)..<(first * d + d)]
        var nearest = (0..<n).map { Self.distance(points, $0, centroids, 0, d) }
        while centroids.count < k * d {
            let total = nearest.reduce(0, +)
            var chosen = n - 1
            if total > 0 {
                var target = rng.unit() * total
                for i in 0..<n {
                    if target < nearest[i] {
                        chosen = i
                        break
                    }
                    target -= nearest[i]
                }
            } else {
                chosen = rng.index(n)
            }
            let c = centroids.count / d
            centroids += points[(chosen * d)..<(chosen * d + d)]
            for i in 0..<n { nearest[i] = min(nearest[i], Self.distance(points, i, centroids, c, d)) }
        }
        return centroids
    }

    /// Lloyd's algorithm from the given centroids until no point changes cluster or the centroids move less than
    /// `tolerance` (Σ squared shift ≤ tolerance × the points' mean per-coordinate variance, as scikit-learn); an
    /// emptied cluster takes the point farthest from its centroid.
    func lloyd(_ points: [Double], n: Int, d: Int, k: Int, start: [Double]) -> Result {
        var centroids = start
        var assignments = [Int](repeating: -1, count: n)
        var iterations = 0
        let limit = tolerance * Self.meanVariance(points, n: n, d: d)
        while iterations < maxIterations {
            iterations += 1
            let changed = assign(points, n: n, d: d, k: k, centroids: centroids, to: &assignments)
            if !changed { break }
            var counts = [Int](repeating: 0, count: k)
            for c in assignments { counts[c] += 1 }
            for empty in 0..<k where counts[empty] == 0 {
                var far = -1
                var farDistance = -1.0
                for i in 0..<n where counts[assignments[i]] > 1 {
                    let dist = Self.distance(points, i, centroids, assignments[i], d)
                    if dist > farDistance {
                        far = i
                        farDistance = dist
                    }
                }
                guard far >= 0 else { break }
                counts[assignments[far]] -= 1
                assignments[far] = empty
                counts[empty] = 1
            }
            var next = [Double](repeating: 0, count: k * d)
            points.withUnsafeBufferPointer { p in
                next.withUnsafeMutableBufferPointer { c in
                    for i in 0..<n {
                        let base = assignments[i] * d
                        for j in 0..<d { c[base + j] += p[i * d + j] }
                    }
                    for cluster in 0..<k where counts[cluster] > 0 {
                        for j in 0..<d { c[cluster * d + j] /= Double(counts[cluster]) }
                    }
                }
            }
            var shift = 0.0
            for x in 0..<(k * d) { shift += (next[x] - centroids[x]) * (next[x] - centroids[x]) }
            centroids = next
            if shift <= limit {
                // Converged on the centroids: one last assignment so that every point is at its nearest one.
                _ = assign(points, n: n, d: d, k: k, centroids: centroids, to: &assignments)
                break
            }
        }
        var inertia = 0.0
        for i in 0..<n { inertia += Self.distance(points, i, centroids, assignments[i], d) }
        return Result(k: k, centroids: centroids, assignments: assignments, inertia: inertia, iterations: iterations)
    }

    /// Assigns every point to its nearest centroid (lowest index on ties); whether any assignment changed.
    func assign(_ points: [Double], n: Int, d: Int, k: Int, centroids: [Double], to assignments: inout [Int]) -> Bool {
        var changed = false
        points.withUnsafeBufferPointer { p in
            centroids.withUnsafeBufferPointer { c in
                assignments.withUnsafeMutableBufferPointer { a in
                    for i in 0..<n {
                        var best = 0
                        var bestDistance = Double.infinity
                        for cluster in 0..<k {
                            var sum = 0.0
                            for j in 0..<d {
                                let delta = p[i * d + j] - c[cluster * d + j]
                                sum += delta * delta
                            }
                            if sum < bestDistance {
                                best = cluster
                                bestDistance = sum
                            }
                        }
                        if a[i] != best {
                            a[i] = best
                            changed = true
                        }
                    }
                }
            }
        }
        return changed
    }

    /// Mean over coordinates of the points' variance.
    static func meanVariance(_ points: [Double], n: Int, d: Int) -> Double {
        guard n > 0, d > 0 else { return 0 }
        var total = 0.0
        for j in 0..<d {
            var mean = 0.0
            for i in 0..<n { mean += points[i * d + j] }
            mean /= Double(n)
            for i in 0..<n { total += (points[i * d + j] - mean) * (points[i * d + j] - mean) }
        }
        return total / Double(n * d)
    }

    /// Squared Euclidean distance between point `i` and centroid `c`.
    @inline(__always)
    static func distance(_ points: [Double], _ i: Int, _ centroids: [Double], _ c: Int, _ d: Int) -> Double {
        var sum = 0.0
        for j in 0..<d {
            let delta = points[i * d + j] - centroids[c * d + j]
            sum += delta * delta
        }
        return sum
    }
}
