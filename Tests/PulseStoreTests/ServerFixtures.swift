import Foundation
import PulseCore

/// Users, tokens, audit lines and outbox rows for the server-side store tests.
enum ServerFixtures {
    static func date(hours: Int = 0, minutes: Int = 0) -> Date {
        Fixtures.date(seconds: hours * 3_600 + minutes * 60)
    }

    /// A user with every optional field set and non-standard preferences.
    static func fullUser() -> User {
        User(
            id: "ana", tenant: "acme", name: "Ana \"Ops\" Łukasz", email: "ana@acme.example", role: .manager,
            rep: "rep-1", timeZone: "Europe/Berlin",
            preferences: DeliveryPreferences(
                critical: [.pagerduty, .slack], high: [.email], medium: [], low: [.email],
                quietHours: QuietHours(startMinute: 22 * 60, endMinute: 7 * 60, holdCritical: true),
                slackWebhook: "https://hooks.example/T1/B2"),
            createdAt: date(), disabled: true)
    }

    static func user(_ id: User.ID, tenant: Tenant.ID = "acme", role: UserRole = .rep) -> User {
        User(id: id, tenant: tenant, name: "User \(id.rawValue)", role: role, createdAt: date())
    }

    static func token(
        _ id: ApiToken.ID, tenant: Tenant.ID = "acme", user: User.ID = "ana", hash: String? = nil,
        created: Date = date()
    ) -> ApiToken {
        ApiToken(
            id: id, tenant: tenant, user: user, name: "token \(id.rawValue)", hash: hash ?? "hash-\(id.rawValue)",
            prefix: "pulse_\(id.rawValue)", createdAt: created)
    }

    static func audit(
        _ action: String, tenant: Tenant.ID = "acme", at: Date, target: String = "alert:1"
    ) -> AuditLogEntry {
        AuditLogEntry(tenant: tenant, at: at, actor: "ana", action: action, target: target, detail: "did \(action)")
    }

    /// An outbox row for a report (with a pre-rendered message) or an alert notification.
    static func item(
        _ id: String, tenant: Tenant.ID = "acme", severity: Severity = .high, channel: DeliveryChannelKind = .slack,
        due: Date = date(), created: Date = date(), notification: String? = nil, message: DeliveryMessage? = nil
    ) -> OutboxItem {
        OutboxItem(
            id: id, tenant: tenant, kind: notification == nil ? .report : .alert, channel: channel,
            recipient: "rep-1", severity: severity, notification: notification, action: "new", message: message,
            nextAttemptAt: due, createdAt: created)
    }

    /// A message with every field set and awkward text.
    static func message() -> DeliveryMessage {
        DeliveryMessage(
            subject: "Weekly \"pipeline\" — ünïcödé", text: "Line one\nline two", html: "<p>Hi &amp; bye</p>",
            slackBlocks: #"[{"type":"section"}]"#, severity: .critical, link: "https://pulse.example/alerts/17")
    }
}
