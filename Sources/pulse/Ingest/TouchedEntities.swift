import Foundation
import PulseCore
import Synchronization

/// The deals, accounts and reps an ingest run wrote, gathered chunk by chunk for incremental alert evaluation.
final class TouchedEntities: Sendable {
    private let refs = Mutex(Set<EntityRef>())

    init() {}

    /// Adds the entities a chunk's records and replacements name.
    func record(_ chunk: IngestChunk) {
        let found = chunk.records.directlyTouchedEntities.union(chunk.replacements.directlyTouchedEntities)
        refs.withLock { $0.formUnion(found) }
    }

    /// Everything recorded so far.
    var all: Set<EntityRef> { refs.withLock { $0 } }
}
