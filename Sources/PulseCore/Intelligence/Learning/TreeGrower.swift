/// Grows one regression tree on binned data for given gradients and hessians: leaf-wise best-first histogram
/// splits with learned missing-value directions and histogram subtraction. Holds reusable buffers, so one
/// grower serves every tree of a training run (no allocation per node).
final class TreeGrower {
    /// A tree in bin space (split on "code ≤ bin"), plus the per-split gains for importance.
    struct BinnedTree {
        var feature: [Int] = []
        var bin: [Int] = []
        var missingLeft: [Bool] = []
        var left: [Int] = []
        var right: [Int] = []
        var value: [Double] = []
        var gain: [Double] = []

        mutating func addNode(value v: Double) -> Int {
            feature.append(-1)
            bin.append(0)
            missingLeft.append(false)
            left.append(-1)
            right.append(-1)
            value.append(v)
            gain.append(0)
            return feature.count - 1
        }
    }

    private struct Split {
        var feature = -1
        var bin = 0
        var missingLeft = false
        var gain = 0.0
        var leftCount = 0
    }

    private struct Leaf {
        var node: Int
        var start: Int
        var count: Int
        var depth: Int
        var slot: Int  // histogram slot, −1 when the leaf cannot split
        var gradient: Double
        var hessian: Double
        var split = Split()
    }

    let rowCount: Int
    let featureCount: Int
    let parameters: GradientBoostingParameters
    private let codes: UnsafeMutableBufferPointer<UInt8>
    private let binOffsets: [Int]
    private let binCounts: [Int]
    private let totalBins: Int
    private let histograms: UnsafeMutableBufferPointer<Double>
    private var freeSlots: [Int]
    private let indices: UnsafeMutableBufferPointer<Int32>
    private let scratch: UnsafeMutableBufferPointer<Int32>
    private let orderedG: UnsafeMutableBufferPointer<Double>
    private let orderedH: UnsafeMutableBufferPointer<Double>
    private static let minHessian = 1e-3

    init(codes source: [UInt8], rowCount: Int, binCounts: [Int], parameters: GradientBoostingParameters) {
        self.rowCount = rowCount
        self.featureCount = binCounts.count
        self.parameters = parameters
        self.binCounts = binCounts
        var offsets: [Int] = []
        var total = 0
        for c in binCounts {
            offsets.append(total)
            total += c
        }
        binOffsets = offsets
        totalBins = total
        codes = .allocate(capacity: max(1, source.count))
        _ = codes.initialize(from: source)
        let slots = parameters.maxLeaves + 1
        histograms = .allocate(capacity: max(1, slots * total * 3))
        histograms.initialize(repeating: 0)
        freeSlots = Array((0..<slots).reversed())
        indices = .allocate(capacity: max(1, rowCount))
        indices.initialize(repeating: 0)
        scratch = .allocate(capacity: max(1, rowCount))
        scratch.initialize(repeating: 0)
        orderedG = .allocate(capacity: max(1, rowCount))
        orderedG.initialize(repeating: 0)
        orderedH = .allocate(capacity: max(1, rowCount))
        orderedH.initialize(repeating: 0)
    }

    deinit {
        codes.deallocate()
        histograms.deallocate()
        indices.deallocate()
        scratch.deallocate()
        orderedG.deallocate()
        orderedH.deallocate()
    }

