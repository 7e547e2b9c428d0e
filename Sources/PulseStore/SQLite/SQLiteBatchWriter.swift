import Foundation
import GRDB
import PulseCore

/// Writes one `IngestBatch` inside an open write transaction, with cached statements and no reads for new rows.
///
/// Upsert per record: `INSERT OR IGNORE`; when the key already exists, an `UPDATE` that only fires when
/// some column differs (and, for deals, when the incoming `updatedAt` is newer or equal).
final class SQLiteBatchWriter {
    private let db: Database
    private let batchID: Int64
    private let now: Int64
    private var summary = ApplySummary()

    /// Opens the batch: appends its `ingest_batches` row, whose id tags quarantine rows and events.
    init(db: Database, now: Date) throws {
        self.db = db
        self.now = SQLiteValue.seconds(now)
        try db.execute(
            sql: """
                INSERT INTO ingest_batches
                    (applied_at, events, records, inserted, updated, unchanged, quarantined, corrections)
                VALUES (?, 0, 0, 0, 0, 0, 0, 0)
                """,
            arguments: [self.now])
        batchID = db.lastInsertedRowID
    }

    /// Writes every part of the batch and returns what changed.
    func apply(_ batch: IngestBatch) throws -> ApplySummary {
        try upsert(batch.tenants, into: SQLiteTables.tenants, kind: "tenants")
        try ensureTenants(of: batch)
        try upsert(batch.accounts, into: SQLiteTables.accounts, kind: "accounts")
        try upsert(batch.contacts, into: SQLiteTables.contacts, kind: "contacts")
        try upsert(batch.reps, into: SQLiteTables.reps, kind: "reps")
        try upsert(batch.products, into: SQLiteTables.products, kind: "products")
        try applyDeals(batch.deals)
        try applyStageChanges(batch.stageChanges)
        try upsert(batch.activities, into: SQLiteTables.activities, kind: "activities")
        try upsert(batch.engagement, into: SQLiteTables.engagement, kind: "engagement")
        try upsert(batch.tickets, into: SQLiteTables.tickets, kind: "tickets")
        try upsert(batch.targets, into: SQLiteTables.targets, kind: "targets")
        try upsert(batch.subscriptions, into: SQLiteTables.subscriptions, kind: "subscriptions")
        try upsert(batch.churnEvents, into: SQLiteTables.churnEvents, kind: "churnEvents")
        try appendEvents(batch.events)
        try appendQuarantine(batch.quarantine)
        try appendCorrections(batch.corrections)
        try db.execute(
            sql: """
                UPDATE ingest_batches
                SET events = ?, records = ?, inserted = ?, updated = ?, unchanged = ?, quarantined = ?, corrections = ?
                WHERE id = ?
                """,
            arguments: [
                batch.events.count, batch.recordCount, summary.totalInserted, summary.totalUpdated,
                summary.totalUnchanged, summary.quarantined, summary.corrections, batchID,
            ])
        return summary
    }

    private func record(_ kind: String, inserted: Int, updated: Int, unchanged: Int) {
        summary.inserted[kind, default: 0] += inserted
        summary.updated[kind, default: 0] += updated
        summary.unchanged[kind, default: 0] += unchanged
    }

    /// Inserts new records and replaces changed ones, counting each outcome.
    private func upsert<R>(_ records: [R], into table: SQLiteTable<R>, kind: String) throws {
        guard !records.isEmpty else { return }
        let insert = try db.cachedStatement(sql: table.insertSQL)
        let update = try db.cachedStatement(sql: table.updateSQL)
        var inserted = 0
        var updated = 0
        var unchanged = 0
        for record in records {
            let values = table.encode(record)
            if try insert.run(values, in: db) > 0 {
                inserted += 1
            } else if try update.run(values, in: db) > 0 {
                updated += 1
            } else {
                unchanged += 1
            }
        }
        record(kind, inserted: inserted, updated: updated, unchanged: unchanged)
    }

