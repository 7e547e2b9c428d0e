import Foundation
import Hummingbird
import PulseCore

/// Admin-only routes: the audit log, the delivery outbox (dead letters and retry), users and API tokens. Every
/// change is audit-logged; everyone but an admin gets a 403.
struct AdminController {
    let api: APIContext

    func register(on router: some RouterMethods<AppRequestContext>) {
        router.on(.get, "/api/audit", table: api.routes, query: ["from", "to", "after", "limit"]) { request, context in
            let principal = try context.admin("read the audit log")
            let query = QueryReader(request)
            let from = try query.date("from") ?? Date(timeIntervalSince1970: 0)
            let to = try query.date("to") ?? api.clock().addingTimeInterval(1)
            let after = Int64(try query.int("after", in: 0...Int.max) ?? 0)
            let limit = try query.int("limit", in: 1...Paging.maxLimit) ?? 100
            let entries = try await api.store.auditLog(
                tenant: principal.tenant, from: from, to: to, after: after, limit: limit)
            return try JSONBody.response(
                AuditPage(items: entries, limit: limit, after: after, next: entries.last?.sequence ?? after))
        }
        router.on(.get, "/api/outbox", table: api.routes, query: ["status", "limit", "offset"]) { request, context in
            let principal = try context.admin("read the delivery outbox")
            let query = QueryReader(request)
            let paging = try query.paging()
            let status = try query.values("status", as: OutboxItem.Status.self).last
            let items = try await api.store.outbox(tenant: principal.tenant, status: status, limit: Int.max)
            return try JSONBody.response(Page(all: items.map(OutboxView.init), paging: paging))
        }
        router.on(.post, "/api/outbox/retry", table: api.routes) { request, context in
            let principal = try context.admin("retry dead letters")
            let body = try await JSONBody.decode(
                RetryRequest.self, from: request, limit: api.configuration.maxBodyBytes)
            guard !body.ids.isEmpty else {
                throw APIError.badRequest("bad_field", "'ids' is empty; name the dead letters to retry.", field: "ids")
            }
            let retried = try await api.store.retryDead(ids: body.ids, tenant: principal.tenant, at: api.clock())
            try await api.audit(
                principal, "outbox.retry", target: "outbox:" + body.ids.joined(separator: ","),
                detail: "\(retried) of \(body.ids.count) put back to pending")
            return try JSONBody.response(["retried": retried])
        }
        router.on(.get, "/api/users", table: api.routes, query: ["limit", "offset"]) { request, context in
            let principal = try context.admin("list users")
            let query = QueryReader(request)
            let users = try await api.store.users(tenant: principal.tenant)
            return try JSONBody.response(Page(all: users, paging: try query.paging()))
        }
        router.on(.post, "/api/users", table: api.routes) { request, context in
            let principal = try context.admin("create users")
            let body = try await JSONBody.decode(
                CreateUserRequest.self, from: request, limit: api.configuration.maxBodyBytes)
            let user = try await newUser(body, principal: principal)
            try await api.store.saveUser(user)
            api.principals.removeAll()
            try await api.audit(
                principal, "user.create", target: "user:\(user.id.rawValue)", detail: "role \(user.role.rawValue)")
            return try JSONBody.response(user, status: .created)
        }
        router.on(.post, "/api/tokens", table: api.routes) { request, context in
            let principal = try context.admin("create API tokens")
            let body = try await JSONBody.decode(
                CreateTokenRequest.self, from: request, limit: api.configuration.maxBodyBytes)
            guard try await api.store.user(User.ID(body.user), tenant: principal.tenant) != nil else {
                throw APIError.badRequest(
                    "unknown_user", "There is no user '\(body.user)' in your tenant.", field: "user")
            }
            let now = api.clock()
            var expires: Date?
            if let text = body.expiresAt {
                guard let date = ISODate.parse(text), date > now else {
                    throw APIError.badRequest(
                        "bad_field", "'expiresAt' must be an ISO-8601 time in the future; got '\(text)'.",
                        field: "expiresAt")
                }
                expires = date
            }
            let secret = TokenSecret.generate()
            let token = ApiToken(
                id: ApiToken.ID("t-" + TokenSecret.hex((0..<6).map { _ in UInt8.random(in: .min ... .max) })),
                tenant: principal.tenant, user: User.ID(body.user), name: body.name, hash: TokenSecret.hash(secret),
                prefix: TokenSecret.displayPrefix(secret), createdAt: now, expiresAt: expires)
            try await api.store.saveToken(token)
            try await api.audit(
                principal, "token.create", target: "token:\(token.id.rawValue)",
                detail: "for user \(body.user): \(body.name)")
            return try JSONBody.response(CreatedToken(token: TokenView(token), secret: secret), status: .created)
        }
        router.on(.delete, "/api/tokens/{id}", table: api.routes) { request, context in
            let principal = try context.admin("revoke API tokens")
            let id = try context.parameters.require("id")
            // Cleared after the revocation is written, so no request in between can cache the token again.
            defer { api.principals.removeAll() }
            guard try await api.store.revokeToken(ApiToken.ID(id), tenant: principal.tenant, at: api.clock()) else {
                throw APIError.notFound("There is no active token '\(id)' in your tenant.")
            }
            try await api.audit(principal, "token.revoke", target: "token:\(id)")
            return try JSONBody.response(["revoked": id])
        }
    }

