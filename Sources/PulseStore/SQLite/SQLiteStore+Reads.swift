import Foundation
import GRDB
import PulseCore

extension SQLiteStore {
    /// All rows of `table` selected by `suffix` (WHERE / ORDER BY with placeholders), decoded.
    private func fetch<R>(
        _ table: SQLiteTable<R>, _ suffix: String, _ bind: @escaping @Sendable (inout SQLiteBinder) -> Void
    ) async throws
        -> [R]
    {
        try await read { db in try Self.fetch(table, suffix, bind, db) }
    }

    /// A tenant's rows of a table with an `occurred_at` column, in [from, to), oldest first.
    private func fetch<R>(_ table: SQLiteTable<R>, tenant: Tenant.ID, occurredFrom from: Date, to: Date) async throws
        -> [R]
    {
        try await fetch(
            table, "WHERE tenant = ? AND occurred_at >= ? AND occurred_at < ? ORDER BY occurred_at, id",
            { binder in
                binder.id(tenant)
                binder.date(from)
                binder.int64(Self.exclusiveUpperBound(to))
            })
    }

    private static func fetch<R>(
        _ table: SQLiteTable<R>, _ suffix: String, _ bind: (inout SQLiteBinder) -> Void, _ db: Database
    ) throws -> [R] {
        let statement = try db.cachedStatement(sql: table.selectSQL(suffix))
        var records: [R] = []
        try statement.forEachRow(in: db, bind: bind) { row in
            records.append(try table.decode(row))
        }
        return records
    }

    public func existingDealIDs(_ ids: Set<Deal.ID>, tenant: Tenant.ID) async throws -> Set<Deal.ID> {
        guard !ids.isEmpty else { return [] }
        return try await read { db in
            let statement = try db.cachedStatement(sql: "SELECT 1 FROM deals WHERE tenant = ? AND id = ?")
            var found = Set<Deal.ID>()
            for id in ids {
                try statement.forEachRow(
                    in: db,
                    bind: { binder in
                        binder.id(tenant)
                        binder.id(id)
                    }
                ) { _ in found.insert(id) }
            }
            return found
        }
    }

