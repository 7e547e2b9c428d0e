import Foundation

/// How often and how soon a failed delivery is tried again: exponential backoff from `baseDelay`, doubled per
/// failure and capped at `maxDelay`, with "equal jitter" (a random point in the upper half of the delay) drawn
/// from a generator the caller passes in, so runs are reproducible with a seeded one.
public struct RetryPolicy: Hashable, Sendable {
    /// Attempts in all before the message becomes a dead letter (at least 1).
    public var maxAttempts: Int
    /// Delay after the first failure, in seconds.
    public var baseDelay: TimeInterval
    /// Upper bound of any one delay, in seconds.
    public var maxDelay: TimeInterval

    public init(maxAttempts: Int, baseDelay: TimeInterval, maxDelay: TimeInterval) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = max(0, baseDelay)
        self.maxDelay = max(self.baseDelay, maxDelay)
    }

    /// The un-jittered delay after `attempt` failed attempts (1 = the first failure): base × 2^(attempt − 1),
    /// capped.
    public func ceiling(afterAttempt attempt: Int) -> TimeInterval {
        let exponent = min(max(attempt, 1) - 1, 62)
        return min(maxDelay, baseDelay * Double(UInt64(1) << UInt64(exponent)))
    }

    /// The delay before the next try after `attempt` failed attempts: between half the ceiling and the ceiling,
    /// rounded up to whole seconds (the outbox stores whole seconds) and at least one second.
    public func delay(afterAttempt attempt: Int, using generator: inout some RandomNumberGenerator) -> TimeInterval {
        let ceiling = ceiling(afterAttempt: attempt)
        let half = ceiling / 2
        let jittered = half + Double.random(in: 0...1, using: &generator) * half
        return max(1, jittered.rounded(.up))
    }

    /// Whether a message that has failed `attempts` times may not be tried again.
    public func isExhausted(attempts: Int) -> Bool { attempts >= maxAttempts }
}
