import Foundation
import PulseCore

/// Alert-book records for the store tests: one fully populated value of each, and small alerts for queries.
enum AlertFixtures {
    static func date(days: Int = 0, hours: Int = 0) -> Date { Fixtures.date(days: days, seconds: hours * 3_600) }

    /// An alert with every optional field set and every JSON column holding awkward text and numbers.
    static func fullAlert() -> Alert {
        Alert(
            id: "fp-full-1748854800", number: 0, tenant: "acme", fingerprint: "fp-full", rule: "stalled-deal",
            severity: .high, category: "risk", entity: EntityRef(.deal, "deal-1"),
            entityName: "Globex \"partner\" list — ünïcödé", owner: "rep-1", recipients: ["rep-1", "mgr-1"],
            assignee: "rep-2",
            labels: ["rule": "stalled-deal", "team": "emea", "odd": "a\"b\\c/d\n\u{1}", "": "empty name"],
            state: .snoozed, suppression: .silenced("sil-1"), shadow: true, raisedAt: date(),
            openedAt: date(hours: 2), lastFiringAt: date(days: 3), clearSince: date(days: 3, hours: 1),
            updatedAt: date(days: 3, hours: 2), acknowledgedAt: date(days: 1), acknowledgedBy: "dana@acme.example",
            snoozedUntil: date(days: 5), resolvedAt: date(days: 6), resolvedBy: "pulse",
            resolutionNote: "Line one\nline \"two\"", escalationLevel: 2, slaDueAt: date(days: 2),
            content: AlertContent(
                title: "STALLED DEAL: Globex", entityLine: "Deal: deal-1 - Globex",
                ownerLine: "Rep: Sam Rivera (rep-1)",
                facts: ["Current stage: Qualified (21 days)", "SMI 0.048 < 0.07"],
                why: ["Deals silent this long rarely close"], actions: ["Call the champion", "Agree a next step"],
                impact: "$45K in the balance"),
            facts: [
                "deal.smi": .number(0.048, .score), "deal.amount": .money(4_500_000),
                "text.phrase": .text("budget approved"), "deal.renewal_date": .date(date(days: 90)),
                "third": .number(1.0 / 3.0, .ratio), "unbounded": .number(.infinity, .ratio),
                "below": .number(-.infinity, .percentChange), "change": .number(-12.5, .percentChange),
                "huge": .number(1e300, .count),
            ],
            impactCents: 4_500_000, notifiedAt: date(hours: 12), reopenedFrom: "0123456789abcdef-1764000000")
    }

    /// An alert with every optional field empty.
    static func minimalAlert() -> Alert {
        Alert(
            id: "fp-min-1748854800", tenant: Tenant.defaultID, fingerprint: "fp-min", rule: "r", severity: .low,
            entity: EntityRef(.tenant, "default"), entityName: "", state: .pending, raisedAt: date(),
            lastFiringAt: date(), updatedAt: date(), content: AlertContent(title: "", entityLine: ""))
    }

    /// A small alert for queries; `name` makes its id and fingerprint.
    static func alert(
        _ name: String, tenant: Tenant.ID = "acme", rule: Rule.ID = "stalled-deal", severity: Severity = .high,
        state: AlertState = .open, owner: Rep.ID? = "rep-1", entity: EntityRef = EntityRef(.deal, "deal-1"),
        fingerprint: String? = nil, raisedAt: Date = date()
    ) -> Alert {
        let fingerprint = fingerprint ?? "fp-\(name)"
        return Alert(
            id: Alert.ID("\(fingerprint)-\(Int64(raisedAt.timeIntervalSince1970))"), tenant: tenant,
            fingerprint: fingerprint, rule: rule, severity: severity, category: "risk", entity: entity,
            entityName: "Entity \(name)", owner: owner, recipients: owner.map { [$0] } ?? [], assignee: owner,
            labels: ["rule": rule], state: state, raisedAt: raisedAt, lastFiringAt: raisedAt, updatedAt: raisedAt,
            content: AlertContent(title: "Alert \(name)", entityLine: "Deal: \(entity.id)"))
    }

    static func audit(
        _ alert: Alert, _ action: AlertAction, at: Date, from: AlertState? = nil, to: AlertState? = nil,
        detail: String = ""
    ) -> AlertAuditEntry {
        AlertAuditEntry(
            alert: alert.id, tenant: alert.tenant, at: at, actor: "pulse", action: action, fromState: from,
            toState: to, detail: detail)
    }

    static func notification(
        _ alert: Alert, to recipient: Rep.ID, reason: AlertNotification.Reason = .new, level: Int = 0,
        status: AlertNotification.Status = .queued, at: Date = date()
    ) -> AlertNotification {
        AlertNotification(
            alert: alert.id, tenant: alert.tenant, fingerprint: alert.fingerprint, recipient: recipient,
            severity: alert.severity, reason: reason, escalationLevel: level, status: status, createdAt: at)
    }

    static func silence(
        _ id: String, tenant: Tenant.ID = "acme", starts: Date = date(), ends: Date, created: Date = date()
    ) -> Silence {
        Silence(
            id: id, tenant: tenant,
            matchers: [
                LabelMatcher(name: "rule", op: .matches, value: "stalled.*"),
                LabelMatcher(name: "owner", op: .notEqual, value: "rep \"3\""),
            ],
            startsAt: starts, endsAt: ends, createdBy: "dana", reason: "Quarter-end freeze", createdAt: created)
    }

    /// One change set holding the full alert with one record of every other kind about it.
    static func fullChangeSet() -> AlertChangeSet {
        let alert = fullAlert()
        return AlertChangeSet(
            alerts: [alert],
            audit: [
                audit(alert, .raised, at: date(), to: .pending, detail: "SMI 0.048 < 0.07"),
                audit(alert, .snoozed, at: date(days: 1), from: .open, to: .snoozed, detail: "until \"Friday\""),
            ],
            notifications: [
                notification(alert, to: "rep-1", reason: .escalated, level: 2, status: .digest, at: date(hours: 3))
            ],
            feedback: [
                AlertFeedback(
                    alert: alert.id, tenant: "acme", rule: "stalled-deal", verdict: .noise, by: "dana",
                    at: date(days: 2), note: "Known \"quiet\" deal")
            ],
            silences: [silence("sil-1", ends: date(days: 10))])
    }
}