    public func existingEventIDs(_ ids: Set<String>) async throws -> Set<String> {
        guard !ids.isEmpty else { return [] }
        return try await read { db in
            guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM events)") == true else { return [] }
            let statement = try db.cachedStatement(sql: "SELECT 1 FROM events WHERE id = ?")
            var found = Set<String>()
            for id in ids {
                try statement.forEachRow(in: db, bind: { $0.text(id) }) { _ in found.insert(id) }
            }
            return found
        }
    }

    public func hasEvents() async throws -> Bool {
        try await read { db in try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM events)") == true }
    }

    public func isEmpty() async throws -> Bool {
        try await read { db in
            for table in SQLiteSchema.recordTables + ["events"] {
                if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM \(table))") == true { return false }
            }
            return true
        }
    }

    public func subscriptionAccounts(_ ids: Set<Subscription.ID>, tenant: Tenant.ID) async throws
        -> [Subscription.ID: Account.ID]
    {
        guard !ids.isEmpty else { return [:] }
        return try await read { db in
            let statement = try db.cachedStatement(
                sql: "SELECT account FROM subscriptions WHERE tenant = ? AND id = ?")
            var accounts: [Subscription.ID: Account.ID] = [:]
            for id in ids {
                try statement.forEachRow(
                    in: db,
                    bind: { binder in
                        binder.id(tenant)
                        binder.id(id)
                    }
                ) { row in accounts[id] = row.id(0) }
            }
            return accounts
        }
    }

    public func tenants() async throws -> [Tenant] {
        try await fetch(SQLiteTables.tenants, "ORDER BY id", { _ in })
    }

    public func accounts(tenant: Tenant.ID) async throws -> [Account] {
        try await fetch(SQLiteTables.accounts, "WHERE tenant = ? ORDER BY id", { $0.id(tenant) })
    }

    public func contacts(tenant: Tenant.ID) async throws -> [Contact] {
        try await fetch(SQLiteTables.contacts, "WHERE tenant = ? ORDER BY id", { $0.id(tenant) })
    }

    public func reps(tenant: Tenant.ID) async throws -> [Rep] {
        try await fetch(SQLiteTables.reps, "WHERE tenant = ? ORDER BY id", { $0.id(tenant) })
    }

    public func products(tenant: Tenant.ID) async throws -> [Product] {
        try await fetch(SQLiteTables.products, "WHERE tenant = ? ORDER BY id", { $0.id(tenant) })
    }

    public func deals(tenant: Tenant.ID) async throws -> [Deal] {
        try await read { db in
            var deals = try Self.fetch(SQLiteTables.deals, "WHERE tenant = ? ORDER BY id", { $0.id(tenant) }, db)
            // Index order (deal, entered_at) needs no sort; entries entered in the same second keep their
            // insertion order (rowid), restored per deal below.
            let statement = try db.cachedStatement(
                sql: """
                    SELECT deal, stage, entered_at, rowid FROM deal_stage_history
                    WHERE tenant = ? ORDER BY deal, entered_at
                    """)
            var histories: [String: [StageChange]] = [:]
            histories.reserveCapacity(deals.count)
            var currentDeal: String?
            var current: [(change: StageChange, seconds: Int64, rowID: Int64)] = []
            func finish() {
                guard let currentDeal else { return }
                if zip(current, current.dropFirst()).contains(where: { $0.seconds == $1.seconds }) {
                    current.sort { ($0.seconds, $0.rowID) < ($1.seconds, $1.rowID) }
                }
                histories[currentDeal] = current.map(\.change)
            }
            try statement.forEachRow(in: db, bind: { $0.id(tenant) }) { row in
                let deal: String = row[0]
                if deal != currentDeal {
                    finish()
                    currentDeal = deal
                    current.removeAll(keepingCapacity: true)
                }
                let seconds: Int64 = row[2]
                let enteredAt = Date(timeIntervalSince1970: TimeInterval(seconds))
                current.append((StageChange(stage: row[1], enteredAt: enteredAt), seconds, row[3]))
            }
            finish()
            for index in deals.indices {
                if let history = histories[deals[index].id.rawValue] { deals[index].stageHistory = history }
            }
            return deals
        }
    }

    public func deal(_ id: Deal.ID, tenant: Tenant.ID) async throws -> Deal? {
        try await read { db in
            let key: (inout SQLiteBinder) -> Void = { binder in
                binder.id(tenant)
                binder.id(id)
            }
            guard var deal = try Self.fetch(SQLiteTables.deals, "WHERE tenant = ? AND id = ?", key, db).first
            else { return nil }
            let statement = try db.cachedStatement(
                sql: """
                    SELECT stage, entered_at FROM deal_stage_history
                    WHERE tenant = ? AND deal = ? ORDER BY entered_at, rowid
                    """)
            try statement.forEachRow(in: db, bind: key) { row in
                deal.stageHistory.append(StageChange(stage: row[0], enteredAt: row.date(1)!))
            }
            return deal
        }
    }

    public func activities(tenant: Tenant.ID, from: Date, to: Date) async throws -> [Activity] {
        try await fetch(SQLiteTables.activities, tenant: tenant, occurredFrom: from, to: to)
    }

    public func activityFacts(tenant: Tenant.ID) async throws -> [ActivityFact] {
        try await read { db in
            let count =
                try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM activities WHERE tenant = ?", arguments: [tenant.rawValue]) ?? 0
            var facts: [ActivityFact] = []
            facts.reserveCapacity(count)
            let statement = try db.cachedStatement(
                sql: "SELECT deal, rep, kind, occurred_at FROM activities WHERE +tenant = ?")
            let kinds = SQLiteRow.EnumReader<ActivityKind>(table: "activities", column: "kind")
            try statement.forEachRow(in: db, bind: { $0.id(tenant) }) { row in
                facts.append(
                    ActivityFact(
                        deal: row.id(0), rep: row.id(1), kind: try kinds.read(row, 2),
                        occurredAt: Date(timeIntervalSince1970: TimeInterval(row[3] as Int64))))
            }
            return facts
        }
    }

    public func engagement(tenant: Tenant.ID, from: Date, to: Date) async throws -> [EngagementEvent] {
        try await fetch(SQLiteTables.engagement, tenant: tenant, occurredFrom: from, to: to)
    }

    public func tickets(tenant: Tenant.ID) async throws -> [SupportTicket] {
        try await fetch(SQLiteTables.tickets, "WHERE tenant = ? ORDER BY opened_at, id", { $0.id(tenant) })
    }

    public func targets(tenant: Tenant.ID) async throws -> [KpiTarget] {
        try await fetch(SQLiteTables.targets, "WHERE tenant = ? ORDER BY id", { $0.id(tenant) })
    }

    public func subscriptions(tenant: Tenant.ID) async throws -> [Subscription] {
        try await fetch(SQLiteTables.subscriptions, "WHERE tenant = ? ORDER BY id", { $0.id(tenant) })
    }

    public func churnEvents(tenant: Tenant.ID) async throws -> [ChurnEvent] {
        try await fetch(SQLiteTables.churnEvents, "WHERE tenant = ? ORDER BY churned_at, id", { $0.id(tenant) })
    }

    public func quarantine(source: String?, limit: Int) async throws -> [QuarantineRecord] {
        try await read { db in
            let columns = "source, line, field, gate, reason, raw, record_id"
            let statement: Statement
            var arguments: StatementArguments
            if let source {
                // A file name matches the stored source exactly, by its last path component, or as its tail.
                statement = try db.cachedStatement(
                    sql: """
                        SELECT \(columns) FROM quarantine
                        WHERE source = ?1 OR source = ?2 OR substr(source, -length(?1) - 1) = '/' || ?1
                        ORDER BY batch_id DESC, source, line, id LIMIT ?3
                        """)
                arguments = [source, URL(fileURLWithPath: source).lastPathComponent, limit]
            } else {
                statement = try db.cachedStatement(
                    sql: "SELECT \(columns) FROM quarantine ORDER BY batch_id DESC, source, line, id LIMIT ?")
                arguments = [limit]
            }
            var records: [QuarantineRecord] = []
            let rows = try Row.fetchCursor(statement, arguments: arguments)
            while let row = try rows.next() {
                records.append(
                    QuarantineRecord(
                        source: row[0], line: row[1], field: row[2],
                        gate: try SQLiteValue.enumValue(
                            row[3] as String, as: QualityGate.self, table: "quarantine", column: "gate"),
                        reason: row[4], raw: row[5], recordID: row[6]))
            }
            return records
        }
    }

    public func corrections(limit: Int) async throws -> [Correction] {
        try await read { db in
            let statement = try db.cachedStatement(
                sql: """
                    SELECT source, line, record_id, field, from_value, to_value, reason FROM corrections
                    ORDER BY batch_id DESC, source, line, id LIMIT ?
                    """)
            var records: [Correction] = []
            let rows = try Row.fetchCursor(statement, arguments: [limit])
            while let row = try rows.next() {
                records.append(
                    Correction(
                        source: row[0], line: row[1], recordID: row[2], field: row[3], from: row[4], to: row[5],
                        reason: row[6]))
            }
            return records
        }
    }

    public func counts() async throws -> StoreCounts {
        try await read { db in
            var counts: [String: Int] = [:]
            for table in SQLiteSchema.tables {
                counts[table] = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0
            }
            return StoreCounts(byTable: counts)
        }
    }

    /// Whole seconds below which a stored time lies before `date` (a fractional bound still excludes `date`).
    static func exclusiveUpperBound(_ date: Date) -> Int64 {
        Int64(date.timeIntervalSince1970.rounded(.up))
    }
}
