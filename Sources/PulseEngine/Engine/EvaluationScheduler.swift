import AsyncAlgorithms
import Foundation
import Logging
import PulseCore
import ServiceLifecycle

/// The long-running part of time-based rules: evaluates everything (stalls, deadlines, SLA escalation, silence
/// expiry) at every tick until graceful shutdown — one engine's tenant, or whatever `evaluate` covers (the server
/// evaluates every tenant). Tests drive it with a finite sequence of dates instead of a clock.
public struct EvaluationScheduler<Ticks: AsyncSequence & Sendable>: Service where Ticks.Element == Date {
    let ticks: Ticks
    let logger: Logger
    /// One scheduled run at a date: each evaluated tenant with its outcome.
    let evaluate: @Sendable (Date) async throws -> [(Tenant.ID, EvaluationOutcome)]

    /// Evaluates `engine`'s tenant at each date `ticks` yields.
    public init(engine: AlertEngine, ticks: Ticks, logger: Logger = Logger(label: "pulse.scheduler")) {
        self.init(ticks: ticks, logger: logger) { now in [(engine.tenant, try await engine.evaluate(at: now))] }
    }

    /// Runs `evaluate` at each date `ticks` yields; it returns the tenants it evaluated with their outcomes.
    public init(
        ticks: Ticks, logger: Logger = Logger(label: "pulse.scheduler"),
        evaluate: @escaping @Sendable (Date) async throws -> [(Tenant.ID, EvaluationOutcome)]
    ) {
        self.ticks = ticks
        self.logger = logger
        self.evaluate = evaluate
    }

    public func run() async throws {
        for try await now in ticks.cancelOnGracefulShutdown() {
            do {
                for (tenant, outcome) in try await evaluate(now) {
                    logger.info(
                        "scheduled evaluation",
                        metadata: [
                            "tenant": "\(tenant)", "at": "\(UTCCalendar.iso8601(Int64(now.timeIntervalSince1970)))",
                            "firing": "\(outcome.firing)", "opened": "\(outcome.opened.count)",
                            "resolved": "\(outcome.resolved.count)", "escalated": "\(outcome.escalated.count)",
                        ])
                }
            } catch {
                // One failed run (a locked database, say) must not stop the schedule; the next tick retries.
                logger.error("scheduled evaluation failed", metadata: ["error": "\(error)"])
            }
        }
    }
}

/// Wall-clock ticks for the scheduler: the current date every `interval`.
public struct WallClockTicks: AsyncSequence, Sendable {
    public typealias Element = Date
    let interval: Duration

    public init(every interval: Duration) { self.interval = interval }

    public struct AsyncIterator: AsyncIteratorProtocol {
        var timer: AsyncTimerSequence<ContinuousClock>.AsyncIterator
        var first = true

        public mutating func next() async -> Date? {
            if first {
                first = false
                return Date()
            }
            return await timer.next().map { _ in Date() }
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(timer: AsyncTimerSequence(interval: interval, clock: ContinuousClock()).makeAsyncIterator())
    }
}
