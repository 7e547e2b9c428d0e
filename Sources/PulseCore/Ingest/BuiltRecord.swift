/// A record read from one input row, before the batch-level gates (duplicates, references) run.
public struct BuiltRecord: Hashable, Sendable {
    public var payload: PulseEvent.Payload
    /// A sales-cycle figure the input stated (deals only); the gates check it against the dates.
    public var statedCycleDays: Int?

    public init(payload: PulseEvent.Payload, statedCycleDays: Int? = nil) {
        self.payload = payload
        self.statedCycleDays = statedCycleDays
    }
}
