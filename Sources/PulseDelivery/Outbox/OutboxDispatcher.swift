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
    let logger: Logger

    /// Runs a pass at each date `ticks` yields (`WallClockTicks(every:)` in the server).
    public init(deliverer: OutboxDeliverer, ticks: Ticks, logger: Logger = Logger(label: "pulse.outbox")) {
        self.deliverer = deliverer
        self.ticks = ticks
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
        logger.info("outbox dispatcher stopped")
    }
}
