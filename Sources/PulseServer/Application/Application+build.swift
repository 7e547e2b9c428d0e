import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdWebSocket
import Logging
import PulseCore
import PulseStore
import ServiceLifecycle

/// Builds the Pulse HTTP application: the API router (`buildRouter`) served on the configured host and port, with
/// `services` (scheduler, outbox dispatcher, …) run in the same service group and shut down with it.
public func buildApplication(
    configuration: PulseConfiguration, store: ServerStore, engines: EngineRegistry, services: [any Service] = [],
    clock: @escaping @Sendable () -> Date = { Date() }, logger: Logger
) -> some ApplicationProtocol {
    let router = buildRouter(
        configuration: configuration, store: store, engines: engines, clock: clock, logger: logger)
    return buildApplication(router: router, configuration: configuration, services: services, logger: logger)
}

/// Serves an already built router (for callers that add routes, such as the live stream, before serving).
/// With a `webSocketRouter` the server also upgrades HTTP/1 connections to WebSocket on that router's routes.
/// `onListening` gets the bound port once the server listens (useful with port 0).
public func buildApplication(
    router: Router<AppRequestContext>, webSocketRouter: Router<AppRequestContext>? = nil,
    configuration: PulseConfiguration, services: [any Service] = [],
    onListening: @escaping @Sendable (_ port: Int) -> Void = { _ in }, logger: Logger
) -> some ApplicationProtocol {
    let server: HTTPServerBuilder =
        webSocketRouter.map { .http1WebSocketUpgrade(webSocketRouter: $0) } ?? .http1()
    return Application(
        router: router, server: server,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "pulse"),
        services: services, onServerRunning: { onListening($0.localAddress?.port ?? configuration.port) },
        logger: logger)
}

/// The API's router: request log and JSON errors for everything, the public operations routes, then every `/api`
/// route behind bearer-token authentication. Each route is recorded in `routes` (see `RouteTable`).
///
/// `notifier` wakes live-stream connections; run it as a service (the server does) or streams only send what was
/// already in the feed when they connected.
public func buildRouter(
    configuration: PulseConfiguration, store: ServerStore, engines: EngineRegistry, routes: RouteTable = RouteTable(),
    notifier: AlertFeedNotifier? = nil, clock: @escaping @Sendable () -> Date = { Date() }, logger: Logger
) -> Router<AppRequestContext> {
    buildRouter(
        configuration: configuration, store: store, engines: engines, routes: routes, notifier: notifier,
        principals: PrincipalCache(), clock: clock, logger: logger)
}

/// `buildRouter` with the authentication cache given, so the WebSocket router can share it (and a token revoked
/// through the API is refused on both at once).
func buildRouter(
    configuration: PulseConfiguration, store: ServerStore, engines: EngineRegistry, routes: RouteTable,
    notifier: AlertFeedNotifier?, principals: PrincipalCache, clock: @escaping @Sendable () -> Date, logger: Logger
) -> Router<AppRequestContext> {
    ServerMetrics.bootstrap()
    let api = APIContext(
        configuration: configuration, store: store, engines: engines, routes: routes, clock: clock, logger: logger,
        principals: principals)
    let router = Router(context: AppRequestContext.self)
    router.add(middleware: RequestLogMiddleware(logger: logger))
    router.add(middleware: ErrorMiddleware(routes: routes))
    OperationsController(api: api).register(on: router)
    let authenticated = router.group().add(
        middleware: AuthMiddleware(store: store, clock: clock, cache: principals))
    EventsController(api: api).register(on: authenticated)
    DataController(api: api).register(on: authenticated)
    AlertsController(api: api).register(on: authenticated)
    SilencesController(api: api).register(on: authenticated)
    RulesController(api: api).register(on: authenticated)
    AdminController(api: api).register(on: authenticated)
    ReportingController(defaultTenant: configuration.tenant, now: clock).addRoutes(
        to: authenticated, store: store, table: routes)
    AlertStreamController(store: store, notifier: notifier ?? AlertFeedNotifier(store: store, logger: logger))
        .addRoutes(to: authenticated, table: routes)
    return router
}
