import Foundation
import GRDB
import PulseCore

/// Writes one `IngestBatch`, or the chunks of one streamed run, inside an open write transaction, with cached
/// statements and no reads for new rows.
///
/// Upsert per record: `INSERT OR IGNORE`; when the key already exists, an `UPDATE` that only fires when
/// some column differs (and, for deals, when the incoming `updatedAt` is newer or equal).
final class SQLiteBatchWriter {
    private let db: Database
    private var batchID: Int64 = 0
    private let now: Int64
    /// Rows from which a load into an empty table drops its secondary indexes and builds them afterwards.
    private let bulkLoadThreshold: Int
    /// Streaming: the expected rows of the whole run, for the bulk-load decision of each table's first chunk;
    /// the dropped indexes are then rebuilt by `close`. Nil for a single batch (decided and rebuilt per table).
    private let runRows: Int?
    private var summary = ApplySummary()
    /// Whether outcomes are counted (not for records that replace ones written earlier in the run).
    private var counting = true
    private var decidedTables = Set<String>()
    private var deferredIndexes: [String] = []
    /// Tenant rows `ensureTenants` added in this run (a tenant record arriving later counts as new, as in one batch).
    private var ensuredTenants = Set<String>()
    private var events = 0
    private var records = 0

    /// Prepares a run; the `ingest_batches` row (whose id tags quarantine rows and events) is added on first write.
    init(db: Database, now: Date, bulkLoadThreshold: Int, runRows: Int? = nil) {
        self.db = db
        self.bulkLoadThreshold = bulkLoadThreshold
        self.now = SQLiteValue.seconds(now)
        self.runRows = runRows
    }

    /// Whether anything was written (the run's `ingest_batches` row exists).
    var isOpen: Bool { batchID != 0 }

    private func open() throws {
        guard batchID == 0 else { return }
        try db.execute(
            sql: """
                INSERT INTO ingest_batches
                    (applied_at, events, records, inserted, updated, unchanged, quarantined, corrections)
                VALUES (?, 0, 0, 0, 0, 0, 0, 0)
                """,
            arguments: [self.now])
        batchID = db.lastInsertedRowID
    }

    /// Writes every part of one whole batch and returns what changed.
    func apply(_ batch: IngestBatch) throws -> ApplySummary {
        try write(IngestChunk(records: batch))
        return try close()
    }

    /// Writes one chunk of the run: obsolete envelopes out, then its records (counted), then its replacements.
    func write(_ chunk: IngestChunk) throws {
        try open()
        if !chunk.obsoleteEventIDs.isEmpty {
            let delete = try db.cachedStatement(sql: "DELETE FROM events WHERE id = ? AND batch_id = ?")
            for id in chunk.obsoleteEventIDs { try delete.execute(arguments: [id, batchID]) }
        }
        try write(chunk.records)
        events += chunk.records.events.count
        records += chunk.records.recordCount
        counting = false
        defer { counting = true }
        try write(chunk.replacements)
    }

    /// Rebuilds deferred indexes, completes the `ingest_batches` row and returns what changed.
    func close() throws -> ApplySummary {
        guard isOpen else { return summary }
        for sql in deferredIndexes { try db.execute(sql: sql) }
        deferredIndexes = []
        try db.execute(
            sql: """
                UPDATE ingest_batches
                SET events = ?, records = ?, inserted = ?, updated = ?, unchanged = ?, quarantined = ?, corrections = ?
                WHERE id = ?
                """,
            arguments: [
                events, records, summary.totalInserted, summary.totalUpdated,
                summary.totalUnchanged, summary.quarantined, summary.corrections, batchID,
            ])
        return summary
    }

    private func write(_ batch: IngestBatch) throws {
        if !batch.tenants.isEmpty && !ensuredTenants.isEmpty {
            let delete = try db.cachedStatement(sql: "DELETE FROM tenants WHERE id = ?")
            for tenant in batch.tenants where ensuredTenants.remove(tenant.id.rawValue) != nil {
                try delete.execute(arguments: [tenant.id.rawValue])
            }
        }
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
    }

