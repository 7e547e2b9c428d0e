import Synchronization

/// What the inner middlewares learn about a request that the request log (the outermost middleware) reports:
/// the caller's tenant and user once authenticated. One per request.
public final class RequestTrace: Sendable {
    private let state = Mutex<(tenant: String?, user: String?)>((nil, nil))

    public init() {}

    /// Records the authenticated caller.
    public func identify(tenant: String, user: String) { state.withLock { $0 = (tenant, user) } }

    public var tenant: String? { state.withLock { $0.tenant } }
    public var user: String? { state.withLock { $0.user } }
}
