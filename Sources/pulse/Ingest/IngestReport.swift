import PulseCore
import PulseStore

/// What a run did, with the end summary a user sees.
struct IngestReport: Sendable {
    /// Records the store inserted or updated.
    var loaded: Int
    /// Rows a gate corrected (they were loaded too).
    var corrected: Int
    var quarantined: Int
    /// Rows superseded in the batch, or already stored unchanged (re-ingest).
    var duplicates: Int
    /// The human summary: per file and total loaded / corrected / quarantined / duplicate counts.
    var rendered: String
    var files: [FileStats]
    var gateCounts: [QualityGate: Int]
    /// The store's own counts; nil when nothing needed writing.
    var applied: ApplySummary?
    /// Seconds per phase: "read" (parse and row gates; the chunks are written meanwhile), "gates" (store questions,
    /// batch gates), "apply" (the last chunk, index rebuilds, commit).
    var timings: [String: Double] = [:]
}
