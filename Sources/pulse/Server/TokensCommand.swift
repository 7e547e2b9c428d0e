import ArgumentParser
import Foundation
import PulseCore
import PulseServer
import PulseStore

/// `pulse tokens create|list|revoke`: API tokens for `Authorization: Bearer`; only their hashes are stored.
struct TokensCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokens", abstract: "Create, list and revoke API tokens (stored only as SHA-256 hashes).",
        subcommands: [Create.self, List.self, Revoke.self], defaultSubcommand: List.self)

    /// `pulse tokens create --user ID`.
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a token for a user and print its secret once.")
        @Option(help: "The user the token acts as.")
        var user: String
        @Option(help: "What the token is for (shown in listings).")
        var name = "api"
        @Option(
            name: .customLong("expires-in"),
            help: ArgumentHelp("Days until it expires (default: never).", valueName: "days"))
        var expiresIn: Int?
        @OptionGroup var access: AccessOptions

        func validate() throws {
            if let expiresIn, expiresIn < 1 { throw ValidationError("--expires-in must be at least 1 day") }
        }

        func run() async throws {
            let store = try access.store.openStore()
            guard let owner = try await store.user(User.ID(user), tenant: access.tenantID) else {
                throw ValidationError(
                    "tenant \(access.tenant) has no user '\(user)'; add one with `pulse users add \(user) …`")
            }
            guard !owner.disabled else { throw ValidationError("user '\(user)' is disabled") }
            let now = Date()
            let secret = TokenSecret.generate()
            let token = ApiToken(
                id: ApiToken.ID("tok-" + UUID().uuidString.prefix(8).lowercased()), tenant: access.tenantID,
                user: owner.id, name: name, hash: TokenSecret.hash(secret),
                prefix: TokenSecret.displayPrefix(secret), createdAt: now,
                expiresAt: expiresIn.map { now.addingTimeInterval(Double($0) * 86_400) })
            try await store.saveToken(token)
            try await access.audit(
                store, "token.create", target: "token:\(token.id.rawValue)",
                detail: "for \(user) (\(owner.role.rawValue)), '\(name)'", at: now)
            print("token \(token.id.rawValue) for \(user) (\(owner.role.rawValue)):")
            print(secret)
            print("Keep it now: Pulse stores only its hash. Use it as `Authorization: Bearer \(token.prefix)…`.")
        }
    }

    /// `pulse tokens list`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List tokens (never their secrets).")
        @Option(help: "Only this user's tokens.")
        var user: String?
        @OptionGroup var access: AccessOptions

        func run() async throws {
            let store = try access.store.openStore()
            let tokens = try await store.tokens(tenant: access.tenantID, user: user.map { User.ID($0) })
            guard !tokens.isEmpty else {
                print("no tokens; create one with `pulse tokens create --user ID`")
                return
            }
            let now = Date()
            var table = DemoTextTable([
                ("id", .left), ("user", .left), ("name", .left), ("starts with", .left), ("created", .left),
                ("expires", .left), ("last used", .left), ("status", .left),
            ])
            for token in tokens {
                let status =
                    token.revokedAt != nil ? "revoked" : token.isValid(at: now) ? "active" : "expired"
                table.add([
                    token.id.rawValue, token.user.rawValue, token.name, token.prefix + "…",
                    ISODate.format(token.createdAt), token.expiresAt.map(ISODate.format) ?? "never",
                    token.lastUsedAt.map(ISODate.format) ?? "—", status,
                ])
            }
            for line in table.render(indent: 0) { print(line) }
        }
    }

    /// `pulse tokens revoke ID`.
    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token; it is refused from then on.")
        @Argument(help: "The token id (see `pulse tokens list`).")
        var id: String
        @OptionGroup var access: AccessOptions

        func run() async throws {
            let store = try access.store.openStore()
            let now = Date()
            guard try await store.revokeToken(ApiToken.ID(id), tenant: access.tenantID, at: now) else {
                throw ValidationError(
                    "tenant \(access.tenant) has no active token '\(id)' (already revoked, or see `pulse tokens list`)")
            }
            try await access.audit(store, "token.revoke", target: "token:\(id)", at: now)
            print("revoked \(id)")
        }
    }
}