    /// Adds a tenant row (name = id) for every tenant a record names that is not stored yet.
    private func ensureTenants(of batch: IngestBatch) throws {
        var ids = Set<String>()
        var last: Tenant.ID?
        func add(_ tenant: Tenant.ID) {
            if tenant == last { return }
            last = tenant
            ids.insert(tenant.rawValue)
        }
        batch.accounts.forEach { add($0.tenant) }
        batch.contacts.forEach { add($0.tenant) }
        batch.reps.forEach { add($0.tenant) }
        batch.products.forEach { add($0.tenant) }
        batch.deals.forEach { add($0.tenant) }
        batch.stageChanges.forEach { add($0.tenant) }
        batch.activities.forEach { add($0.tenant) }
        batch.engagement.forEach { add($0.tenant) }
        batch.tickets.forEach { add($0.tenant) }
        batch.targets.forEach { add($0.tenant) }
        batch.subscriptions.forEach { add($0.tenant) }
        batch.churnEvents.forEach { add($0.tenant) }
        batch.events.forEach { add($0.tenant) }
        let insert = try db.cachedStatement(
            sql: "INSERT OR IGNORE INTO tenants (id, name, time_zone) VALUES (?1, ?1, 'UTC')")
        for id in ids.sorted() {
            try insert.execute(arguments: [id])
        }
    }

    /// Upserts deals (newest `updatedAt` wins) and merges their stage history into the stored one.
    private func applyDeals(_ deals: [Deal]) throws {
        guard !deals.isEmpty else { return }
        let table = SQLiteTables.deals
        let insert = try db.cachedStatement(sql: table.insertSQL)
        let update = try db.cachedStatement(sql: table.updateSQL)
        let storedVersion = try db.cachedStatement(sql: "SELECT updated_at FROM deals WHERE tenant = ? AND id = ?")
        var inserted = 0
        var updated = 0
        var unchanged = 0
        for deal in deals {
            let values = table.encode(deal)
            if try insert.run(values, in: db) > 0 {
                _ = try insertHistory(of: deal)
                inserted += 1
                continue
            }
            if let incoming = deal.updatedAt,
                let stored = try Int64.fetchOne(storedVersion, arguments: [deal.tenant.rawValue, deal.id.rawValue]),
                SQLiteValue.seconds(incoming) < stored
            {
                unchanged += 1
                continue
            }
            let rowChanged = try update.run(values, in: db) > 0
            let historyAdded = try insertHistory(of: deal)
            if rowChanged || historyAdded > 0 { updated += 1 } else { unchanged += 1 }
        }
        record("deals", inserted: inserted, updated: updated, unchanged: unchanged)
    }

    /// Adds the deal's history entries that are not stored yet; returns how many were added.
    private func insertHistory(of deal: Deal) throws -> Int {
        guard !deal.stageHistory.isEmpty else { return 0 }
        let insert = try db.cachedStatement(
            sql: "INSERT OR IGNORE INTO deal_stage_history (tenant, deal, stage, entered_at) VALUES (?, ?, ?, ?)")
        var added = 0
        for change in deal.stageHistory {
            added += try insert.run(
                [
                    SQLiteValue.id(deal.tenant), SQLiteValue.id(deal.id), change.stage.databaseValue,
                    SQLiteValue.date(change.enteredAt),
                ], in: db)
        }
        return added
    }

