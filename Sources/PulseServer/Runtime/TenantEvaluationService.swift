import Foundation
import Logging
import PulseCore
import ServiceLifecycle

/// The server's time-based evaluation: at every tick, a full evaluation of every tenant in the store (stalls,
/// deadlines, SLA escalation, silence expiry) through the shared engines, until graceful shutdown.
public struct TenantEvaluationService<Ticks: AsyncSequence & Sendable>: Service where Ticks.Element == Date {
    let engines: EngineRegistry
    let ticks: Ticks
    let logger: Logger

    public init(engines: EngineRegistry, ticks: Ticks, logger: Logger = Logger(label: "pulse.scheduler")) {
        self.engines = engines
        self.ticks = ticks
        self.logger = logger
    }

    public func run() async throws {
        for try await now in ticks.cancelOnGracefulShutdown() {
            do {
                try await runOnce(at: now)
            } catch {
                // One failed run (a locked database, say) must not stop the schedule; the next tick retries.
                logger.error("scheduled evaluation failed", metadata: ["error": "\(error)"])
            }
        }
    }

    /// Evaluates every tenant at `now`.
    public func runOnce(at now: Date) async throws {
        for tenant in try await engines.store.tenants() {
            let outcome = try await engines.evaluate(tenant: tenant.id, at: now)
            logger.info(
                "scheduled evaluation",
                metadata: [
                    "tenant": "\(tenant.id)", "firing": "\(outcome.firing)", "opened": "\(outcome.opened.count)",
                    "resolved": "\(outcome.resolved.count)", "escalated": "\(outcome.escalated.count)",
                ])
        }
    }
}
