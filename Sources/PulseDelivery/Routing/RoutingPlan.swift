import PulseCore

/// The outbox rows one notification becomes, and the channels left out with the reason.
public struct RoutingPlan: Hashable, Sendable {
    /// A channel the preferences name that cannot be used.
    public struct Skip: Hashable, Sendable {
        public var channel: DeliveryChannelKind
        public var reason: String
    }

    public var items: [OutboxItem] = []
    public var skipped: [Skip] = []

    public init(items: [OutboxItem] = [], skipped: [Skip] = []) {
        self.items = items
        self.skipped = skipped
    }
}