    /// Grows a tree on the rows in `sample` (ascending row numbers); node values are −G/(H+λ) × learning rate.
    func grow(sample: [Int32], gradients: [Double], hessians: [Double]) -> BinnedTree {
        for (k, r) in sample.enumerated() { indices[k] = r }
        var tree = BinnedTree()
        var gSum = 0.0
        var hSum = 0.0
        for r in sample {
            gSum += gradients[Int(r)]
            hSum += hessians[Int(r)]
        }
        let root = tree.addNode(value: leafValue(gSum, hSum))
        var leaves: [Leaf] = []
        var rootLeaf = Leaf(
            node: root, start: 0, count: sample.count, depth: 0, slot: -1, gradient: gSum, hessian: hSum)
        if canSplit(count: sample.count, depth: 0) {
            rootLeaf.slot = takeSlot()
            build(rootLeaf, gradients: gradients, hessians: hessians)
            rootLeaf.split = bestSplit(rootLeaf)
        }
        leaves.append(rootLeaf)

        while leaves.count < parameters.maxLeaves {
            var best = -1
            for (i, leaf) in leaves.enumerated() where leaf.split.feature >= 0 {
                if best < 0 || leaf.split.gain > leaves[best].split.gain { best = i }
            }
            guard best >= 0 else { break }
            let parent = leaves[best]
            let split = parent.split
            let leftCount = partition(parent, split)
            var gl = 0.0
            var hl = 0.0
            for k in parent.start..<(parent.start + leftCount) {
                gl += gradients[Int(indices[k])]
                hl += hessians[Int(indices[k])]
            }
            let gr = parent.gradient - gl
            let hr = parent.hessian - hl
            let leftNode = tree.addNode(value: leafValue(gl, hl))
            let rightNode = tree.addNode(value: leafValue(gr, hr))
            tree.feature[parent.node] = split.feature
            tree.bin[parent.node] = split.bin
            tree.missingLeft[parent.node] = split.missingLeft
            tree.left[parent.node] = leftNode
            tree.right[parent.node] = rightNode
            tree.gain[parent.node] = split.gain
            var leftLeaf = Leaf(
                node: leftNode, start: parent.start, count: leftCount, depth: parent.depth + 1, slot: -1,
                gradient: gl, hessian: hl)
            var rightLeaf = Leaf(
                node: rightNode, start: parent.start + leftCount, count: parent.count - leftCount,
                depth: parent.depth + 1, slot: -1, gradient: gr, hessian: hr)
            let leftSplits = canSplit(count: leftLeaf.count, depth: leftLeaf.depth)
            let rightSplits = canSplit(count: rightLeaf.count, depth: rightLeaf.depth)
            if leftSplits || rightSplits {
                // Build the smaller child's histogram; the larger one is the parent's minus it, in place.
                let leftIsSmaller = leftLeaf.count <= rightLeaf.count
                let smallSlot = takeSlot()
                if leftIsSmaller {
                    leftLeaf.slot = smallSlot
                    rightLeaf.slot = parent.slot
                    build(leftLeaf, gradients: gradients, hessians: hessians)
                    subtract(from: parent.slot, smallSlot)
                } else {
                    rightLeaf.slot = smallSlot
                    leftLeaf.slot = parent.slot
                    build(rightLeaf, gradients: gradients, hessians: hessians)
                    subtract(from: parent.slot, smallSlot)
                }
                if leftSplits { leftLeaf.split = bestSplit(leftLeaf) } else { releaseSlot(&leftLeaf) }
                if rightSplits { rightLeaf.split = bestSplit(rightLeaf) } else { releaseSlot(&rightLeaf) }
            } else {
                freeSlots.append(parent.slot)
            }
            leaves[best] = leftLeaf
            leaves.append(rightLeaf)
        }
        for leaf in leaves where leaf.slot >= 0 { freeSlots.append(leaf.slot) }
        return tree
    }

    private func canSplit(count: Int, depth: Int) -> Bool {
        depth < parameters.maxDepth && count >= 2 * parameters.minSamplesLeaf
    }

    private func leafValue(_ g: Double, _ h: Double) -> Double {
        -g / (h + parameters.l2) * parameters.learningRate
    }

    private func takeSlot() -> Int { freeSlots.removeLast() }

    private func releaseSlot(_ leaf: inout Leaf) {
        freeSlots.append(leaf.slot)
        leaf.slot = -1
    }

    /// Fills the leaf's histogram slot: per feature and bin, the sums of gradient, hessian and row count.
    private func build(_ leaf: Leaf, gradients: [Double], hessians: [Double]) {
        let width = totalBins * 3
        let hist = histograms.baseAddress! + leaf.slot * width
        hist.update(repeating: 0, count: width)
        let count = leaf.count
        let idx = indices.baseAddress! + leaf.start
        let og = orderedG.baseAddress!
        let oh = orderedH.baseAddress!
        gradients.withUnsafeBufferPointer { g in
            hessians.withUnsafeBufferPointer { h in
                for k in 0..<count {
                    let r = Int(idx[k])
                    og[k] = g[r]
                    oh[k] = h[r]
                }
            }
        }
        let n = rowCount
        for f in 0..<featureCount {
            let column = codes.baseAddress! + f * n
            let base = hist + binOffsets[f] * 3
            for k in 0..<count {
                let b = Int(column[Int(idx[k])]) * 3
                base[b] += og[k]
                base[b + 1] += oh[k]
                base[b + 2] += 1
            }
        }
    }

