import Foundation

extension LogisticRegression {
    /// Fits standardisation (mean and population standard deviation of the non-missing values; a missing value
    /// counts as the mean) and weights minimising Σ log-loss + ½ · `l2` · ‖w‖² with an unpenalised intercept
    /// (scikit-learn's `LogisticRegression(C: 1 / l2)` on `StandardScaler` output), by Newton's method with a
    /// Cholesky solve and step halving, for at most `iterations` steps. Refuses empty or one-class data.
    public static func train(_ data: LabeledDataset, l2: Double = 1.0, iterations: Int = 100) throws
        -> LogisticRegression
    {
        guard l2 >= 0, l2.isFinite else {
            throw TrainingError(.badParameter, "logistic regression: l2 is \(l2); it must be finite and at least 0")
        }
        guard iterations >= 1 else {
            throw TrainingError(.badParameter, "logistic regression: iterations is \(iterations); need at least 1")
        }
        try data.checkTrainable()
        let n = data.count
        let d = data.features.count
        var means = [Double](repeating: 0, count: d)
        var scales = [Double](repeating: 1, count: d)
        for f in 0..<d {
            var sum = 0.0
            var present = 0
            for row in data.rows where !row[f].isNaN {
                sum += row[f]
                present += 1
            }
            let mean = present > 0 ? sum / Double(present) : 0
            var squares = 0.0
            for row in data.rows where !row[f].isNaN { squares += (row[f] - mean) * (row[f] - mean) }
            let std = (squares / Double(n)).squareRoot()
            means[f] = mean
            scales[f] = std > 1e-12 ? std : 1
        }
        // Design matrix with a leading 1 for the intercept, row-major.
        let width = d + 1
        var x = [Double](repeating: 0, count: n * width)
        for (i, row) in data.rows.enumerated() {
            x[i * width] = 1
            for f in 0..<d where !row[f].isNaN { x[i * width + 1 + f] = (row[f] - means[f]) / scales[f] }
        }
        let y = data.labels.map { $0 ? 1.0 : 0.0 }
        let rate = Double(data.positives) / Double(n)
        var w = [Double](repeating: 0, count: width)
        w[0] = log(rate / (1 - rate))

        func objective(_ w: [Double]) -> Double {
            var total = 0.0
            for i in 0..<n {
                var s = 0.0
                for j in 0..<width { s += x[i * width + j] * w[j] }
                total += GradientBoostedTrees.logLoss(s, y[i])
            }
            for j in 1..<width { total += 0.5 * l2 * w[j] * w[j] }
            return total
        }

        var current = objective(w)
        for _ in 0..<iterations {
            var gradient = [Double](repeating: 0, count: width)
            var hessian = [Double](repeating: 0, count: width * width)
            for i in 0..<n {
                let base = i * width
                var s = 0.0
                for j in 0..<width { s += x[base + j] * w[j] }
                let p = Calibrator.sigmoid(s)
                let r = p - y[i]
                let weight = max(p * (1 - p), 1e-12)
                for j in 0..<width {
                    let xj = x[base + j]
                    gradient[j] += r * xj
                    let wx = weight * xj
                    for k in 0...j { hessian[j * width + k] += wx * x[base + k] }
                }
            }
            for j in 1..<width {
                gradient[j] += l2 * w[j]
                hessian[j * width + j] += l2
            }
            hessian[0] += 1e-10
            for j in 0..<width { for k in (j + 1)..<width { hessian[j * width + k] = hessian[k * width + j] } }
            guard let step = Self.choleskySolve(hessian, gradient, size: width) else { break }
            var scale = 1.0
            var next = w
            var improved = false
            for _ in 0..<30 {
                for j in 0..<width { next[j] = w[j] - scale * step[j] }
                let value = objective(next)
                if value <= current {
                    improved = value < current
                    current = value
                    w = next
                    break
                }
                scale /= 2
            }
            let gradientNorm = gradient.reduce(0) { max($0, abs($1)) }
            if !improved || gradientNorm < 1e-9 * Double(n) { break }
        }
        return LogisticRegression(coefficients: Array(w[1...]), intercept: w[0], means: means, scales: scales)
    }

    /// Solves A x = b for a symmetric positive-definite `size`×`size` row-major A; nil when A is not positive
    /// definite.
    static func choleskySolve(_ a: [Double], _ b: [Double], size m: Int) -> [Double]? {
        var l = [Double](repeating: 0, count: m * m)
        for i in 0..<m {
            for j in 0...i {
                var sum = a[i * m + j]
                for k in 0..<j { sum -= l[i * m + k] * l[j * m + k] }
                if i == j {
                    guard sum > 0 else { return nil }
                    l[i * m + i] = sum.squareRoot()
                } else {
                    l[i * m + j] = sum / l[j * m + j]
                }
            }
        }
        var z = b
        for i in 0..<m {
            var sum = z[i]
            for k in 0..<i { sum -= l[i * m + k] * z[k] }
            z[i] = sum / l[i * m + i]
        }
        for i in stride(from: m - 1, through: 0, by: -1) {
            var sum = z[i]
            for k in (i + 1)..<m { sum -= l[k * m + i] * z[k] }
            z[i] = sum / l[i * m + i]
        }
        return z
    }
}
