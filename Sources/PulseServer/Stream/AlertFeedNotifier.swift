import Foundation
import Logging
import PulseCore
import PulseStore
import ServiceLifecycle
import Synchronization

/// Wakes live-stream connections when their tenant's alert feed grows: one store poll per tenant with listeners,
/// shared by every connection, so a connection reads the feed only when there is something new (or a heartbeat
/// is due). Writers in this process can `poke` it to skip the wait.
public final class AlertFeedNotifier: Service, Sendable {
    private struct State {
        var listeners: [Tenant.ID: [UUID: AsyncStream<Int64>.Continuation]] = [:]
        var latest: [Tenant.ID: Int64] = [:]
    }

    private let store: any AlertFeedStore
    private let interval: Duration
    private let heartbeatEvery: Int
    private let logger: Logger
    private let state = Mutex(State())

    /// - Parameters:
    ///   - interval: how often the feed is polled for tenants with listeners.
    ///   - heartbeatEvery: every this many polls each listener is woken even without news (keep-alive).
    public init(
        store: any AlertFeedStore, interval: Duration = .milliseconds(200), heartbeatEvery: Int = 75,
        logger: Logger = Logger(label: "pulse.stream")
    ) {
        self.store = store
        self.interval = interval
        self.heartbeatEvery = max(1, heartbeatEvery)
        self.logger = logger
    }

    /// A stream of the tenant's newest feed sequence: its current value first, then each time it grows (and on
    /// heartbeats). Ends when the notifier stops; the subscription ends when the stream is dropped.
    public func subscribe(tenant: Tenant.ID) async throws -> AsyncStream<Int64> {
        let newest = try await store.latestAlertChange(tenant: tenant)
        let (stream, continuation) = AsyncStream<Int64>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let id = UUID()
        let current = state.withLock { state in
            state.latest[tenant] = max(newest, state.latest[tenant, default: 0])
            state.listeners[tenant, default: [:]][id] = continuation
            return state.latest[tenant]!
        }
        continuation.onTermination = { [weak self] _ in
            self?.state.withLock { state in
                state.listeners[tenant]?[id] = nil
                if state.listeners[tenant]?.isEmpty == true { state.listeners[tenant] = nil }
            }
        }
        continuation.yield(current)
        return stream
    }

    /// Number of open subscriptions (for tests and metrics).
    public var listenerCount: Int { state.withLock { $0.listeners.values.reduce(0) { $0 + $1.count } } }

    /// Re-reads the tenant's feed position now and wakes its listeners if it grew.
    public func poke(tenant: Tenant.ID) async {
        await refresh(tenant, heartbeat: false)
    }

    public func run() async {
        await cancelWhenGracefulShutdown {
            var ticks = 0
            while !Task.isCancelled {
                // Cancellation (graceful shutdown) ends the loop; it is not a failure.
                guard (try? await Task.sleep(for: self.interval)) != nil else { break }
                ticks += 1
                let heartbeat = ticks % self.heartbeatEvery == 0
                for tenant in self.state.withLock({ Array($0.listeners.keys) }) {
                    await self.refresh(tenant, heartbeat: heartbeat)
                }
            }
        }
        // Finished outside the lock: finishing runs each stream's termination handler, which takes the lock.
        let open = state.withLock { state in
            defer { state.listeners = [:] }
            return state.listeners.values.flatMap(\.values)
        }
        for continuation in open { continuation.finish() }
    }

    private func refresh(_ tenant: Tenant.ID, heartbeat: Bool) async {
        guard state.withLock({ $0.listeners[tenant]?.isEmpty == false }) else { return }
        do {
            let newest = try await store.latestAlertChange(tenant: tenant)
            let (wake, value) = state.withLock { state in
                let grew = newest > state.latest[tenant, default: 0]
                state.latest[tenant] = max(newest, state.latest[tenant, default: 0])
                let wake = grew || heartbeat ? Array(state.listeners[tenant, default: [:]].values) : []
                return (wake, state.latest[tenant]!)
            }
            for continuation in wake { continuation.yield(value) }
        } catch {
            logger.warning("alert feed poll failed", metadata: ["tenant": "\(tenant)", "error": "\(error)"])
        }
    }
}
