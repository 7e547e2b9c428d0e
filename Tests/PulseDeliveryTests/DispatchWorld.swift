import AsyncHTTPClient
import Foundation
import PulseCore
import PulseDelivery
import PulseStore
import PulseTestSupport

/// A real SQLite file in a temporary folder, a real HTTP receiver (Slack, webhook and PagerDuty at different
/// paths), a real SMTP server and one shared HTTP client: what the dispatcher tests run against.
struct DispatchWorld {
    let folder: URL
    let http: HTTPReceiver
    let smtp: SMTPReceiver
    let smtpPort: Int
    let client: HTTPClient

    var databasePath: String { folder.appendingPathComponent("pulse.sqlite").path }

    /// Opens the store on the world's database file (again, for a "restart").
    func openStore() throws -> SQLiteStore { try SQLiteStore(path: databasePath) }

    /// Every channel pointed at the receivers.
    var settings: ChannelSettings {
        ChannelSettings(
            slack: SlackSettings(webhookURL: http.url + "/slack"),
            email: EmailSettings(host: "127.0.0.1", port: smtpPort, startTLS: false, from: "Pulse <pulse@example.com>"),
            webhook: WebhookSettings(url: http.url + "/webhook", secret: "s3cret"),
            pagerDuty: PagerDutySettings(routingKey: "R0UTING", url: http.url + "/pagerduty"),
            publicURL: "https://pulse.example.com")
    }

    func deliverer(
        _ store: SQLiteStore, settings: ChannelSettings? = nil,
        outbox: OutboxSettings = OutboxSettings(maxAttempts: 3, baseDelaySeconds: 10, maxDelaySeconds: 60)
    ) -> OutboxDeliverer {
        let settings = settings ?? self.settings
        return OutboxDeliverer(
            store: store,
            channels: DeliveryChannels.make(
                settings: settings, httpClient: client, httpTimeout: 30, smtpTimeout: 30,
                clock: { DeliveryFixtures.t0 }),
            settings: settings, outbox: outbox, seed: 1)
    }

    /// Requests the receiver got at one path.
    func requests(_ path: String) -> [HTTPReceiver.Request] { http.requests.filter { $0.path == path } }

    static func with(_ body: (DispatchWorld) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "pulse-delivery-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        do {
            try await HTTPReceiver.with { http in
                try await SMTPReceiver.with { smtp, port in
                    try await body(
                        DispatchWorld(folder: folder, http: http, smtp: smtp, smtpPort: port, client: client))
                }
            }
            try await client.shutdown()
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    /// The default tenant with rep_12 (Sarah, Berlin) and rep_13 (Tom, no e-mail), and the given users.
    static func seed(_ store: SQLiteStore, users: [User] = []) async throws {
        var batch = IngestBatch()
        batch.tenants = [Tenant(id: Tenant.defaultID, name: "Default")]
        batch.reps = [
            Rep(id: "rep_12", name: "Sarah Johnson", email: "sarah@example.com", timeZone: "Europe/Berlin"),
            Rep(id: "rep_13", name: "Tom Lee", timeZone: "UTC"),
        ]
        _ = try await store.apply(batch)
        for user in users { try await store.saveUser(user) }
    }

    /// Saves alerts (unnumbered, so the store numbers them) with one queued notification each (reason `new`, to
    /// their owner); returns them as saved.
    @discardableResult
    static func raise(_ store: SQLiteStore, _ alerts: [Alert]) async throws -> [Alert] {
        let alerts = alerts.map { alert in
            var fresh = alert
            fresh.number = 0
            return fresh
        }
        return try await store.save(
            AlertChangeSet(
                alerts: alerts,
                notifications: alerts.map { DeliveryFixtures.notification($0, recipient: $0.owner ?? "rep_12") }))
    }

    /// A user linked to rep_12 whose preferences send every severity to `channels`.
    static func sarahUser(
        _ channels: [DeliveryChannelKind], quietHours: QuietHours? = nil, timeZone: String = "Europe/Berlin"
    ) -> User {
        User(
            id: "u-sarah", name: "Sarah Johnson", email: "sarah@example.com", role: .rep, rep: "rep_12",
            timeZone: timeZone,
            preferences: DeliveryPreferences(
                critical: channels, high: channels, medium: channels, low: channels, quietHours: quietHours),
            createdAt: DeliveryFixtures.t0)
    }
}
