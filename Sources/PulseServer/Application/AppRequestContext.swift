import Hummingbird
import HummingbirdWebSocket

/// The request context of every Pulse route (HTTP and WebSocket upgrade): Hummingbird's core storage plus the
/// authenticated caller, set by the auth middleware.
public struct AppRequestContext: RequestContext, WebSocketRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let webSocket: WebSocketHandlerReference<Self>
    /// Who is calling; nil on public routes (`/healthz`, `/readyz`, `/metrics`, `/openapi.yaml`).
    public var principal: Principal?
    /// Shared with the outer middlewares (the request log), which cannot see context changes made further in.
    public let trace: RequestTrace

    public init(source: Source) {
        coreContext = .init(source: source)
        webSocket = .init()
        principal = nil
        trace = RequestTrace()
    }
}