    private func subtract(from parentSlot: Int, _ childSlot: Int) {
        let width = totalBins * 3
        let parent = histograms.baseAddress! + parentSlot * width
        let child = histograms.baseAddress! + childSlot * width
        for i in 0..<width { parent[i] -= child[i] }
    }

    /// The best gain split of a leaf over every feature and bin, trying missing values on either side.
    private func bestSplit(_ leaf: Leaf) -> Split {
        let hist = histograms.baseAddress! + leaf.slot * totalBins * 3
        let lambda = parameters.l2
        let minCount = Double(parameters.minSamplesLeaf)
        let totalG = leaf.gradient
        let totalH = leaf.hessian
        let totalC = Double(leaf.count)
        let parentScore = totalG * totalG / (totalH + lambda)
        var best = Split()
        var bestGain = 1e-12
        for f in 0..<featureCount {
            let base = hist + binOffsets[f] * 3
            let valueBins = binCounts[f] - 1
            guard valueBins >= 1 else { continue }
            let gm = base[0]
            let hm = base[1]
            let cm = base[2]
            var gl = 0.0
            var hl = 0.0
            var cl = 0.0
            // t = last value bin on the left; t = valueBins sends every value left and the missing rows right.
            for t in 1...valueBins {
                let b = t * 3
                gl += base[b]
                hl += base[b + 1]
                cl += base[b + 2]
                if t < valueBins {
                    // Missing to the right.
                    let cr = totalC - cl
                    if cl >= minCount, cr >= minCount {
                        let hr = totalH - hl
                        if hl >= Self.minHessian, hr >= Self.minHessian {
                            let gr = totalG - gl
                            let gain = gl * gl / (hl + lambda) + gr * gr / (hr + lambda) - parentScore
                            if gain > bestGain {
                                bestGain = gain
                                best = Split(
                                    feature: f, bin: t, missingLeft: cm == 0 && cl >= cr, gain: gain,
                                    leftCount: Int(cl))
                            }
                        }
                    }
                }
                if cm > 0 {
                    // Missing to the left (t < valueBins), or values left and missing right (t = valueBins).
                    let atEnd = t == valueBins
                    let lg = atEnd ? gl : gl + gm
                    let lh = atEnd ? hl : hl + hm
                    let lc = atEnd ? cl : cl + cm
                    let rc = totalC - lc
                    let rh = totalH - lh
                    if lc >= minCount, rc >= minCount, lh >= Self.minHessian, rh >= Self.minHessian {
                        let rg = totalG - lg
                        let gain = lg * lg / (lh + lambda) + rg * rg / (rh + lambda) - parentScore
                        if gain > bestGain {
                            bestGain = gain
                            best = Split(feature: f, bin: t, missingLeft: !atEnd, gain: gain, leftCount: Int(lc))
                        }
                    }
                }
            }
        }
        return best
    }

    /// Reorders the leaf's rows so the left child's come first (stable); returns how many go left.
    private func partition(_ leaf: Leaf, _ split: Split) -> Int {
        let column = codes.baseAddress! + split.feature * rowCount
        let idx = indices.baseAddress! + leaf.start
        let tmp = scratch.baseAddress!
        var l = 0
        var r = 0
        let bin = split.bin
        let missingLeft = split.missingLeft
        for k in 0..<leaf.count {
            let row = idx[k]
            let code = Int(column[Int(row)])
            if code == 0 ? missingLeft : code <= bin {
                idx[l] = row
                l += 1
            } else {
                tmp[r] = row
                r += 1
            }
        }
        for k in 0..<r { idx[l + k] = tmp[k] }
        return l
    }

    /// The output of a binned tree for row `r` of column-major `codes` with `n` rows.
    static func output(_ tree: BinnedTree, codes: UnsafeBufferPointer<UInt8>, row r: Int, rows n: Int) -> Double {
        var node = 0
        while tree.feature[node] >= 0 {
            let code = Int(codes[tree.feature[node] * n + r])
            let goLeft = code == 0 ? tree.missingLeft[node] : code <= tree.bin[node]
            node = goLeft ? tree.left[node] : tree.right[node]
        }
        return tree.value[node]
    }
}
