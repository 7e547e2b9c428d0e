import Foundation
import Hummingbird
import PulseCore
import PulseStore

/// Authenticates `Authorization: Bearer <secret>`: hashes the secret, finds the token, checks it is neither revoked
/// nor expired and that its user exists and is enabled, works out which reps' records the user sees
/// (`AccessScope`) and sets `context.principal`. Anything else is a 401 with a JSON body that says what was wrong.
public struct AuthMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext
    let store: ServerStore
    let clock: @Sendable () -> Date
    let cache: PrincipalCache

    public init(store: ServerStore, clock: @escaping @Sendable () -> Date) {
        self.init(store: store, clock: clock, cache: PrincipalCache())
    }

    init(store: ServerStore, clock: @escaping @Sendable () -> Date, cache: PrincipalCache) {
        self.store = store
        self.clock = clock
        self.cache = cache
    }

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var context = context
        let principal = try await authenticate(request)
        context.principal = principal
        context.trace.identify(tenant: principal.tenant.rawValue, user: principal.user.id.rawValue)
        return try await next(request, context)
    }

    func authenticate(_ request: Request) async throws -> Principal {
        guard let header = request.headers[.authorization] else {
            throw APIError.unauthorized(
                "This route needs an API token: send 'Authorization: Bearer <token>' (create one with "
                    + "`pulse tokens create`).")
        }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw APIError.unauthorized(
                "The Authorization header is not 'Bearer <token>'; send the API token after the word Bearer.")
        }
        let secret = parts[1].trimmingCharacters(in: .whitespaces)
        let hash = TokenSecret.hash(secret)
        let now = clock()
        if let cached = cache.principal(hash: hash, now: now) { return cached }
        guard let token = try await store.token(hash: hash) else {
            throw APIError.unauthorized("The API token is not known; check it was copied whole, or create a new one.")
        }
        guard token.isValid(at: now) else {
            if token.revokedAt != nil {
                throw APIError.unauthorized("The API token '\(token.name)' was revoked; create a new one.")
            }
            throw APIError.unauthorized("The API token '\(token.name)' has expired; create a new one.")
        }
        guard let user = try await store.user(token.user, tenant: token.tenant) else {
            throw APIError.unauthorized("The API token's user no longer exists; ask an admin for a new token.")
        }
        guard !user.disabled else {
            throw APIError.unauthorized("The user '\(user.id.rawValue)' is disabled; ask an admin to enable them.")
        }
        let needsReps = user.role == .manager
        let reps = needsReps ? try await store.reps(tenant: user.tenant) : []
        let principal = Principal(
            user: user, token: token.id, visibleReps: AccessScope.visibleReps(for: user, reps: reps))
        cache.store(principal, hash: hash, tokenExpiresAt: token.expiresAt)
        return principal
    }
}

extension AppRequestContext {
    /// The authenticated caller; routes behind `AuthMiddleware` always have one.
    func caller() throws -> Principal {
        guard let principal else {
            throw APIError.unauthorized("This route needs an API token: send 'Authorization: Bearer <token>'.")
        }
        return principal
    }

    /// The caller, who must be an admin.
    func admin(_ what: String) throws -> Principal {
        let principal = try caller()
        guard principal.role == .admin else { throw APIError.adminOnly(what) }
        return principal
    }
}
