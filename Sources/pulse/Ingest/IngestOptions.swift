import PulseCore

/// Options of one ingest run.
struct IngestOptions: Sendable {
    /// Built-in mapping name, `ndjson`, or path to a YAML mapping; nil = detect by header / NDJSON content.
    var mapping: String? = nil
    var tenant: Tenant.ID = Tenant.defaultID
    /// Circuit breaker: abort and write nothing when failed rows / rows is above this.
    var maxFailureRate: Double = 0.10
    /// Progress bar on stderr (the command sets it from isatty).
    var showProgress: Bool = false
    /// Lines or CSV records longer than this are quarantined without being buffered.
    var maxLineBytes: Int = 1 << 20
    /// Bytes read from a file at a time.
    var readChunkBytes: Int = 4 << 20
    /// Streaming write: the rows (envelopes, records, quarantine rows) read before they are handed to the store
    /// as one chunk of the run's transaction.
    var chunkRows: Int = 40_000
    /// Collects the entities the run's chunks name, so the alert engine re-evaluates only those afterwards.
    var touched: TouchedEntities? = nil
}
