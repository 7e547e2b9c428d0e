import Foundation
import PulseCore

/// Body of `POST /api/users`.
struct CreateUserRequest: Decodable {
    var id: String
    var name: String
    var email: String?
    var role: String
    var rep: String?
    var timeZone: String?
    var preferences: DeliveryPreferences?
}

/// Body of `POST /api/tokens`: whose token, what it is for, and optionally when it expires.
struct CreateTokenRequest: Decodable {
    var user: String
    var name: String
    var expiresAt: String?
}

/// Answer of `POST /api/tokens`: the token (without its hash) and its secret, shown this once.
struct CreatedToken: Encodable, Sendable {
    var token: TokenView
    var secret: String
}

/// An API token as the API shows it: never its hash.
struct TokenView: Encodable, Sendable {
    var id: String
    var user: String
    var name: String
    var prefix: String
    var createdAt: Date
    var expiresAt: Date?
    var revokedAt: Date?

    init(_ token: ApiToken) {
        id = token.id.rawValue
        user = token.user.rawValue
        name = token.name
        prefix = token.prefix
        createdAt = token.createdAt
        expiresAt = token.expiresAt
        revokedAt = token.revokedAt
    }
}

/// Body of `POST /api/outbox/retry`.
struct RetryRequest: Decodable {
    var ids: [String]
}
