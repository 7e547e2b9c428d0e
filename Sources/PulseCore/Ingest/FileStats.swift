/// What one input file contributed to a batch.
public struct FileStats: Hashable, Sendable {
    public var source: String
    /// "ndjson", a mapping name, or "skipped".
    public var format: String
    /// Data rows read (header and blank lines excluded).
    public var rows = 0
    /// Rows that passed every gate (before duplicates were removed).
    public var accepted = 0
    public var corrected = 0
    public var quarantined = 0
    /// Rows superseded by a newer row with the same id (in the batch or already stored).
    public var duplicates = 0
    /// Engagement rows dropped because their contact opted out of tracking.
    public var optedOut = 0
    /// Accepted rows the store inserted or updated (filled in after `apply`).
    public var loaded = 0
    /// Shown instead of counts for a recognised but skipped file, or an empty one.
    public var notice: String?
    /// Accepted rows by record kind (batch property name), for sharing out the store's counts.
    public var acceptedByKind: [String: Int] = [:]

    public init(source: String, format: String) {
        self.source = source
        self.format = format
    }
}