    private func record(_ kind: String, inserted: Int, updated: Int, unchanged: Int) {
        guard counting else { return }
        summary.inserted[kind, default: 0] += inserted
        summary.updated[kind, default: 0] += updated
        summary.unchanged[kind, default: 0] += unchanged
    }

    /// Inserts new records and replaces changed ones, counting each outcome.
    ///
    /// Records go in groups of `rowsPerInsert` through one multi-row `INSERT OR IGNORE`. When the group's
    /// change count shows that some keys existed, every record of the group is passed through the
    /// content-comparing `UPDATE`: rows just inserted compare equal and stay as they are.
    private func upsert<R>(_ records: [R], into table: SQLiteTable<R>, kind: String) throws {
        guard !records.isEmpty else { return }
        let deferredIndexes = try deferIndexesForBulkLoad(of: table.name, incoming: records.count)
        let insert = try db.cachedStatement(sql: table.insertSQL)
        let update = try db.cachedStatement(sql: table.updateSQL)
        let groupSize = table.rowsPerInsert
        let insertGroup = try db.cachedStatement(sql: table.insertSQL(rows: groupSize))
        var inserted = 0
        var updated = 0
        var unchanged = 0
        var start = records.startIndex
        while records.endIndex - start >= groupSize {
            let group = records[start..<(start + groupSize)]
            start += groupSize
            let added = try insertGroup.run(in: db) { binder in
                for record in group { table.bind(record, &binder) }
            }
            inserted += added
            guard added < groupSize else { continue }
            var replaced = 0
            for record in group where try update.run(in: db, { table.bind(record, &$0) }) > 0 {
                replaced += 1
            }
            updated += replaced
            unchanged += groupSize - added - replaced
        }
        for record in records[start...] {
            if try insert.run(in: db, { table.bind(record, &$0) }) > 0 {
                inserted += 1
            } else if try update.run(in: db, { table.bind(record, &$0) }) > 0 {
                updated += 1
            } else {
                unchanged += 1
            }
        }
        for sql in deferredIndexes { try db.execute(sql: sql) }
        record(kind, inserted: inserted, updated: updated, unchanged: unchanged)
    }

