import Foundation
import PulseCore
import PulseDelivery

/// Alerts, notifications and outbox rows shaped like sales-intelligence-design.md §3.2's examples.
enum DeliveryFixtures {
    static let t0 = Date(timeIntervalSince1970: 1_795_000_000)

    static func alert(
        number: Int64 = 17, severity: Severity = .critical, state: AlertState = .open, id: String = "fp1-1795000000",
        fingerprint: String = "fp1", owner: Rep.ID = "rep_12"
    ) -> Alert {
        Alert(
            id: Alert.ID(id), number: number, tenant: Tenant.defaultID, fingerprint: fingerprint,
            rule: "deal_velocity", severity: severity, category: "velocity", entity: EntityRef(.deal, "D04523"),
            entityName: "Acme Corp", owner: owner, recipients: [owner], state: state, raisedAt: t0, openedAt: t0,
            lastFiringAt: t0, updatedAt: t0,
            content: AlertContent(
                title: "VELOCITY ALERT: Deal at Risk", entityLine: "Deal: D04523 - Acme Corp",
                ownerLine: "Rep: Sarah Johnson (rep_12)",
                facts: ["Sales Momentum Index: 0.048 (baseline 0.12)", "Days in stage: 41 (median 18)"],
                why: ["Deals this slow close 60% less often", "Quarter ends in 12 days & <nothing> is scheduled"],
                actions: ["Call the champion this week", ".NET migration call: confirm the date", "Review pricing"],
                impact: "$45K potential revenue at risk"))
    }

    static func notification(
        _ alert: Alert, reason: AlertNotification.Reason = .new, recipient: Rep.ID = "rep_12"
    ) -> AlertNotification {
        AlertNotification(
            alert: alert.id, tenant: alert.tenant, fingerprint: alert.fingerprint, recipient: recipient,
            severity: alert.severity, reason: reason, escalationLevel: alert.escalationLevel, status: .queued,
            createdAt: t0)
    }

    static func item(
        _ alert: Alert, channel: DeliveryChannelKind, action: String = "new", id: String? = nil
    ) -> OutboxItem {
        OutboxItem(
            id: id ?? "\(alert.id.rawValue)|rep_12|new|0|\(channel.rawValue)", tenant: alert.tenant, kind: .alert,
            channel: channel, recipient: "rep_12", severity: alert.severity, alert: alert.id,
            fingerprint: alert.fingerprint, action: action, nextAttemptAt: t0, createdAt: t0)
    }

    static let sarah = DeliveryRecipient(
        id: "rep_12", name: "Sarah Johnson", email: "sarah@example.com", timeZone: "Europe/Berlin")

    static func message(_ alert: Alert, action: String = "new") -> DeliveryMessage {
        AlertMessageRenderer(publicURL: "https://pulse.example.com/").render(alert, action: action)
    }
}

/// Decodes quoted-printable text (soft breaks removed, =XX bytes decoded).
func decodeQuotedPrintable(_ text: String) -> String {
    let joined = text.replacingOccurrences(of: "=\r\n", with: "")
    var bytes: [UInt8] = []
    var utf8 = Array(joined.utf8)[...]
    while let byte = utf8.popFirst() {
        if byte == UInt8(ascii: "="), utf8.count >= 2,
            let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16)
        {
            bytes.append(value)
            utf8 = utf8.dropFirst(2)
        } else {
            bytes.append(byte)
        }
    }
    return String(decoding: bytes, as: UTF8.self)
}
