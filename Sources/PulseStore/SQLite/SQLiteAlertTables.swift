import Foundation
import GRDB
import PulseCore

/// The alert book's tables (migration `v2-alert-book`), their columns, and how rows become alert records.
///
/// Dates are whole Unix seconds like every other table; labels, recipients, suppression, content, facts and
/// silence matchers are JSON text with sorted keys.
enum SQLiteAlertTables {
    /// The migration's identifier; never change it once released.
    static let migration = "v2-alert-book"

    /// The alert book's tables, in the order `counts()` reports them.
    static let tables = ["alerts", "alert_audit", "alert_notifications", "alert_feedback", "silences"]

    /// Creates the alert book's tables and the indexes its queries use.
    static func create(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE alerts (
                    id TEXT NOT NULL PRIMARY KEY,
                    number INTEGER NOT NULL UNIQUE,
                    tenant TEXT NOT NULL,
                    fingerprint TEXT NOT NULL,
                    rule TEXT NOT NULL,
                    severity TEXT NOT NULL,
                    severity_rank INTEGER NOT NULL,
                    category TEXT NOT NULL,
                    entity_scope TEXT NOT NULL,
                    entity_id TEXT NOT NULL,
                    entity_name TEXT NOT NULL,
                    owner TEXT,
                    recipients TEXT NOT NULL,
                    assignee TEXT,
                    labels TEXT NOT NULL,
                    state TEXT NOT NULL,
                    suppression TEXT,
                    shadow INTEGER NOT NULL,
                    raised_at INTEGER NOT NULL,
                    opened_at INTEGER,
                    last_firing_at INTEGER NOT NULL,
                    clear_since INTEGER,
                    updated_at INTEGER NOT NULL,
                    acknowledged_at INTEGER,
                    acknowledged_by TEXT,
                    snoozed_until INTEGER,
                    resolved_at INTEGER,
                    resolved_by TEXT,
                    resolution_note TEXT,
                    escalation_level INTEGER NOT NULL,
                    sla_due_at INTEGER,
                    content TEXT NOT NULL,
                    facts TEXT NOT NULL,
                    impact_cents INTEGER,
                    notified_at INTEGER,
                    reopened_from TEXT
                );
                CREATE INDEX alerts_state ON alerts (tenant, state);
                CREATE INDEX alerts_fingerprint ON alerts (tenant, fingerprint, raised_at);
                CREATE INDEX alerts_rule ON alerts (tenant, rule);
                CREATE INDEX alerts_owner ON alerts (tenant, owner);
                CREATE INDEX alerts_entity ON alerts (tenant, entity_id, state);
                CREATE TABLE alert_audit (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    tenant TEXT NOT NULL,
                    alert TEXT NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
                    at INTEGER NOT NULL,
                    actor TEXT NOT NULL,
                    action TEXT NOT NULL,
                    from_state TEXT,
                    to_state TEXT,
                    detail TEXT NOT NULL
                );
                CREATE INDEX alert_audit_alert ON alert_audit (alert, at);
                CREATE INDEX alert_audit_at ON alert_audit (tenant, at);
                CREATE TABLE alert_notifications (
                    id TEXT NOT NULL PRIMARY KEY,
                    tenant TEXT NOT NULL,
                    alert TEXT NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
                    fingerprint TEXT NOT NULL,
                    recipient TEXT NOT NULL,
                    severity TEXT NOT NULL,
                    reason TEXT NOT NULL,
                    escalation_level INTEGER NOT NULL,
                    status TEXT NOT NULL,
                    created_at INTEGER NOT NULL
                );
                CREATE INDEX alert_notifications_recipient ON alert_notifications (tenant, recipient, created_at);
                CREATE INDEX alert_notifications_status ON alert_notifications (tenant, status, created_at);
                CREATE INDEX alert_notifications_alert ON alert_notifications (alert);
                CREATE TABLE alert_feedback (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    tenant TEXT NOT NULL,
                    alert TEXT NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
                    rule TEXT NOT NULL,
                    verdict TEXT NOT NULL,
                    actor TEXT NOT NULL,
                    at INTEGER NOT NULL,
                    note TEXT
                );
                CREATE INDEX alert_feedback_at ON alert_feedback (tenant, at);
                CREATE INDEX alert_feedback_alert ON alert_feedback (alert);
                CREATE TABLE silences (
                    tenant TEXT NOT NULL,
                    id TEXT NOT NULL,
                    matchers TEXT NOT NULL,
                    starts_at INTEGER NOT NULL,
                    ends_at INTEGER NOT NULL,
                    created_by TEXT NOT NULL,
                    reason TEXT NOT NULL,
                    created_at INTEGER NOT NULL,
                    PRIMARY KEY (tenant, id)
                );
                CREATE INDEX silences_ends_at ON silences (tenant, ends_at);
                """)
    }

    // MARK: - Columns

    static let alertColumns = [
        "id", "number", "tenant", "fingerprint", "rule", "severity", "severity_rank", "category", "entity_scope",
        "entity_id", "entity_name", "owner", "recipients", "assignee", "labels", "state", "suppression", "shadow",
        "raised_at", "opened_at", "last_firing_at", "clear_since", "updated_at", "acknowledged_at", "acknowledged_by",
        "snoozed_until", "resolved_at", "resolved_by", "resolution_note", "escalation_level", "sla_due_at", "content",
        "facts", "impact_cents", "notified_at", "reopened_from",
    ]

    static let auditColumns = ["alert", "tenant", "at", "actor", "action", "from_state", "to_state", "detail"]

    static let notificationColumns = [
        "id", "alert", "tenant", "fingerprint", "recipient", "severity", "reason", "escalation_level", "status",
        "created_at",
    ]

    static let feedbackColumns = ["alert", "tenant", "rule", "verdict", "actor", "at", "note"]

    static let silenceColumns = [
        "tenant", "id", "matchers", "starts_at", "ends_at", "created_by", "reason", "created_at",
    ]

    /// `SELECT` of `columns` from `table` followed by `suffix`.
    static func select(_ columns: [String], from table: String, _ suffix: String) -> String {
        "SELECT \(columns.joined(separator: ", ")) FROM \(table) \(suffix)"
    }

    /// `INSERT INTO table (columns) VALUES (?1 …)` followed by `suffix` (an `ON CONFLICT` clause).
    static func insert(_ columns: [String], into table: String, _ suffix: String = "") -> String {
        let placeholders = (1...columns.count).map { "?\($0)" }.joined(separator: ", ")
        return "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(placeholders)) \(suffix)"
    }

    /// `ON CONFLICT (key) DO UPDATE SET` every column except `keep`, to the incoming value.
    static func upsert(_ columns: [String], key: [String], keep: Set<String>) -> String {
        let assignments = columns.filter { !keep.contains($0) && !key.contains($0) }
            .map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
        return "ON CONFLICT (\(key.joined(separator: ", "))) DO UPDATE SET \(assignments)"
    }

    // MARK: - Writing

    /// Binds an alert in `alertColumns` order, with `number` as its number and its JSON columns pre-encoded.
    static func bind(_ a: Alert, number: Int64, json: AlertJSONColumns, _ b: inout SQLiteBinder) {
        b.id(a.id)
        b.int64(number)
        b.id(a.tenant)
        b.text(a.fingerprint)
        b.text(a.rule)
        b.raw(a.severity)
        b.int(a.severity.rank)
        b.text(a.category)
        b.raw(a.entity.scope)
        b.text(a.entity.id)
        b.text(a.entityName)
        b.id(a.owner)
        b.text(json.recipients)
        b.id(a.assignee)
        b.text(json.labels)
        b.raw(a.state)
        b.text(json.suppression)
        b.bool(a.shadow)
        b.date(a.raisedAt)
        b.date(a.openedAt)
        b.date(a.lastFiringAt)
        b.date(a.clearSince)
        b.date(a.updatedAt)
        b.date(a.acknowledgedAt)
        b.text(a.acknowledgedBy)
        b.date(a.snoozedUntil)
        b.date(a.resolvedAt)
        b.text(a.resolvedBy)
        b.text(a.resolutionNote)
        b.int(a.escalationLevel)
        b.date(a.slaDueAt)
        b.text(json.content)
        b.text(json.facts)
        b.int64(a.impactCents)
        b.date(a.notifiedAt)
        b.text(a.reopenedFrom?.rawValue)
    }

    static func bind(_ e: AlertAuditEntry, _ b: inout SQLiteBinder) {
        b.id(e.alert)
        b.id(e.tenant)
        b.date(e.at)
        b.text(e.actor)
        b.raw(e.action)
        b.raw(e.fromState)
        b.raw(e.toState)
        b.text(e.detail)
    }

    static func bind(_ n: AlertNotification, _ b: inout SQLiteBinder) {
        b.text(n.id)
        b.id(n.alert)
        b.id(n.tenant)
        b.text(n.fingerprint)
        b.id(n.recipient)
        b.raw(n.severity)
        b.raw(n.reason)
        b.int(n.escalationLevel)
        b.raw(n.status)
        b.date(n.createdAt)
    }

    static func bind(_ f: AlertFeedback, _ b: inout SQLiteBinder) {
        b.id(f.alert)
        b.id(f.tenant)
        b.text(f.rule)
        b.raw(f.verdict)
        b.text(f.by)
        b.date(f.at)
        b.text(f.note)
    }

    static func bind(_ s: Silence, matchers: String, _ b: inout SQLiteBinder) {
        b.id(s.tenant)
        b.text(s.id)
        b.text(matchers)
        b.date(s.startsAt)
        b.date(s.endsAt)
        b.text(s.createdBy)
        b.text(s.reason)
        b.date(s.createdAt)
    }

    // MARK: - Reading

    /// An alert from a row in `alertColumns` order.
    static func alert(_ row: SQLiteRow, _ json: AlertJSON) throws -> Alert {
        let t = "alerts"
        return Alert(
            id: row.id(0)!, number: row[1], tenant: row.id(2)!, fingerprint: row[3], rule: row[4],
            severity: try SQLiteValue.enumValue(row[5] as String, as: Severity.self, table: t, column: "severity"),
            category: row[7],
            entity: EntityRef(
                try SQLiteValue.enumValue(row[8] as String, as: RuleScope.self, table: t, column: "entity_scope"),
                row[9]),
            entityName: row[10], owner: row.id(11),
            recipients: try json.decode([Rep.ID].self, row[12], table: t, column: "recipients"),
            assignee: row.id(13),
            labels: try json.decode([String: String].self, row[14], table: t, column: "labels"),
            state: try SQLiteValue.enumValue(row[15] as String, as: AlertState.self, table: t, column: "state"),
            suppression: try (row[16] as String?).map {
                try json.decode(AlertSuppression.self, $0, table: t, column: "suppression")
            },
            shadow: row[17], raisedAt: row.date(18)!, openedAt: row.date(19), lastFiringAt: row.date(20)!,
            clearSince: row.date(21), updatedAt: row.date(22)!, acknowledgedAt: row.date(23),
            acknowledgedBy: row[24], snoozedUntil: row.date(25), resolvedAt: row.date(26), resolvedBy: row[27],
            resolutionNote: row[28], escalationLevel: row[29], slaDueAt: row.date(30),
            content: try json.decode(AlertContent.self, row[31], table: t, column: "content"),
            facts: try json.decode([String: FactValue].self, row[32], table: t, column: "facts"),
            impactCents: row[33], notifiedAt: row.date(34), reopenedFrom: row.id(35))
    }

    /// An audit entry from a row in `auditColumns` order.
    static func auditEntry(_ row: SQLiteRow) throws -> AlertAuditEntry {
        let t = "alert_audit"
        return AlertAuditEntry(
            alert: row.id(0)!, tenant: row.id(1)!, at: row.date(2)!, actor: row[3],
            action: try SQLiteValue.enumValue(row[4] as String, as: AlertAction.self, table: t, column: "action"),
            fromState: try SQLiteValue.optionalEnumValue(
                row[5] as String?, as: AlertState.self, table: t, column: "from_state"),
            toState: try SQLiteValue.optionalEnumValue(
                row[6] as String?, as: AlertState.self, table: t, column: "to_state"),
            detail: row[7])
    }

    /// A notification from a row in `notificationColumns` order.
    static func notification(_ row: SQLiteRow) throws -> AlertNotification {
        let t = "alert_notifications"
        let notification = AlertNotification(
            alert: row.id(1)!, tenant: row.id(2)!, fingerprint: row[3], recipient: row.id(4)!,
            severity: try SQLiteValue.enumValue(row[5] as String, as: Severity.self, table: t, column: "severity"),
            reason: try SQLiteValue.enumValue(
                row[6] as String, as: AlertNotification.Reason.self, table: t, column: "reason"),
            escalationLevel: row[7],
            status: try SQLiteValue.enumValue(
                row[8] as String, as: AlertNotification.Status.self, table: t, column: "status"),
            createdAt: row.date(9)!)
        let stored: String = row[0]
        // The id is derived from the other fields; a row whose id disagrees was not written by Pulse.
        guard notification.id == stored else { throw StoreError.corruptValue(stored, table: t, column: "id") }
        return notification
    }

    /// A feedback verdict from a row in `feedbackColumns` order.
    static func feedback(_ row: SQLiteRow) throws -> AlertFeedback {
        AlertFeedback(
            alert: row.id(0)!, tenant: row.id(1)!, rule: row[2],
            verdict: try SQLiteValue.enumValue(
                row[3] as String, as: AlertFeedback.Verdict.self, table: "alert_feedback", column: "verdict"),
            by: row[4], at: row.date(5)!, note: row[6])
    }

    /// A silence from a row in `silenceColumns` order.
    static func silence(_ row: SQLiteRow, _ json: AlertJSON) throws -> Silence {
        Silence(
            id: row[1], tenant: row.id(0)!,
            matchers: try json.decode([LabelMatcher].self, row[2], table: "silences", column: "matchers"),
            startsAt: row.date(3)!, endsAt: row.date(4)!, createdBy: row[5], reason: row[6],
            createdAt: row.date(7)!)
    }
}
