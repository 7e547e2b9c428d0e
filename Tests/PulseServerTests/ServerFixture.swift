import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import PulseCore
import PulseEngine
import PulseServer
import PulseStore

/// A real SQLite store in a temporary folder with two tenants, an org chart, deals, users and tokens, and the
/// real Pulse application over it. Call `remove()` when done.
///
/// Tenant "default": exec ← mgr ← {ana, ben}; cara reports to nobody. Deals: D-ana (stalled, raises alerts),
/// D-ben, D-cara. Tenant "globex": rep bob with deal G-1 (stalled). Rules: "stalled" (high) from the engine tests.
struct ServerFixture {
    static let now = ISODate.parse("2026-11-25T09:00:00Z")!
    static let globex: Tenant.ID = "globex"
    let folder: URL
    let store: SQLiteStore
    let engines: EngineRegistry
    let routes = RouteTable()
    var configuration: PulseConfiguration

    init(maxBodyBytes: Int = 1 << 20) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("pulse-server-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("pulse.sqlite").path
        store = try SQLiteStore(path: path)
        engines = EngineRegistry(store: store, rules: Self.rules())
        configuration = PulseConfiguration(databasePath: path, maxBodyBytes: maxBodyBytes)
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }

    /// The port the application listens on (0: any free port, for `.live` tests).
    var port: Int {
        get { configuration.port }
        set { configuration.port = newValue }
    }

    /// The application under test, with the fixture's fixed clock.
    func app() -> some ApplicationProtocol {
        var logger = Logger(label: "pulse.test")
        logger.logLevel = .warning
        let router = buildRouter(
            configuration: configuration, store: store, engines: engines, routes: routes, clock: { Self.now },
            logger: logger)
        return buildApplication(router: router, configuration: configuration, logger: logger)
    }

    static func day(_ n: Double) -> Date { now.addingTimeInterval(n * 86_400) }

    /// Stores the CRM data of both tenants.
    func seedData() async throws {
        var batch = IngestBatch()
        batch.tenants = [Tenant(id: Tenant.defaultID, name: "Default"), Tenant(id: Self.globex, name: "Globex")]
        batch.reps = [
            Rep(id: "exec", name: "Erin Exec", role: .executive),
            Rep(id: "mgr", name: "Max Manager", role: .manager, manager: "exec"),
            Rep(id: "ana", name: "Ana Rep", role: .rep, manager: "mgr"),
            Rep(id: "ben", name: "Ben Rep", role: .rep, manager: "mgr"),
            Rep(id: "cara", name: "Cara Rep", role: .rep),
            Rep(id: "bob", tenant: Self.globex, name: "Bob Globex", role: .rep),
        ]
        batch.accounts = [
            Account(id: "acme", name: "Acme Corp", owner: "ana"),
            Account(id: "initech", name: "Initech", owner: "cara"),
            Account(id: "globex-co", tenant: Self.globex, name: "Globex Co", owner: "bob"),
        ]
        batch.deals = [
            Self.deal("D-ana", owner: "ana", account: "acme", enteredDaysAgo: 30, segment: "enterprise"),
            Self.deal("D-ben", owner: "ben", account: "acme", enteredDaysAgo: 3, segment: "smb"),
            Self.deal("D-cara", owner: "cara", account: "initech", enteredDaysAgo: 3, segment: "smb"),
            Self.deal("G-1", owner: "bob", account: "globex-co", enteredDaysAgo: 30, tenant: Self.globex),
        ]
        batch.activities = [
            Activity(id: "a1", kind: .emailOut, deal: "D-ana", rep: "ana", occurredAt: Self.day(-20)),
            Activity(id: "a2", kind: .callConducted, deal: "D-ben", rep: "ben", occurredAt: Self.day(-1)),
            Activity(id: "a3", kind: .callConducted, deal: "D-cara", rep: "cara", occurredAt: Self.day(-1)),
            Activity(
                id: "g1", tenant: Self.globex, kind: .emailOut, deal: "G-1", rep: "bob", occurredAt: Self.day(-20)),
        ]
        _ = try await store.apply(batch)
    }

    static func deal(
        _ id: Deal.ID, owner: Rep.ID, account: Account.ID, enteredDaysAgo: Double, segment: String? = nil,
        tenant: Tenant.ID = Tenant.defaultID
    ) -> Deal {
        Deal(
            id: id, tenant: tenant, name: "Deal \(id.rawValue)", account: account, owner: owner, stage: "Qualified",
            stageHistory: [StageChange(stage: "Qualified", enteredAt: day(-enteredDaysAgo))], amountCents: 1_000_000,
            segment: segment, createdAt: day(-enteredDaysAgo), updatedAt: day(-enteredDaysAgo))
    }

