import Foundation

/// k-means clustering: k-means++ seeding from a `SplitMix64` seed, Lloyd iterations until no point changes
/// cluster, several restarts keeping the lowest inertia. Deterministic for a given seed and input.
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
    public var seed: UInt64

    public init(k: Int, restarts: Int = 4, maxIterations: Int = 300, seed: UInt64 = 42) {
        self.k = k
        self.restarts = restarts
        self.maxIterations = maxIterations
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

    /// Lloyd's algorithm from the given centroids; an emptied cluster takes the point farthest from its centroid.
    func lloyd(_ points: [Double], n: Int, d: Int, k: Int, start: [Double]) -> Result {
        var centroids = start
        var assignments = [Int](repeating: -1, count: n)
        var iterations = 0
        while iterations < maxIterations {
            iterations += 1
            var changed = false
            for i in 0..<n {
                let c = Self.nearest(points, i, centroids, k, d).cluster
                if c != assignments[i] {
                    assignments[i] = c
                    changed = true
                }
            }
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
            centroids = [Double](repeating: 0, count: k * d)
            for i in 0..<n {
                let c = assignments[i]
                for j in 0..<d { centroids[c * d + j] += points[i * d + j] }
            }
            for c in 0..<k where counts[c] > 0 {
                for j in 0..<d { centroids[c * d + j] /= Double(counts[c]) }
            }
        }
        var inertia = 0.0
        for i in 0..<n { inertia += Self.distance(points, i, centroids, assignments[i], d) }
        return Result(k: k, centroids: centroids, assignments: assignments, inertia: inertia, iterations: iterations)
    }

    /// The closest centroid to point `i` (lowest index on ties) and the squared distance.
    static func nearest(_ points: [Double], _ i: Int, _ centroids: [Double], _ k: Int, _ d: Int)
        -> (cluster: Int, distance: Double)
    {
        var best = 0
        var bestDistance = Double.infinity
        for c in 0..<k {
            let dist = distance(points, i, centroids, c, d)
            if dist < bestDistance {
                best = c
                bestDistance = dist
            }
        }
        return (best, bestDistance)
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
