/// A gradient-boosted ensemble of regression trees for binary log-loss: Pulse's default churn and win model.
/// `GradientBoostedTrees+Training.swift` trains it.
public struct GradientBoostedTrees: Codable, Hashable, Sendable {
    /// Log-odds before any feature is looked at: the training base rate plus every tree's root value (so that
    /// `bias` + Σ `contributions` = `rawScore`).
    public var bias: Double
    /// Gain importance per feature, summing to 1 (all 0 when no tree split).
    public var gainImportance: [Double]
    /// The trees, in boosting order.
    public var trees: [RegressionTree]
    /// The parameters the ensemble was trained with.
    public var parameters: GradientBoostingParameters
    /// Trees grown before early stopping picked the best iteration (= `treeCount` without early stopping).
    public var treesGrown: Int

    public init(
        bias: Double, gainImportance: [Double], trees: [RegressionTree],
        parameters: GradientBoostingParameters = GradientBoostingParameters(), treesGrown: Int? = nil
    ) {
        self.bias = bias
        self.gainImportance = gainImportance
        self.trees = trees
        self.parameters = parameters
        self.treesGrown = treesGrown ?? trees.count
    }

    /// Log-odds of the positive class (NaN inputs follow each split's learned missing-value direction).
    public func rawScore(_ row: [Double]) -> Double {
        row.withUnsafeBufferPointer { buffer in
            var score = bias
            for tree in trees { score += tree.value[tree.leaf(buffer)] }
            return score
        }
    }

    /// Per-feature share of the log-odds (path attribution); `bias` + the sum equals `rawScore`.
    public func contributions(_ row: [Double]) -> [Double] {
        var shares = [Double](repeating: 0, count: row.count)
        for tree in trees { tree.addContributions(row, into: &shares) }
        return shares
    }

    public var treeCount: Int { trees.count }
}
