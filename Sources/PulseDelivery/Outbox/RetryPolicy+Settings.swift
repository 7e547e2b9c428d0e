import PulseCore

extension RetryPolicy {
    /// The policy `pulse.yaml`'s outbox settings describe.
    public init(_ settings: OutboxSettings) {
        self.init(
            maxAttempts: settings.maxAttempts, baseDelay: settings.baseDelaySeconds,
            maxDelay: settings.maxDelaySeconds)
    }
}
