/// A part of a streamed ingest run, written by a store inside the run's one open transaction.
///
/// `records` are written and counted as in a single batch; `replacements` replace records an earlier chunk of
/// the same run wrote (written, not counted again); `obsoleteEventIDs` name envelopes an earlier chunk wrote
/// that a later line made obsolete (the store deletes those it wrote in this run).
public struct IngestChunk: Sendable, Equatable {
    public var records = IngestBatch()
    public var replacements = IngestBatch()
    public var obsoleteEventIDs: [String] = []

    public init(records: IngestBatch = IngestBatch()) {
        self.records = records
    }

    /// Whether the chunk has nothing to write.
    public var isEmpty: Bool {
        records.recordCount == 0 && records.events.isEmpty && records.quarantine.isEmpty
            && records.corrections.isEmpty && replacements.recordCount == 0 && obsoleteEventIDs.isEmpty
    }
}
