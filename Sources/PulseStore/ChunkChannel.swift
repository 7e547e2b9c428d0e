import Foundation
import PulseCore

/// A bounded hand-over of `IngestChunk`s from an ingest run (async sender) to a store's writer (blocking receiver
/// on the store's own writer thread), so parsing and writing overlap while at most `capacity` chunks wait.
///
/// The sender suspends (it does not block a thread) while the buffer is full. `finish()` ends the run normally;
/// `fail(_:)` ends it with an error, which makes the receiver throw, so the store rolls the run back.
public final class ChunkChannel: @unchecked Sendable {
    private let condition = NSCondition()
    private let capacity: Int
    private var buffer: [IngestChunk] = []
    private var finished = false
    private var failure: (any Error)?
    /// A sender waiting for room; resumed with `false` (try again) when a chunk is taken.
    private var waitingSender: CheckedContinuation<Bool, any Error>?

    public init(capacity: Int = 2) { self.capacity = max(1, capacity) }

    /// Queues a chunk, waiting while `capacity` chunks are queued; throws the failure once the run failed.
    public func send(_ chunk: IngestChunk) async throws {
        while true {
            let queued: Bool = try await withCheckedThrowingContinuation { continuation in
                condition.lock()
                defer { condition.unlock() }
                if let failure {
                    continuation.resume(throwing: failure)
                } else if buffer.count < capacity {
                    buffer.append(chunk)
                    condition.broadcast()
                    continuation.resume(returning: true)
                } else {
                    waitingSender = continuation
                }
            }
            if queued { return }
        }
    }

    /// The next chunk, blocking until one is queued; nil once the run finished; throws the run's failure.
    public func receive() throws -> IngestChunk? {
        condition.lock()
        defer { condition.unlock() }
        while buffer.isEmpty && !finished && failure == nil { condition.wait() }
        if let failure { throw failure }
        guard !buffer.isEmpty else { return nil }
        let chunk = buffer.removeFirst()
        waitingSender.take()?.resume(returning: false)
        return chunk
    }

    /// Ends the run: the receiver gets the queued chunks, then nil.
    public func finish() {
        condition.lock()
        defer { condition.unlock() }
        finished = true
        condition.broadcast()
    }

    /// Ends the run with `error`: the receiver throws it (the store rolls back), a waiting sender too.
    public func fail(_ error: any Error) {
        condition.lock()
        defer { condition.unlock() }
        if failure == nil { failure = error }
        buffer = []
        waitingSender.take()?.resume(throwing: failure!)
        condition.broadcast()
    }
}
