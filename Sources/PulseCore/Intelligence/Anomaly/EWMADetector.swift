import Foundation

/// Point-by-point change detection in constant memory: an exponentially weighted mean and variance; a point is
/// anomalous when its standard score passes the sensitivity's threshold. The state moves towards an anomalous point
/// only as far as the threshold (winsorised), so one spike does not become the new normal at once, while a lasting
/// shift is absorbed over a few points.
public struct EWMADetector: Hashable, Sendable {
    /// Weight of each new point (0 < alpha ≤ 1).
    public let alpha: Double
    /// Points used to learn mean and variance before any point is scored.
    public let warmUp: Int
    public var sensitivity: AnomalySensitivity
    public var direction: AnomalyDirection
    public private(set) var mean = 0.0
    public private(set) var variance = 0.0
    /// Points seen.
    public private(set) var count = 0

    public init(
        alpha: Double = 0.1, warmUp: Int = 10, sensitivity: AnomalySensitivity = .medium,
        direction: AnomalyDirection = .both
    ) throws(SeriesError) {
        guard alpha > 0, alpha <= 1 else { throw SeriesError(.badParameter, "alpha must be in (0, 1], got \(alpha)") }
        guard warmUp >= 2 else { throw SeriesError(.badParameter, "warm-up needs at least 2 points, got \(warmUp)") }
        self.alpha = alpha
        self.warmUp = warmUp
        self.sensitivity = sensitivity
        self.direction = direction
    }

    /// Scores the point against the state so far (nil during warm-up or when normal), then learns from it.
    public mutating func observe(_ value: Double, at date: Date? = nil) throws(SeriesError) -> Anomaly? {
        guard value.isFinite else {
            throw SeriesError(.notFinite, "point \(count) is \(value), not a finite number; it was not used")
        }
        defer { count += 1 }
        if count < warmUp {
            // Welford's running mean and (population) variance while warming up.
            let delta = value - mean
            mean += delta / Double(count + 1)
            variance += (delta * (value - mean) - variance) / Double(count + 1)
            return nil
        }
        let deviation = max(variance.squareRoot(), 1e-9 * max(1, abs(mean)))
        let score = (value - mean) / deviation
        let threshold = sensitivity.zThreshold
        let anomalous = abs(score) >= threshold && direction.admits(score)
        let learned = mean + min(max(value - mean, -threshold * deviation), threshold * deviation)
        let delta = learned - mean
        mean += alpha * delta
        variance = (1 - alpha) * (variance + alpha * delta * delta)
        guard anomalous else { return nil }
        return Anomaly(index: count, at: date, value: value, expected: mean - alpha * delta, score: score)
    }

    /// Runs a whole series through a fresh copy of this detector (the batch form of `observe`).
    public func detect(_ values: [Double], dates: [Date]? = nil) throws(SeriesError) -> [Anomaly] {
        var detector = self
        var found: [Anomaly] = []
        for (index, value) in values.enumerated() {
            if let anomaly = try detector.observe(value, at: dates?[index]) { found.append(anomaly) }
        }
        return found
    }
}
