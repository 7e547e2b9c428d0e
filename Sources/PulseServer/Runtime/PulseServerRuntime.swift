import AsyncHTTPClient
import Foundation
import Hummingbird
import HummingbirdWebSocket
import Logging
import PulseCore
import PulseDelivery
import PulseEngine
import PulseStore
import ServiceLifecycle

/// Everything `pulse serve` runs, assembled from one configuration: the embedded store, the per-tenant engines,
/// the HTTP API with the live stream, and the services — feed notifier, scheduled evaluation, outbox dispatcher,
/// scheduled reports — in one `ServiceGroup` that shuts down gracefully on SIGTERM or SIGINT.
public enum PulseServerRuntime {
    /// Runs the server until a shutdown signal. `onListening` gets the bound port (useful with port 0).
    public static func run(
        configuration: PulseConfiguration, logger: Logger,
        onListening: @escaping @Sendable (_ host: String, _ port: Int) -> Void = { _, _ in }
    ) async throws {
        let store = try SQLiteStore(path: configuration.databasePath)
        let httpClient = HTTPClient(eventLoopGroupProvider: .singleton)
        do {
            let group = try await serviceGroup(
                configuration: configuration, store: store, httpClient: httpClient, logger: logger,
                onListening: onListening)
            try await group.run()
        } catch {
            try? await httpClient.shutdown()
            throw error
        }
        try await httpClient.shutdown()
    }

    /// The service group `run` runs. Services stop in reverse order: the feed notifier first (open live streams
    /// end), then the HTTP server (in-flight requests finish), reports, the outbox dispatcher (which sends what is
    /// due one last time) and evaluation.
    static func serviceGroup(
        configuration: PulseConfiguration, store: ServerStore, httpClient: HTTPClient, logger: Logger,
        onListening: @escaping @Sendable (String, Int) -> Void
    ) async throws -> ServiceGroup {
        let engines = EngineRegistry(store: store, configuration: configuration, logger: logger)
        let notifier = AlertFeedNotifier(store: store, logger: logger)
        let routes = RouteTable()
        let principals = PrincipalCache()
        let router = buildRouter(
            configuration: configuration, store: store, engines: engines, routes: routes, notifier: notifier,
            principals: principals, clock: { Date() }, logger: logger)
        let webSocketRouter = buildWebSocketRouter(
            store: store, notifier: notifier, principals: principals, logger: logger)
        let app = buildApplication(
            router: router, webSocketRouter: webSocketRouter, configuration: configuration,
            onListening: { onListening(configuration.host, $0) }, logger: logger)

        let deliverer = OutboxDeliverer(
            store: store, channels: DeliveryChannels.make(settings: configuration.channels, httpClient: httpClient),
            settings: configuration.channels, outbox: configuration.outbox, logger: logger)
        let dispatcher = OutboxDispatcher(
            deliverer: deliverer,
            ticks: WallClockTicks(every: .milliseconds(Int64(configuration.outbox.pollSeconds * 1000))),
            finalPassClock: { Date() }, logger: logger)
        // Time-based rules for every tenant in the store, through the engines the API uses.
        let evaluation = EvaluationScheduler(
            ticks: WallClockTicks(every: .milliseconds(Int64(configuration.evaluationIntervalSeconds * 1000))),
            logger: logger
        ) { now in
            var outcomes: [(Tenant.ID, EvaluationOutcome)] = []
            for tenant in try await store.tenants() {
                outcomes.append((tenant.id, try await engines.evaluate(tenant: tenant.id, at: now)))
            }
            return outcomes
        }
        var services: [any Service] = [evaluation, dispatcher]
        if configuration.reportsEnabled {
            let renderer = try ReportRenderer()
            var tenants = Set(try await store.tenants().map(\.id))
            tenants.insert(configuration.tenant)
            for tenant in tenants.sorted() {
                services.append(
                    ReportScheduler(
                        store: store, tenant: tenant, renderer: renderer, ticks: WallClockTicks(every: .seconds(60)),
                        publicURL: configuration.channels.publicURL, logger: logger))
            }
        }
        // Last, so it stops first: ending the notifier ends every open live stream, which the HTTP server would
        // otherwise wait for forever before it can stop.
        services += [app, notifier]
        return ServiceGroup(
            configuration: .init(
                services: services.map { .init(service: $0) }, gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger))
    }
}
