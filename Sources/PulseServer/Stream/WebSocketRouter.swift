import Foundation
import Hummingbird
import HummingbirdWebSocket
import Logging
import PulseStore

/// The router that handles WebSocket upgrade requests: bearer-token authentication, then the live alert stream
/// at `/api/stream/ws`.
func buildWebSocketRouter(
    store: ServerStore, notifier: AlertFeedNotifier, clock: @escaping @Sendable () -> Date = { Date() },
    logger: Logger
) -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self)
    router.add(middleware: AuthMiddleware(store: store, clock: clock))
    AlertStreamController(store: store, notifier: notifier).addWebSocketRoutes(to: router)
    return router
}