    /// When `incoming` rows go into an empty table, drops the table's secondary indexes and returns the SQL
    /// that recreates them: building an index once from sorted keys is cheaper than a million random inserts.
    /// All of it happens inside the batch's transaction, so a failure restores the indexes too. UNIQUE indexes
    /// stay: `INSERT OR IGNORE` relies on them to skip repeated rows.
    /// Streaming: decided on a table's first chunk by the run's expected rows; the indexes come back in `close`.
    private func deferIndexesForBulkLoad(of table: String, incoming: Int) throws -> [String] {
        guard decidedTables.insert(table).inserted else { return [] }
        guard (runRows ?? incoming) >= bulkLoadThreshold else { return [] }
        let empty = try Bool.fetchOne(db, sql: "SELECT NOT EXISTS (SELECT 1 FROM \(table.quotedDatabaseIdentifier))")
        guard empty == true else { return [] }
        let indexes = try Row.fetchAll(
            db,
            sql: """
                SELECT name, sql FROM sqlite_master
                WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE %'
                """,
            arguments: [table])
        for index in indexes {
            try db.execute(sql: "DROP INDEX \((index["name"] as String).quotedDatabaseIdentifier)")
        }
        let sql = indexes.map { $0["sql"] as String }
        guard runRows == nil else {
            deferredIndexes += sql
            return []
        }
        return sql
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
            if db.changesCount > 0 { ensuredTenants.insert(id) }
        }
    }

    /// Upserts deals (newest `updatedAt` wins) and merges their stage history into the stored one.
    private func applyDeals(_ deals: [Deal]) throws {
        guard !deals.isEmpty else { return }
        let deferredIndexes =
            try deferIndexesForBulkLoad(of: "deals", incoming: deals.count)
            + deferIndexesForBulkLoad(of: "deal_stage_history", incoming: deals.count)
        let table = SQLiteTables.deals
        let insert = try db.cachedStatement(sql: table.insertSQL)
        let update = try db.cachedStatement(sql: table.updateSQL)
        let storedVersion = try db.cachedStatement(sql: "SELECT updated_at FROM deals WHERE tenant = ? AND id = ?")
        var inserted = 0
        var updated = 0
        var unchanged = 0
        for deal in deals {
            if try insert.run(in: db, { table.bind(deal, &$0) }) > 0 {
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
            let rowChanged = try update.run(in: db) { table.bind(deal, &$0) } > 0
            let historyAdded = try insertHistory(of: deal)
            if rowChanged || historyAdded > 0 { updated += 1 } else { unchanged += 1 }
        }
        for sql in deferredIndexes { try db.execute(sql: sql) }
        record("deals", inserted: inserted, updated: updated, unchanged: unchanged)
    }

    /// Adds the deal's history entries that are not stored yet; returns how many were added.
    private func insertHistory(of deal: Deal) throws -> Int {
        guard !deal.stageHistory.isEmpty else { return 0 }
        let insert = try db.cachedStatement(
            sql: "INSERT OR IGNORE INTO deal_stage_history (tenant, deal, stage, entered_at) VALUES (?, ?, ?, ?)")
        var added = 0
        for change in deal.stageHistory {
            added += try insert.run(in: db) { binder in
                binder.id(deal.tenant)
                binder.id(deal.id)
                binder.text(change.stage)
                binder.date(change.enteredAt)
            }
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
            let added = try insert.run(in: db) { binder in
                binder.text(tenant)
                binder.text(deal)
                binder.text(change.stage)
                binder.date(change.enteredAt)
            }
            guard added > 0 else {
                unchanged += 1
                continue
            }
            inserted += 1
            _ = try move.run(in: db) { binder in
                binder.text(tenant)
                binder.text(deal)
                binder.text(change.stage)
                binder.raw(change.outcome)
                binder.text(change.lossReason)
                binder.date(change.enteredAt)
            }
        }
        record("stageChanges", inserted: inserted, updated: 0, unchanged: unchanged)
    }

    /// Records event envelopes, in groups of 64 rows per statement; ids already stored are left as they are.
    private func appendEvents(_ events: [EventRecord]) throws {
        guard !events.isEmpty else { return }
        let row = "(?, ?, ?, ?, ?, ?, ?)"
        let prefix = "INSERT OR IGNORE INTO events (id, type, occurred_at, tenant, source, line, batch_id) VALUES "
        let groupSize = 64
        let single = try db.cachedStatement(sql: prefix + row)
        let group = try db.cachedStatement(
            sql: prefix + Array(repeating: row, count: groupSize).joined(separator: ", "))
        let batchID = batchID
        func bind(_ event: EventRecord, _ binder: inout SQLiteBinder) {
            binder.text(event.id)
            binder.text(event.type)
            binder.date(event.occurredAt)
            binder.id(event.tenant)
            binder.text(event.source)
            binder.int(event.line)
            binder.int64(batchID)
        }
        var start = events.startIndex
        while events.endIndex - start >= groupSize {
            let slice = events[start..<(start + groupSize)]
            start += groupSize
            _ = try group.run(in: db) { binder in
                for event in slice { bind(event, &binder) }
            }
        }
        for event in events[start...] {
            _ = try single.run(in: db) { bind(event, &$0) }
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
            summary.quarantined += try insert.run(in: db) { binder in
                binder.int64(batchID)
                binder.text(row.source)
                binder.int(row.line)
                binder.text(row.field)
                binder.raw(row.gate)
                binder.text(row.reason)
                binder.text(row.raw)
                binder.text(row.recordID)
                binder.int64(now)
            }
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
            summary.corrections += try insert.run(in: db) { binder in
                binder.int64(batchID)
                binder.text(row.source)
                binder.int(row.line)
                binder.text(row.recordID)
                binder.text(row.field)
                binder.text(row.from)
                binder.text(row.to)
                binder.text(row.reason)
                binder.int64(now)
            }
        }
    }
}
