import Foundation

/// Rosner's generalized extreme Studentized deviate test: finds up to `maxOutliers` outliers in a batch of roughly
/// normal values, removing the most extreme point one at a time and comparing each statistic with its critical
/// value at significance `alpha`.
public enum GeneralizedESD {
    /// The outliers, most extreme first; `expected` is the mean of the points that remain.
    public static func outliers(
        _ values: [Double], maxOutliers: Int, alpha: Double = 0.05, direction: AnomalyDirection = .both
    ) throws(SeriesError) -> [Anomaly] {
        guard maxOutliers >= 1, alpha > 0, alpha < 1 else {
            throw SeriesError(
                .badParameter, "maxOutliers must be 1 or more and alpha in (0, 1); got \(maxOutliers), \(alpha)")
        }
        try SeriesCheck.finite(values, minimum: max(7, 2 * maxOutliers + 1), what: "generalized ESD")
        var remaining = Array(values.enumerated())
        var candidates: [(Anomaly, exceeds: Bool)] = []
        let n = values.count
        for step in 1...maxOutliers {
            let mean = remaining.map(\.element).reduce(0, +) / Double(remaining.count)
            let variance =
                remaining.map { ($0.element - mean) * ($0.element - mean) }.reduce(0, +) / Double(remaining.count - 1)
            let sd = variance.squareRoot()
            guard sd > 0 else {
                if step == 1 { throw SeriesError(.constant, "all \(n) values are equal; nothing stands out") }
                break
            }
            let worst = remaining.indices.max { abs(remaining[$0].element - mean) < abs(remaining[$1].element - mean) }!
            let (index, value) = remaining.remove(at: worst)
            let statistic = abs(value - mean) / sd
            let p = 1 - alpha / (2 * Double(n - step + 1))
            let t = StudentT.quantile(p, degreesOfFreedom: Double(n - step - 1))
            let left = Double(n - step)
            let critical: Double = left * t / ((left - 1 + t * t) * (left + 1)).squareRoot()
            candidates.append(
                (Anomaly(index: index, value: value, expected: mean, score: (value - mean) / sd), statistic > critical))
        }
        // The number of outliers is the largest step whose statistic passed its critical value.
        guard let last = candidates.lastIndex(where: \.exceeds) else { return [] }
        return candidates[...last].map(\.0).filter { direction.admits($0.score) }
    }
}

/// Student's t distribution: the quantiles the ESD test needs, from the regularised incomplete beta function.
enum StudentT {
    /// P(T ≤ t) for `df` degrees of freedom.
    static func cdf(_ t: Double, degreesOfFreedom df: Double) -> Double {
        let tail = 0.5 * IncompleteBeta.regularized(x: df / (df + t * t), a: df / 2, b: 0.5)
        return t >= 0 ? 1 - tail : tail
    }

    /// The t with P(T ≤ t) = p (0 < p < 1), by bisection.
    static func quantile(_ p: Double, degreesOfFreedom df: Double) -> Double {
        var low = -1_000.0
        var high = 1_000.0
        for _ in 0..<200 {
            let middle = (low + high) / 2
            if cdf(middle, degreesOfFreedom: df) < p { low = middle } else { high = middle }
        }
        return (low + high) / 2
    }
}

/// The regularised incomplete beta function I_x(a, b) by its continued fraction (Lentz's method).
enum IncompleteBeta {
    static func regularized(x: Double, a: Double, b: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let logGammas: Double = lgamma(a + b) - lgamma(a) - lgamma(b)
        let logPowers: Double = a * log(x) + b * log(1 - x)
        let front = exp(logGammas + logPowers)
        if x < (a + 1) / (a + b + 2) { return front * fraction(x: x, a: a, b: b) / a }
        return 1 - front * fraction(x: 1 - x, a: b, b: a) / b
    }

    private static func fraction(x: Double, a: Double, b: Double) -> Double {
        let tiny = 1e-300
        var c = 1.0
        var d = 1 - (a + b) * x / (a + 1)
        d = 1 / (abs(d) < tiny ? tiny : d)
        var result = d
        for m in 1...300 {
            let m = Double(m)
            let even: Double = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
            d = 1 + even * d
            d = 1 / (abs(d) < tiny ? tiny : d)
            c = 1 + even / c
            c = abs(c) < tiny ? tiny : c
            result *= d * c
            let odd: Double = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
            d = 1 + odd * d
            d = 1 / (abs(d) < tiny ? tiny : d)
            c = 1 + odd / c
            c = abs(c) < tiny ? tiny : c
            let delta = d * c
            result *= delta
            if abs(delta - 1) < 1e-15 { break }
        }
        return result
    }
}
