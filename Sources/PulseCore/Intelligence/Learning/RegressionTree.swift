/// One regression tree of a boosted ensemble, stored as flat parallel arrays (node 0 is the root): compact in
/// JSON and fast to walk.
public struct RegressionTree: Codable, Hashable, Sendable {
    /// Split feature per node; −1 marks a leaf.
    public var feature: [Int]
    /// A row goes left when its value is ≤ the threshold.
    public var threshold: [Double]
    /// Where a missing (NaN) value goes at each split (learned during training).
    public var missingLeft: [Bool]
    public var left: [Int]
    public var right: [Int]
    /// Output of every node (shrinkage applied), relative to the root, which is 0: leaves give the tree's
    /// output; inner nodes' values give the path attribution of `contributions`.
    public var value: [Double]

    public init(
        feature: [Int], threshold: [Double], missingLeft: [Bool], left: [Int], right: [Int], value: [Double]
    ) {
        self.feature = feature
        self.threshold = threshold
        self.missingLeft = missingLeft
        self.left = left
        self.right = right
        self.value = value
    }

    public var nodeCount: Int { feature.count }

    /// The leaf a row ends in.
    @inline(__always)
    func leaf(_ row: UnsafeBufferPointer<Double>) -> Int {
        var node = 0
        while true {
            let f = feature[node]
            if f < 0 { return node }
            let v = row[f]
            let goLeft = v.isNaN ? missingLeft[node] : v <= threshold[node]
            node = goLeft ? left[node] : right[node]
        }
    }

    /// Adds each split's change of node value along the row's path to its feature's share.
    func addContributions(_ row: [Double], into shares: inout [Double]) {
        var node = 0
        while feature[node] >= 0 {
            let f = feature[node]
            let v = row[f]
            let next = (v.isNaN ? missingLeft[node] : v <= threshold[node]) ? left[node] : right[node]
            shares[f] += value[next] - value[node]
            node = next
        }
    }

    /// Checks the arrays are consistent for `featureCount` inputs (a stored model could be damaged).
    func isConsistent(featureCount: Int) -> Bool {
        let n = feature.count
        guard n > 0, threshold.count == n, missingLeft.count == n, left.count == n, right.count == n,
            value.count == n
        else { return false }
        for i in 0..<n where feature[i] >= 0 {
            guard feature[i] < featureCount, left[i] > i, left[i] < n, right[i] > i, right[i] < n else {
                return false
            }
        }
        return true
    }
}
