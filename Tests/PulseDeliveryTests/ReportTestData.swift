import Foundation
import PulseCore

/// A tiny tenant for rendering and scheduling reports: a manager with one BDR, one deal, a meeting today and
/// two active alerts (one with markup characters in its entity name).
enum ReportTestData {
    static func d(_ text: String) -> Date { ISODate.parse(text)! }

    /// Wednesday 2026-11-25 12:00 UTC.
    static let now = d("2026-11-25T12:00:00Z")

    static let reps = [
        Rep(id: "ana", name: "Ana Diaz", role: .bdr, manager: "max"),
        Rep(id: "max", name: "Max Moss", role: .manager),
    ]

    static let manager = User(
        id: "u-max", name: "Max Moss", email: "max@example.com", role: .manager, rep: "max", createdAt: d("2026-01-01"))
    static let rep = User(
        id: "u-ana", name: "Ana Diaz", email: "ana@example.com", role: .rep, rep: "ana", createdAt: d("2026-01-01"))

    static let deals = [
        Deal(
            id: "D1", name: "Alpha School", owner: "ana", pipeline: "bdr", stage: "SOLD",
            stageHistory: [StageChange(stage: "SOLD", enteredAt: d("2026-11-25T10:00:00Z"))], amountCents: 1_250_000,
            createdAt: d("2026-11-02"), closedAt: d("2026-11-25T10:00:00Z"), outcome: .won)
    ]

    static let activities = [
        Activity(id: "c1", kind: .callConducted, deal: "D1", rep: "ana", occurredAt: d("2026-11-24T09:00:00Z")),
        Activity(
            id: "m1", kind: .meeting, deal: "D1", rep: "ana", occurredAt: d("2026-11-25T15:00:00Z"),
            subject: "Kick-off"),
    ]

    static func alert(_ number: Int64, _ severity: Severity, entity: String) -> Alert {
        Alert(
            id: .init("fp\(number)-1"), number: number, tenant: Tenant.defaultID, fingerprint: "fp\(number)",
            rule: "rule-\(number)", severity: severity, category: "risk", entity: EntityRef(.deal, "D\(number)"),
            entityName: entity, owner: "ana", recipients: ["ana"], state: .open, raisedAt: d("2026-11-24T09:00:00Z"),
            openedAt: d("2026-11-24T09:00:00Z"), lastFiringAt: d("2026-11-25T11:00:00Z"),
            updatedAt: d("2026-11-24T09:00:00Z"),
            content: AlertContent(
                title: "Alert \(number)", entityLine: "Deal: D\(number)", actions: ["Call <the> lead & confirm"]))
    }

    static let alerts = [alert(1, .critical, entity: "Acme <Corp> & Co"), alert(2, .medium, entity: "Beta")]

    static let data = ReportData(reps: reps, deals: deals, activities: activities, alerts: alerts)
}
