import Foundation

@testable import PulseCore

/// Points scattered uniformly (±`spread` per coordinate) around planted centres, from a `SplitMix64` seed.
enum PlantedClusters {
    static let centres: [[Double]] = [[0, 0, 0], [8, 0, 2], [0, 8, -2]]

    /// `perCluster` points around each centre, cluster by cluster, row-major; and the planted cluster of each.
    static func points(perCluster: Int = 40, spread: Double = 1.5, seed: UInt64 = 7) -> (points: [Double], truth: [Int])
    {
        var rng = SplitMix64(seed: seed)
        var points: [Double] = []
        var truth: [Int] = []
        for (c, centre) in centres.enumerated() {
            for _ in 0..<perCluster {
                for x in centre { points.append(x + (rng.unit() * 2 - 1) * spread) }
                truth.append(c)
            }
        }
        return (points, truth)
    }

    /// Whether `found` splits the points exactly as `truth` does (up to renaming the clusters).
    static func samePartition(_ found: [Int], _ truth: [Int]) -> Bool {
        var forward: [Int: Int] = [:]
        var backward: [Int: Int] = [:]
        for (f, t) in zip(found, truth) {
            if forward[t, default: f] != f || backward[f, default: t] != t { return false }
            forward[t] = f
            backward[f] = t
        }
        return true
    }
}
