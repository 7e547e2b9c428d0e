import Foundation
import Hummingbird
import HummingbirdWebSocket
import Logging
import PulseStore

/// The router that handles WebSocket upgrade requests: bearer-token authentication, then the live alert stream
/// at `/api/stream/ws`.
/// `principals` is the API router's authentication cache, so a revocation through the API reaches both.
func buildWebSocketRouter(
    store: ServerStore, notifier: AlertFeedNotifier, principals: PrincipalCache,
    clock: @escaping @Sendable () -> Date = { Date() }, logger: Logger
) -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self)
    router.add(middleware: AuthMiddleware(store: store, clock: clock, cache: principals))
    AlertStreamController(store: store, notifier: notifier).addWebSocketRoutes(to: router)
    return router
}
