extension LabeledDataset {
    /// Stratified split like scikit-learn's `train_test_split(stratify=)`: the same share of each class in the
    /// test part (round(class size × `testFraction`), at least one of a class of two or more in each part);
    /// deterministic for a seed (SplitMix64 shuffle per class). Both parts keep the original row order.
    public func stratifiedSplit(testFraction: Double, seed: UInt64) -> (train: LabeledDataset, test: LabeledDataset) {
        let fraction = testFraction.isFinite ? min(1, max(0, testFraction)) : 0
        var generator = SplitMix64(seed: seed)
        var test: [Int] = []
        for cls in [true, false] {
            var members = labels.indices.filter { labels[$0] == cls }
            var take = Int((Double(members.count) * fraction).rounded())
            if members.count >= 2, fraction > 0, fraction < 1 { take = min(members.count - 1, max(1, take)) }
            for k in 0..<take {
                let j = k + Int(generator.next() % UInt64(members.count - k))
                members.swapAt(k, j)
            }
            test.append(contentsOf: members[0..<take])
        }
        let inTest = Set(test)
        return (subset(indices.filter { !inTest.contains($0) }), subset(test.sorted()))
    }

    /// Splits by record id: rows whose id is in `testIDs` form the test part (in the order of this data set), the
    /// rest the training part.
    public func split(testIDs: Set<String>) -> (train: LabeledDataset, test: LabeledDataset) {
        let test = ids.indices.filter { testIDs.contains(ids[$0]) }
        let train = ids.indices.filter { !testIDs.contains(ids[$0]) }
        return (subset(train), subset(test))
    }

    private var indices: Range<Int> { rows.indices }
}
