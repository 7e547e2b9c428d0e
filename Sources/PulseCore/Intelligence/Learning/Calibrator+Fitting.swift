import Foundation

extension Calibrator {
    /// Platt scaling fitted on held-out raw scores and outcomes: Newton's method on (a, b) of sigmoid(a·s + b)
    /// with Platt's smoothed targets (N₊+1)/(N₊+2) and 1/(N₋+2), as in Lin, Lin & Weng (2007). Plain sigmoid when
    /// there is nothing to fit (no scores, or one class).
    public static func fitPlatt(scores: [Double], labels: [Bool]) -> Calibrator {
        let pairs = zip(scores, labels).filter { $0.0.isFinite }
        let positives = Double(pairs.count { $0.1 })
        let negatives = Double(pairs.count) - positives
        guard positives > 0, negatives > 0 else { return .sigmoid }
        let high = (positives + 1) / (positives + 2)
        let low = 1 / (negatives + 2)
        let targets = pairs.map { $0.1 ? high : low }
        let s = pairs.map(\.0)

        // Minimise cross-entropy of p = sigmoid(a s + b) against the smoothed targets.
        func loss(_ a: Double, _ b: Double) -> Double {
            var total = 0.0
            for i in s.indices {
                let z = a * s[i] + b
                total += GradientBoostedTrees.logLoss(z, targets[i])
            }
            return total
        }
        var a = 1.0
        var b = 0.0
        var current = loss(a, b)
        for _ in 0..<100 {
            var ga = 0.0
            var gb = 0.0
            var haa = 1e-12
            var hab = 0.0
            var hbb = 1e-12
            for i in s.indices {
                let p = sigmoid(a * s[i] + b)
                let r = p - targets[i]
                let w = p * (1 - p)
                ga += r * s[i]
                gb += r
                haa += w * s[i] * s[i]
                hab += w * s[i]
                hbb += w
            }
            if max(abs(ga), abs(gb)) < 1e-10 { break }
            let det = haa * hbb - hab * hab
            guard det > 0 else { break }
            let da = (hbb * ga - hab * gb) / det
            let db = (haa * gb - hab * ga) / det
            var step = 1.0
            var moved = false
            while step > 1e-10 {
                let na = a - step * da
                let nb = b - step * db
                let value = loss(na, nb)
                if value < current {
                    a = na
                    b = nb
                    current = value
                    moved = true
                    break
                }
                step /= 2
            }
            if !moved { break }
        }
        return .platt(a: a, b: b)
    }

    /// Isotonic regression (pool-adjacent-violators) fitted on held-out raw scores and outcomes: equal scores are
    /// pooled first, then adjacent blocks whose rates decrease are merged; each block gives its lowest and highest
    /// score as thresholds with its observed rate (interpolated between blocks by `probability`). Plain sigmoid when
    /// there are no scores.
    public static func fitIsotonic(scores: [Double], labels: [Bool]) -> Calibrator {
        let pairs = zip(scores, labels).filter { $0.0.isFinite }.sorted { $0.0 < $1.0 }
        guard !pairs.isEmpty else { return .sigmoid }
        // Blocks: (lowest score, highest score, sum of outcomes, count).
        var low: [Double] = []
        var high: [Double] = []
        var sum: [Double] = []
        var count: [Double] = []
        for (score, label) in pairs {
            if let last = high.last, last == score {
                sum[sum.count - 1] += label ? 1 : 0
                count[count.count - 1] += 1
            } else {
                low.append(score)
                high.append(score)
                sum.append(label ? 1 : 0)
                count.append(1)
            }
            // Pool while the last block's mean is below the one before it.
            while sum.count >= 2,
                sum[sum.count - 1] / count[count.count - 1] < sum[sum.count - 2] / count[count.count - 2]
            {
                let k = sum.count - 1
                sum[k - 1] += sum[k]
                count[k - 1] += count[k]
                high[k - 1] = high[k]
                sum.removeLast()
                count.removeLast()
                low.removeLast()
                high.removeLast()
            }
        }
        var thresholds: [Double] = []
        var values: [Double] = []
        for k in sum.indices {
            let rate = sum[k] / count[k]
            thresholds.append(low[k])
            values.append(rate)
            if high[k] > low[k] {
                thresholds.append(high[k])
                values.append(rate)
            }
        }
        return .isotonic(thresholds: thresholds, values: values)
    }
}
