/// What one dispatcher pass did, for logs, tests and `pulse outbox flush`.
public struct DispatchSummary: Hashable, Sendable, CustomStringConvertible {
    /// Queued notifications turned into outbox rows (and marked sent).
    public var handedOver = 0
    /// New outbox rows written for them.
    public var enqueued = 0
    /// PagerDuty acknowledge/resolve rows written from the alert feed.
    public var followUps = 0
    public var delivered = 0
    /// Failed attempts that will be tried again.
    public var retried = 0
    /// Rows that became dead letters.
    public var dead = 0
    /// Rows held by quiet hours.
    public var deferred = 0
    /// E-mail rows written because Slack kept failing.
    public var fallbacks = 0

    public init() {}

    /// Whether the pass did nothing at all.
    public var isEmpty: Bool { self == DispatchSummary() }

    public var description: String {
        "\(handedOver) notification(s) handed over as \(enqueued) row(s), \(followUps) PagerDuty follow-up(s); "
            + "\(delivered) delivered, \(retried) to retry, \(dead) dead, \(deferred) deferred, "
            + "\(fallbacks) e-mail fallback(s)"
    }
}
