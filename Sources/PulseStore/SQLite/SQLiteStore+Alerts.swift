import Foundation
import GRDB
import PulseCore

/// The alert book in the SQLite file: every change set is one write transaction, so the book survives restarts
/// and a failed save leaves nothing behind.
extension SQLiteStore: AlertStore {
    @discardableResult
    public func save(_ changes: AlertChangeSet) async throws -> [Alert] {
        guard !changes.isEmpty else { return [] }
        do {
            return try await writer.write { db in try Self.save(changes, db) }
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError {
            throw StoreError.alertSaveFailed(path, reason: error.message ?? error.description)
        } catch {
            throw StoreError.alertSaveFailed(path, reason: String(describing: error))
        }
    }

    /// Writes a change set inside the open write transaction; any thrown error rolls all of it back.
    private static func save(_ changes: AlertChangeSet, _ db: Database) throws -> [Alert] {
        typealias T = SQLiteAlertTables
        let json = AlertJSON()
        let find = try db.cachedStatement(sql: "SELECT number, tenant FROM alerts WHERE id = ?")
        // The alerts' tenants, from this change set or the store, to check the records that name them.
        var tenants: [Alert.ID: Tenant.ID] = [:]
        func storedAlert(_ id: Alert.ID) throws -> (number: Int64, tenant: Tenant.ID)? {
            var stored: (number: Int64, tenant: Tenant.ID)?
            try find.forEachRow(in: db, bind: { $0.id(id) }) { row in stored = (row[0], row.id(1)!) }
            return stored
        }

        let upsert = try db.cachedStatement(
            sql: T.insert(
                T.alertColumns, into: "alerts", T.upsert(T.alertColumns, key: ["id"], keep: ["number", "tenant"])))
        var nextNumber: Int64?
        var saved: [Alert] = []
        saved.reserveCapacity(changes.alerts.count)
        for var alert in changes.alerts {
            if let stored = try storedAlert(alert.id) {
                guard stored.tenant == alert.tenant else {
                    throw StoreError.alertTenantMismatch(
                        alert.id, stored: stored.tenant.rawValue, given: alert.tenant.rawValue, record: "alert")
                }
                alert.number = stored.number
            } else {
                // The write transaction holds the database's write lock, so no other writer can take this number.
                let number =
                    try nextNumber ?? (Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(number), 0) + 1 FROM alerts") ?? 1)
                alert.number = number
                nextNumber = number + 1
            }
            let columns = try AlertJSONColumns(alert, json)
            _ = try upsert.run(in: db) { binder in T.bind(alert, number: alert.number, json: columns, &binder) }
            tenants[alert.id] = alert.tenant
            saved.append(alert)
        }
        try appendChanges(saved, db)

        func check(_ alert: Alert.ID, tenant: Tenant.ID, record: String) throws {
            let owner: Tenant.ID
            if let known = tenants[alert] {
                owner = known
            } else if let stored = try storedAlert(alert) {
                owner = stored.tenant
                tenants[alert] = owner
            } else {
                throw StoreError.unknownAlert(alert, record: record)
            }
            guard owner == tenant else {
                throw StoreError.alertTenantMismatch(
                    alert, stored: owner.rawValue, given: tenant.rawValue, record: record)
            }
        }

        if !changes.audit.isEmpty {
            let insert = try db.cachedStatement(sql: T.insert(T.auditColumns, into: "alert_audit"))
            for entry in changes.audit {
                try check(entry.alert, tenant: entry.tenant, record: "audit line")
                _ = try insert.run(in: db) { T.bind(entry, &$0) }
            }
        }
        if !changes.notifications.isEmpty {
            // An id already stored is skipped: a notification is written, and so sent, at most once.
            let insert = try db.cachedStatement(
                sql: T.insert(T.notificationColumns, into: "alert_notifications", "ON CONFLICT (id) DO NOTHING"))
            for notification in changes.notifications {
                try check(notification.alert, tenant: notification.tenant, record: "notification")
                _ = try insert.run(in: db) { T.bind(notification, &$0) }
            }
        }
        if !changes.feedback.isEmpty {
            let insert = try db.cachedStatement(sql: T.insert(T.feedbackColumns, into: "alert_feedback"))
            for feedback in changes.feedback {
                try check(feedback.alert, tenant: feedback.tenant, record: "feedback")
                _ = try insert.run(in: db) { T.bind(feedback, &$0) }
            }
        }
        if !changes.silences.isEmpty {
            let upsertSilence = try db.cachedStatement(
                sql: T.insert(
                    T.silenceColumns, into: "silences",
                    T.upsert(T.silenceColumns, key: ["tenant", "id"], keep: [])))
            for silence in changes.silences {
                let matchers = try json.encode(silence.matchers)
                _ = try upsertSilence.run(in: db) { T.bind(silence, matchers: matchers, &$0) }
            }
        }
        return saved
    }

    @discardableResult
    public func setNotificationStatus(_ status: AlertNotification.Status, ids: [String], tenant: Tenant.ID)
        async throws -> Int
    {
        guard !ids.isEmpty else { return 0 }
        do {
            return try await writer.write { db in
                let update = try db.cachedStatement(
                    sql: "UPDATE alert_notifications SET status = ?1 WHERE tenant = ?2 AND id = ?3 AND status != ?1")
                var changed = 0
                for id in ids {
                    changed += try update.run(in: db) { binder in
                        binder.raw(status)
                        binder.id(tenant)
                        binder.text(id)
                    }
                }
                return changed
            }
        } catch let error as DatabaseError {
            throw StoreError.alertSaveFailed(path, reason: error.message ?? error.description)
        }
    }

    // MARK: - Alerts

    /// Alerts of `tenant` matching `clauses` (ANDed, with `parameters` in order), most severe first, then newest
    /// first, then by number.
    private func fetchAlerts(
        tenant: Tenant.ID, _ clauses: [String] = [], _ parameters: [AlertQueryParameter] = [], limit: Int? = nil,
        offset: Int = 0
    ) async throws -> [Alert] {
        // SQLite takes an OFFSET only after a LIMIT; -1 is "no limit".
        let page = limit != nil || offset > 0 ? " LIMIT ? OFFSET ?" : ""
        let sql = SQLiteAlertTables.select(
            SQLiteAlertTables.alertColumns, from: "alerts",
            "WHERE " + (["tenant = ?"] + clauses).joined(separator: " AND ")
                + " ORDER BY severity_rank, raised_at DESC, number" + page)
        let paging: [AlertQueryParameter] =
            page.isEmpty ? [] : [.integer(Int64(limit ?? -1)), .integer(Int64(max(0, offset)))]
        let parameters = [.text(tenant.rawValue)] + parameters + paging
        return try await read { db in
            let json = AlertJSON()
            let statement = try db.makeStatement(sql: sql)
            var alerts: [Alert] = []
            try statement.forEachRow(in: db, bind: { AlertQueryParameter.bind(parameters, &$0) }) { row in
                alerts.append(try SQLiteAlertTables.alert(row, json))
            }
            return alerts
        }
    }

    /// `column IN (?, ?, …)` with one parameter per raw value, values sorted so equal sets give equal SQL.
    private static func inClause<E: RawRepresentable>(_ column: String, _ values: some Collection<E>)
        -> (String, [AlertQueryParameter]) where E.RawValue == String
    {
        let raws = values.map(\.rawValue).sorted()
        let marks = Array(repeating: "?", count: raws.count).joined(separator: ", ")
        return ("\(column) IN (\(marks))", raws.map { .text($0) })
    }

    public func activeAlerts(tenant: Tenant.ID) async throws -> [Alert] {
        let (clause, parameters) = Self.inClause("state", AlertState.allCases.filter { $0 != .resolved })
        return try await fetchAlerts(tenant: tenant, [clause], parameters)
    }

    public func activeAlerts(tenant: Tenant.ID, entities: Set<EntityRef>) async throws -> [Alert] {
        guard !entities.isEmpty else { return [] }
        let (stateClause, stateParameters) = Self.inClause("state", AlertState.allCases.filter { $0 != .resolved })
        var found: [Alert] = []
        let ids = Array(Set(entities.map(\.id))).sorted()
        for start in stride(from: 0, to: ids.count, by: 500) {
            let slice = ids[start..<min(ids.count, start + 500)]
            let marks = Array(repeating: "?", count: slice.count).joined(separator: ", ")
            found += try await fetchAlerts(
                tenant: tenant, [stateClause, "entity_id IN (\(marks))"], stateParameters + slice.map { .text($0) })
        }
        return found.filter { entities.contains($0.entity) }
    }

    public func alerts(_ filter: AlertFilter) async throws -> [Alert] {
        let (clauses, parameters) = Self.clauses(filter)
        return try await fetchAlerts(
            tenant: filter.tenant, clauses, parameters, limit: filter.limit, offset: filter.offset)
    }

    public func alertCount(_ filter: AlertFilter) async throws -> Int {
        let (clauses, parameters) = Self.clauses(filter)
        let sql = "SELECT COUNT(*) FROM alerts WHERE " + (["tenant = ?"] + clauses).joined(separator: " AND ")
        let all = [.text(filter.tenant.rawValue)] + parameters
        return try await read { db in
            let statement = try db.cachedStatement(sql: sql)
            var count = 0
            try statement.forEachRow(in: db, bind: { AlertQueryParameter.bind(all, &$0) }) { row in
                count = Int(row[0] as Int64)
            }
            return count
        }
    }

    /// The WHERE clauses (after the tenant) and their parameters for a filter; limit and offset are not included.
    private static func clauses(_ filter: AlertFilter) -> ([String], [AlertQueryParameter]) {
        var clauses: [String] = []
        var parameters: [AlertQueryParameter] = []
        func add(_ clause: (String, [AlertQueryParameter])) {
            clauses.append(clause.0)
            parameters += clause.1
        }
        if !filter.states.isEmpty {
            add(Self.inClause("state", filter.states))
        } else if !filter.includeResolved {
            add(Self.inClause("state", AlertState.allCases.filter { $0 != .resolved }))
        }
        if !filter.severities.isEmpty { add(Self.inClause("severity", filter.severities)) }
        if let owner = filter.owner { add(("owner = ?", [.text(owner.rawValue)])) }
        if let visibleTo = filter.visibleTo {
            // Owned by or assigned to one of the reps, or naming one of them among the recipients (a JSON array).
            let reps = visibleTo.map(\.rawValue).sorted()
            if reps.isEmpty {
                clauses.append("0")
            } else {
                let marks = Self.marks(reps.count)
                add(
                    (
                        "(owner IN (\(marks)) OR assignee IN (\(marks)) OR EXISTS (SELECT 1 FROM "
                            + "json_each(alerts.recipients) WHERE json_each.value IN (\(marks))))",
                        (reps + reps + reps).map { .text($0) }
                    ))
            }
        }
        if let rule = filter.rule { add(("rule = ?", [.text(rule)])) }
        if let entity = filter.entity {
            add(("entity_scope = ? AND entity_id = ?", [.text(entity.scope.rawValue), .text(entity.id)]))
        }
        return (clauses, parameters)
    }

    public func alert(number: Int64, tenant: Tenant.ID) async throws -> Alert? {
        try await fetchAlerts(tenant: tenant, ["number = ?"], [.integer(number)]).first
    }

    public func alert(id: Alert.ID) async throws -> Alert? {
        try await read { db in
            let json = AlertJSON()
            let statement = try db.cachedStatement(
                sql: SQLiteAlertTables.select(SQLiteAlertTables.alertColumns, from: "alerts", "WHERE id = ?"))
            var found: Alert?
            try statement.forEachRow(in: db, bind: { $0.id(id) }) { row in
                found = try SQLiteAlertTables.alert(row, json)
            }
            return found
        }
    }

    public func latestAlert(fingerprint: String, tenant: Tenant.ID) async throws -> Alert? {
        try await read { db in
            let json = AlertJSON()
            let statement = try db.cachedStatement(
                sql: SQLiteAlertTables.select(
                    SQLiteAlertTables.alertColumns, from: "alerts",
                    "WHERE tenant = ? AND fingerprint = ? ORDER BY raised_at DESC, number DESC LIMIT 1"))
            var found: Alert?
            try statement.forEachRow(
                in: db,
                bind: { binder in
                    binder.id(tenant)
                    binder.text(fingerprint)
                }
            ) { row in found = try SQLiteAlertTables.alert(row, json) }
            return found
        }
    }

    // MARK: - Audit, silences, feedback, notifications

    public func audit(alert: Alert.ID) async throws -> [AlertAuditEntry] {
        try await read { db in
            let statement = try db.cachedStatement(
                sql: SQLiteAlertTables.select(
                    SQLiteAlertTables.auditColumns, from: "alert_audit", "WHERE alert = ? ORDER BY at, id"))
            var entries: [AlertAuditEntry] = []
            try statement.forEachRow(in: db, bind: { $0.id(alert) }) { row in
                entries.append(try SQLiteAlertTables.auditEntry(row))
            }
            return entries
        }
    }

    public func audit(tenant: Tenant.ID, from: Date, to: Date) async throws -> [AlertAuditEntry] {
        try await read { db in
            let statement = try db.cachedStatement(
                sql: SQLiteAlertTables.select(
                    SQLiteAlertTables.auditColumns, from: "alert_audit",
                    "WHERE tenant = ? AND at >= ? AND at < ? ORDER BY at, id"))
            var entries: [AlertAuditEntry] = []
            try statement.forEachRow(
                in: db,
                bind: { binder in
                    binder.id(tenant)
                    binder.date(from)
                    binder.int64(Self.exclusiveUpperBound(to))
                }
            ) { row in entries.append(try SQLiteAlertTables.auditEntry(row)) }
            return entries
        }
    }

    public func silences(tenant: Tenant.ID, includeExpired: Bool, now: Date) async throws -> [Silence] {
        try await read { db in
            let json = AlertJSON()
            let order = "ORDER BY created_at DESC, starts_at DESC, id"
            let statement = try db.cachedStatement(
                sql: SQLiteAlertTables.select(
                    SQLiteAlertTables.silenceColumns, from: "silences",
                    includeExpired ? "WHERE tenant = ? \(order)" : "WHERE tenant = ? AND ends_at > ? \(order)"))
            var silences: [Silence] = []
            try statement.forEachRow(
                in: db,
                bind: { binder in
                    binder.id(tenant)
                    if !includeExpired { binder.date(now) }
                }
            ) { row in silences.append(try SQLiteAlertTables.silence(row, json)) }
            return silences
        }
    }

    public func feedback(tenant: Tenant.ID) async throws -> [AlertFeedback] {
        try await read { db in
            let statement = try db.cachedStatement(
                sql: SQLiteAlertTables.select(
                    SQLiteAlertTables.feedbackColumns, from: "alert_feedback", "WHERE tenant = ? ORDER BY at, id"))
            var feedback: [AlertFeedback] = []
            try statement.forEachRow(in: db, bind: { $0.id(tenant) }) { row in
                feedback.append(try SQLiteAlertTables.feedback(row))
            }
            return feedback
        }
    }

    public func notifications(tenant: Tenant.ID, status: AlertNotification.Status?, limit: Int) async throws
        -> [AlertNotification]
    {
        try await read { db in
            let filter = status == nil ? "WHERE tenant = ?" : "WHERE tenant = ? AND status = ?"
            let statement = try db.cachedStatement(
                sql: SQLiteAlertTables.select(
                    SQLiteAlertTables.notificationColumns, from: "alert_notifications",
                    "\(filter) ORDER BY created_at, rowid LIMIT ?"))
            var notifications: [AlertNotification] = []
            try statement.forEachRow(
                in: db,
                bind: { binder in
                    binder.id(tenant)
                    if let status { binder.raw(status) }
                    binder.int(limit)
                }
            ) { row in notifications.append(try SQLiteAlertTables.notification(row)) }
            return notifications
        }
    }

    public func notificationCounts(tenant: Tenant.ID, since: Date) async throws -> [Rep.ID: Int] {
        try await read { db in
            let statement = try db.cachedStatement(
                sql: """
                    SELECT recipient, COUNT(*) FROM alert_notifications
                    WHERE tenant = ? AND status IN (?, ?) AND created_at >= ?
                    GROUP BY recipient
                    """)
            var counts: [Rep.ID: Int] = [:]
            try statement.forEachRow(
                in: db,
                bind: { binder in
                    binder.id(tenant)
                    binder.raw(AlertNotification.Status.queued)
                    binder.raw(AlertNotification.Status.sent)
                    binder.date(since)
                }
            ) { row in counts[row.id(0)!] = row[1] }
            return counts
        }
    }

    public func alertCountsByRule(tenant: Tenant.ID) async throws -> [Rule.ID: [AlertState: Int]] {
        try await read { db in
            let statement = try db.cachedStatement(
                sql: "SELECT rule, state, COUNT(*) FROM alerts WHERE tenant = ? GROUP BY rule, state")
            let states = SQLiteRow.EnumReader<AlertState>(table: "alerts", column: "state")
            var counts: [Rule.ID: [AlertState: Int]] = [:]
            try statement.forEachRow(in: db, bind: { $0.id(tenant) }) { row in
                counts[row[0] as String, default: [:]][try states.read(row, 1)] = row[2]
            }
            return counts
        }
    }
}

/// A value bound to a dynamically built alert query.
enum AlertQueryParameter: Sendable {
    case text(String)
    case integer(Int64)

    /// Binds `parameters` left to right.
    static func bind(_ parameters: [AlertQueryParameter], _ binder: inout SQLiteBinder) {
        for parameter in parameters {
            switch parameter {
            case .text(let value): binder.text(value)
            case .integer(let value): binder.int64(value)
            }
        }
    }
}
