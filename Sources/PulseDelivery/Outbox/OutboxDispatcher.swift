import Foundation
import Logging
import PulseCore
import ServiceLifecycle

/// The long-running outbox: one `OutboxDeliverer` pass at every tick until graceful shutdown, when it finishes
/// the pass in hand (the rows it holds are sent and recorded) and returns. Tests and `pulse outbox flush`
/// call `runOnce(now:)` instead of running it.
public struct OutboxDispatcher<Ticks: AsyncSequence & Sendable>: Service where Ticks.Element == Date {
    public let deliverer: OutboxDeliverer
    let ticks: Ticks
    let finalPassClock: (@Sendable () -> Date)?
    let logger: Logger

    /// Runs a pass at each date `ticks` yields (`WallClockTicks(every:)` in the server). With `finalPassClock`,
    /// a graceful shutdown ends with one more pass at that clock's time (the server passes the wall clock).
    public init(
        deliverer: OutboxDeliverer, ticks: Ticks, finalPassClock: (@Sendable () -> Date)? = nil,
        logger: Logger = Logger(label: "pulse.outbox")
    ) {
        self.deliverer = deliverer
        self.ticks = ticks
        self.finalPassClock = finalPassClock
        self.logger = logger
    }

    /// One pass at `now`.
    public func runOnce(now: Date) async throws -> DispatchSummary { try await deliverer.runOnce(now: now) }

    public func run() async throws {
        for try await now in ticks.cancelOnGracefulShutdown() {
            do {
                let summary = try await deliverer.runOnce(now: now)
                if !summary.isEmpty { logger.info("outbox pass", metadata: ["summary": "\(summary)"]) }
            } catch {
                // A failed pass (a locked database, say) must not stop delivery; the next tick tries again.
                logger.error("outbox pass failed", metadata: ["error": "\(error)"])
            }
        }
        // Whatever became due while the other services were stopping (the last requests' alerts) goes out now.
        if Task.isShuttingDownGracefully, let finalPassClock {
            do {
                let summary = try await deliverer.runOnce(now: finalPassClock())
                if !summary.isEmpty { logger.info("outbox flushed at shutdown", metadata: ["summary": "\(summary)"]) }
            } catch {
                logger.error("outbox flush at shutdown failed", metadata: ["error": "\(error)"])
            }
        }
        logger.info("outbox dispatcher stopped")
    }
}