    /// Validates a user body: a new id, a known role, a rep of the tenant, a known time zone.
    private func newUser(_ body: CreateUserRequest, principal: Principal) async throws -> User {
        let id = body.id.trimmingCharacters(in: .whitespaces)
        guard !id.isEmpty, id.allSatisfy({ $0.isLetter || $0.isNumber || "-_.@".contains($0) }) else {
            throw APIError.badRequest(
                "bad_field", "'id' must be letters, digits, '-', '_', '.' or '@'; got '\(body.id)'.", field: "id")
        }
        guard let role = UserRole(rawValue: body.role) else {
            throw APIError.badRequest(
                "bad_field",
                "'role' is '\(body.role)'; it must be one of "
                    + UserRole.allCases.map(\.rawValue).joined(separator: ", ") + ".",
                field: "role")
        }
        if try await api.store.user(User.ID(id), tenant: principal.tenant) != nil {
            throw APIError(.conflict, code: "user_exists", message: "User '\(id)' already exists.", field: "id")
        }
        if let rep = body.rep {
            let reps = try await api.store.reps(tenant: principal.tenant)
            guard reps.contains(where: { $0.id.rawValue == rep }) else {
                throw APIError.badRequest(
                    "bad_field", "'rep' is '\(rep)', which is not a rep of your tenant.", field: "rep")
            }
        } else if role == .rep || role == .manager {
            throw APIError.badRequest(
                "missing_field", "A \(role.rawValue) needs 'rep': the CRM rep whose records they see.", field: "rep")
        }
        let zone = body.timeZone ?? "UTC"
        guard TimeZone(identifier: zone) != nil else {
            throw APIError.badRequest(
                "bad_field", "'timeZone' is '\(zone)', which is not an IANA time zone such as Europe/Berlin.",
                field: "timeZone")
        }
        return User(
            id: User.ID(id), tenant: principal.tenant, name: body.name, email: body.email, role: role,
            rep: body.rep.map { Rep.ID($0) }, timeZone: zone, preferences: body.preferences ?? .standard,
            createdAt: api.clock())
    }
}

/// A page of the audit log: oldest first; `next` is the sequence to pass as `after` for the following page.
struct AuditPage: Encodable, Sendable {
    var items: [AuditLogEntry]
    var limit: Int
    var after: Int64
    var next: Int64
}

/// An outbox row as the API shows it (without the rendered message body).
struct OutboxView: Encodable, Sendable {
    var id: String
    var kind: String
    var channel: String
    var recipient: String
    var severity: String
    var alert: String?
    var action: String
    var status: String
    var attempts: Int
    var nextAttemptAt: Date
    var lastError: String?
    var createdAt: Date
    var deliveredAt: Date?

    init(_ item: OutboxItem) {
        id = item.id
        kind = item.kind.rawValue
        channel = item.channel.rawValue
        recipient = item.recipient
        severity = item.severity.rawValue
        alert = item.alert?.rawValue
        action = item.action
        status = item.status.rawValue
        attempts = item.attempts
        nextAttemptAt = item.nextAttemptAt
        lastError = item.lastError
        createdAt = item.createdAt
        deliveredAt = item.deliveredAt
    }
}
