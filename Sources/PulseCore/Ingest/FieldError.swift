/// A field of one record that failed a check: which field (as the user wrote it), which gate, and why.
public struct FieldError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The field as the input names it, e.g. `payload.amountCents` or `close_value (amountCents)`;
    /// nil when the whole line is at fault (not JSON, not UTF-8).
    public var field: String?
    public var gate: QualityGate
    public var reason: String

    public init(field: String?, gate: QualityGate, reason: String) {
        self.field = field
        self.gate = gate
        self.reason = reason
    }

    public var description: String { field.map { "field \($0): \(reason)" } ?? reason }
}