    /// Seeds the data and raises the alerts of both tenants (D-ana and G-1 are stalled).
    func seedAlerts() async throws {
        try await seedData()
        try await engines.evaluate(tenant: Tenant.defaultID, at: Self.now)
        try await engines.evaluate(tenant: Self.globex, at: Self.now)
    }

    /// "stalled": an open deal with no activity for 14 days (high), to the owner and their manager.
    static func rules() -> [Rule] {
        let open = Condition.attribute(AttributeMatch(attribute: "deal.status", values: ["open"]))
        let silent = Condition.noActivity(NoActivity(days: 14))
        return [
            Rule(
                id: "stalled", title: "Stalled deal", scope: .deal, condition: .all([open, silent]), severity: .high,
                recipients: [.owner, .manager],
                message: RuleMessage(
                    title: "STALLED: {{deal.name}}", facts: ["Silent for {{no_activity.days}} days"],
                    actions: ["Call the champion"]),
                category: "risk")
        ]
    }
}

/// Users and their token secrets, one per role, plus the broken cases (expired, revoked, disabled, other tenant).
enum Caller: String, CaseIterable, Sendable {
    case admin, exec, mgr, ana, ben, cara, expired, revoked, disabled, globexAdmin, globexBob

    var secret: String { "pulse_test_secret_\(rawValue)" }
    var bearer: HTTPFields { [.authorization: "Bearer \(secret)"] }

    var user: User {
        let created = ServerFixture.day(-100)
        switch self {
        case .admin: return User(id: "u-admin", name: "Ada Admin", role: .admin, createdAt: created)
        case .exec: return User(id: "u-exec", name: "Erin", role: .executive, rep: "exec", createdAt: created)
        case .mgr: return User(id: "u-mgr", name: "Max", role: .manager, rep: "mgr", createdAt: created)
        case .ana: return User(id: "u-ana", name: "Ana", role: .rep, rep: "ana", createdAt: created)
        case .ben: return User(id: "u-ben", name: "Ben", role: .rep, rep: "ben", createdAt: created)
        case .cara: return User(id: "u-cara", name: "Cara", role: .rep, rep: "cara", createdAt: created)
        case .expired, .revoked: return User(id: "u-ana", name: "Ana", role: .rep, rep: "ana", createdAt: created)
        case .disabled:
            return User(id: "u-gone", name: "Gone", role: .admin, createdAt: created, disabled: true)
        case .globexAdmin:
            return User(id: "u-admin", tenant: ServerFixture.globex, name: "Gil", role: .admin, createdAt: created)
        case .globexBob:
            return User(
                id: "u-bob", tenant: ServerFixture.globex, name: "Bob", role: .rep, rep: "bob", createdAt: created)
        }
    }

    var token: ApiToken {
        let user = user
        return ApiToken(
            id: ApiToken.ID("t-\(rawValue)"), tenant: user.tenant, user: user.id, name: rawValue,
            hash: TokenSecret.hash(secret), prefix: TokenSecret.displayPrefix(secret),
            createdAt: ServerFixture.day(-100),
            expiresAt: self == .expired ? ServerFixture.day(-1) : nil,
            revokedAt: self == .revoked ? ServerFixture.day(-2) : nil)
    }
}

extension ServerFixture {
    /// Saves every `Caller`'s user and token.
    func seedUsers() async throws {
        for caller in Caller.allCases {
            try await store.saveUser(caller.user)
            try await store.saveToken(caller.token)
        }
    }

    /// Data, alerts, users and tokens.
    func seedAll() async throws {
        try await seedAlerts()
        try await seedUsers()
    }
}

extension TestResponse {
    /// The body decoded as JSON (objects as `[String: Any]`).
    func json() throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(buffer: body))
        guard let dictionary = object as? [String: Any] else { throw FixtureError("body is not a JSON object") }
        return dictionary
    }

    /// `error.code` of an error body.
    func errorCode() throws -> String? { (try json()["error"] as? [String: Any])?["code"] as? String }

    /// The `id` of every item of a page.
    func itemIDs(_ key: String = "id") throws -> [String] {
        ((try json()["items"] as? [[String: Any]]) ?? []).compactMap { $0[key] as? String }
    }
}

/// A fixture failure with a sentence.
struct FixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A JSON request body.
func jsonBody(_ text: String) -> ByteBuffer { ByteBuffer(string: text) }
