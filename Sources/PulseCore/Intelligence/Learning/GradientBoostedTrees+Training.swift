import Foundation

extension GradientBoostedTrees {
    /// Trains on `data` (binary log-loss, Newton leaf values −G/(H+λ), histogram splits, row subsampling per tree),
    /// stopping early on `validation` when given and keeping the trees of the best validation log-loss.
    /// Deterministic for `parameters.seed`. Refuses empty or one-class data and bad parameters (`TrainingError`).
    public static func train(
        _ data: LabeledDataset, validation: LabeledDataset? = nil,
        parameters: GradientBoostingParameters = GradientBoostingParameters()
    ) throws -> GradientBoostedTrees {
        try parameters.validate()
        try data.checkTrainable()
        if let validation {
            guard validation.featureNames == data.featureNames else {
                throw TrainingError(.shape, "the validation set's features differ from the training set's")
            }
            guard validation.count > 0 else { throw TrainingError(.empty, "the validation set has no rows") }
        }
        let n = data.count
        let d = data.features.count
        let binner = HistogramBinner(rows: data.rows, featureCount: d, bins: parameters.bins)
        let codes = binner.codes(data.rows)
        let grower = TreeGrower(
            codes: codes, rowCount: n, binCounts: (0..<d).map(binner.binCount), parameters: parameters)
        let y = data.labels.map { $0 ? 1.0 : 0.0 }
        let rate = Double(data.positives) / Double(n)
        let initial = log(rate / (1 - rate))

        var scores = [Double](repeating: initial, count: n)
        var gradients = [Double](repeating: 0, count: n)
        var hessians = [Double](repeating: 0, count: n)
        let validationCodes = validation.map { binner.codes($0.rows) } ?? []
        let validationCount = validation?.count ?? 0
        let validationY = validation?.labels.map { $0 ? 1.0 : 0.0 } ?? []
        var validationScores = [Double](repeating: initial, count: validationCount)

        var generator = SplitMix64(seed: parameters.seed)
        var permutation = (0..<n).map { Int32($0) }
        let sampleSize = max(1, min(n, Int((parameters.subsample * Double(n)).rounded())))
        var binnedTrees: [TreeGrower.BinnedTree] = []
        var bestLoss = Double.infinity
        var bestCount = 0

        for _ in 0..<parameters.trees {
            for i in 0..<n {
                let p = Calibrator.sigmoid(scores[i])
                gradients[i] = p - y[i]
                hessians[i] = max(p * (1 - p), 1e-16)
            }
            var sample: [Int32]
            if sampleSize < n {
                for k in 0..<sampleSize {
                    let j = k + Int(generator.next() % UInt64(n - k))
                    permutation.swapAt(k, j)
                }
                sample = Array(permutation[0..<sampleSize])
                sample.sort()
            } else {
                sample = permutation
            }
            let tree = grower.grow(sample: sample, gradients: gradients, hessians: hessians)
            binnedTrees.append(tree)
            codes.withUnsafeBufferPointer { c in
                for i in 0..<n { scores[i] += TreeGrower.output(tree, codes: c, row: i, rows: n) }
            }
            guard validationCount > 0 else { continue }
            let loss = validationCodes.withUnsafeBufferPointer { c in
                var total = 0.0
                for i in 0..<validationCount {
                    validationScores[i] += TreeGrower.output(tree, codes: c, row: i, rows: validationCount)
                    total += logLoss(validationScores[i], validationY[i])
                }
                return total / Double(validationCount)
            }
            if loss < bestLoss - 1e-12 {
                bestLoss = loss
                bestCount = binnedTrees.count
            } else if parameters.earlyStoppingRounds > 0,
                binnedTrees.count - bestCount >= parameters.earlyStoppingRounds
            {
                break
            }
        }
        let grown = binnedTrees.count
        let kept =
            validationCount > 0 && parameters.earlyStoppingRounds > 0
            ? binnedTrees.prefix(max(1, bestCount)) : binnedTrees[...]
        var bias = initial
        var importance = [Double](repeating: 0, count: d)
        var trees: [RegressionTree] = []
        trees.reserveCapacity(kept.count)
        for binned in kept {
            let root = binned.value[0]
            bias += root
            var thresholds: [Double] = []
            thresholds.reserveCapacity(binned.feature.count)
            for node in binned.feature.indices {
                let f = binned.feature[node]
                guard f >= 0 else {
                    thresholds.append(0)
                    continue
                }
                importance[f] += binned.gain[node]
                let t = binned.bin[node]
                thresholds.append(t <= binner.edges[f].count ? binner.edges[f][t - 1] : .greatestFiniteMagnitude)
            }
            trees.append(
                RegressionTree(
                    feature: binned.feature, threshold: thresholds, missingLeft: binned.missingLeft,
                    left: binned.left, right: binned.right, value: binned.value.map { $0 - root }))
        }
        let totalGain = importance.reduce(0, +)
        if totalGain > 0 { importance = importance.map { $0 / totalGain } }
        return GradientBoostedTrees(
            bias: bias, gainImportance: importance, trees: trees, parameters: parameters, treesGrown: grown)
    }

    /// Mean binary log-loss contribution of one raw score (numerically stable).
    static func logLoss(_ score: Double, _ y: Double) -> Double {
        // −[y log σ(s) + (1−y) log(1−σ(s))] = log(1 + e^s) − y s
        let softplus = score > 0 ? score + log1p(exp(-score)) : log1p(exp(score))
        return softplus - y * score
    }
}
