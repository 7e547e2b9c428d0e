/// Gradient-boosting settings (LightGBM-like defaults suited to a few thousand rows).
public struct GradientBoostingParameters: Codable, Hashable, Sendable {
    /// Most trees to grow (fewer when early stopping ends training).
    public var trees = 300
    /// Shrinkage applied to every leaf value.
    public var learningRate = 0.05
    /// Deepest a leaf may be (the root is depth 0).
    public var maxDepth = 4
    /// Most leaves per tree; leaves are split best-first until this or `maxDepth` stops growth.
    public var maxLeaves = 16
    /// Fewest (sampled) training rows in a leaf.
    public var minSamplesLeaf = 20
    /// L2 penalty on leaf values (λ in −G/(H+λ)).
    public var l2 = 1.0
    /// Row fraction sampled (without replacement) for each tree.
    public var subsample = 0.8
    /// Histogram bins per feature (missing values get their own bin).
    public var bins = 64
    /// Stop when the validation log-loss has not improved for this many trees (0 = never).
    public var earlyStoppingRounds = 30
    public var seed: UInt64 = 42

    public init() {}

    /// Refuses settings training cannot use, naming the parameter and its allowed range.
    public func validate() throws {
        func bad(_ text: String) -> TrainingError { TrainingError(.badParameter, "gradient boosting: \(text)") }
        guard trees >= 1 else { throw bad("trees is \(trees); it must be at least 1") }
        guard learningRate > 0, learningRate <= 1, learningRate.isFinite else {
            throw bad("learningRate is \(learningRate); it must be in (0, 1]")
        }
        guard maxDepth >= 1, maxDepth <= 32 else { throw bad("maxDepth is \(maxDepth); it must be in 1...32") }
        guard maxLeaves >= 2, maxLeaves <= 4096 else {
            throw bad("maxLeaves is \(maxLeaves); it must be in 2...4096")
        }
        guard minSamplesLeaf >= 1 else { throw bad("minSamplesLeaf is \(minSamplesLeaf); it must be at least 1") }
        guard l2 >= 0, l2.isFinite else { throw bad("l2 is \(l2); it must be finite and at least 0") }
        guard subsample > 0, subsample <= 1 else { throw bad("subsample is \(subsample); it must be in (0, 1]") }
        guard bins >= 2, bins <= 254 else { throw bad("bins is \(bins); it must be in 2...254") }
        guard earlyStoppingRounds >= 0 else {
            throw bad("earlyStoppingRounds is \(earlyStoppingRounds); it must be at least 0")
        }
    }
}