    /// Appends stage moves to the history. A move newer than every stored entry and than the deal's `updatedAt`
    /// also sets the deal's stage, outcome, loss reason and close date, and becomes its `updatedAt`.
    private func applyStageChanges(_ changes: [DealStageChange]) throws {
        guard !changes.isEmpty else { return }
        let exists = try db.cachedStatement(sql: "SELECT 1 FROM deals WHERE tenant = ? AND id = ?")
        let insert = try db.cachedStatement(
            sql: "INSERT OR IGNORE INTO deal_stage_history (tenant, deal, stage, entered_at) VALUES (?, ?, ?, ?)")
        let move = try db.cachedStatement(
            sql: """
                UPDATE deals
                SET stage = ?3, outcome = ?4, loss_reason = ?5,
                    closed_at = CASE WHEN ?4 IS NULL THEN NULL ELSE ?6 END,
                    updated_at = MAX(IFNULL(updated_at, ?6), ?6)
                WHERE tenant = ?1 AND id = ?2 AND (updated_at IS NULL OR updated_at <= ?6)
                    AND NOT EXISTS (
                        SELECT 1 FROM deal_stage_history WHERE tenant = ?1 AND deal = ?2 AND entered_at > ?6)
                """)
        var inserted = 0
        var unchanged = 0
        for change in changes {
            let tenant = change.tenant.rawValue
            let deal = change.deal.rawValue
            guard try Int.fetchOne(exists, arguments: [tenant, deal]) != nil else {
                throw StoreError.unknownDeal(deal, tenant: tenant, stage: change.stage)
            }
            let enteredAt = SQLiteValue.date(change.enteredAt)
            let entry = [
                change.tenant.rawValue.databaseValue, change.deal.rawValue.databaseValue,
                change.stage.databaseValue, enteredAt,
            ]
            guard try insert.run(entry, in: db) > 0 else {
                unchanged += 1
                continue
            }
            inserted += 1
            _ = try move.run(
                [
                    tenant.databaseValue, deal.databaseValue, change.stage.databaseValue,
                    SQLiteValue.text(change.outcome),
                    change.lossReason.databaseValue, enteredAt,
                ], in: db)
        }
        record("stageChanges", inserted: inserted, updated: 0, unchanged: unchanged)
    }

    /// Records event envelopes; ids already stored are left as they are.
    private func appendEvents(_ events: [EventRecord]) throws {
        guard !events.isEmpty else { return }
        let insert = try db.cachedStatement(
            sql: """
                INSERT OR IGNORE INTO events (id, type, occurred_at, tenant, source, line, batch_id)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
        for event in events {
            _ = try insert.run(
                [
                    event.id.databaseValue, event.type.databaseValue, SQLiteValue.date(event.occurredAt),
                    SQLiteValue.id(event.tenant), event.source.databaseValue, event.line.databaseValue,
                    batchID.databaseValue,
                ], in: db)
        }
    }

    /// Appends quarantined rows, skipping any already stored for the same (source, line, gate, field).
    private func appendQuarantine(_ rows: [QuarantineRecord]) throws {
        guard !rows.isEmpty else { return }
        let insert = try db.cachedStatement(
            sql: """
                INSERT OR IGNORE INTO quarantine
                    (batch_id, source, line, field, gate, reason, raw, record_id, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        for row in rows {
            summary.quarantined += try insert.run(
                [
                    batchID.databaseValue, row.source.databaseValue, row.line.databaseValue, row.field.databaseValue,
                    SQLiteValue.text(row.gate), row.reason.databaseValue, row.raw.databaseValue,
                    row.recordID.databaseValue, now.databaseValue,
                ], in: db)
        }
    }

    /// Appends gate corrections, skipping any already stored for the same (source, line, record, field).
    private func appendCorrections(_ rows: [Correction]) throws {
        guard !rows.isEmpty else { return }
        let insert = try db.cachedStatement(
            sql: """
                INSERT OR IGNORE INTO corrections
                    (batch_id, source, line, record_id, field, from_value, to_value, reason, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        for row in rows {
            summary.corrections += try insert.run(
                [
                    batchID.databaseValue, row.source.databaseValue, row.line.databaseValue,
                    row.recordID.databaseValue, row.field.databaseValue, row.from.databaseValue,
                    row.to.databaseValue, row.reason.databaseValue, now.databaseValue,
                ], in: db)
        }
    }
}
