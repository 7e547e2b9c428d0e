import Foundation
import GRDB
import PulseCore

/// The embedded store: one SQLite file in WAL mode (GRDB `DatabasePool`), migrated when opened.
///
/// Dates are stored as whole Unix seconds (UTC); see docs/operations.md for the file layout.
public final class SQLiteStore: PulseStore {
    /// The database file.
    public let path: String
    let writer: any DatabaseWriter
    /// Rows from which `apply` loads an empty table without its secondary indexes and builds them afterwards.
    let bulkLoadThreshold: Int

    /// Opens (creating if needed) the database at `path`, creating missing parent folders, and migrates it.
    /// Throws `StoreError` ("db_unwritable") naming the path and the reason when that is impossible.
    public convenience init(path: String) throws {
        try self.init(path: path, bulkLoadThreshold: 50_000)
    }

    init(path: String, bulkLoadThreshold: Int) throws {
        self.path = path
        self.bulkLoadThreshold = bulkLoadThreshold
        try Self.prepareLocation(path)
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            // WAL (set by DatabasePool) with NORMAL sync is durable against crashes of the process; a power loss
            // can lose the last commits, never corrupt the file.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            if !db.configuration.readonly {
                // 64 MB of page cache for the writer; after a checkpoint the WAL file shrinks back to 64 MB.
                try db.execute(sql: "PRAGMA cache_size = -65536")
                try db.execute(sql: "PRAGMA journal_size_limit = 67108864")
                // Lets SQLite's sorter use a helper thread when a bulk load rebuilds an index (CREATE INDEX).
                try db.execute(sql: "PRAGMA threads = 2")
            }
        }
        do {
            let pool = try DatabasePool(path: path, configuration: configuration)
            let migrator = SQLiteSchema.migrator
            let unknown = try pool.read { db in
                try migrator.appliedIdentifiers(db).subtracting(migrator.migrations)
            }
            if !unknown.isEmpty { throw StoreError.newerSchema(path, migrations: unknown.sorted()) }
            try migrator.migrate(pool)
            writer = pool
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError {
            throw StoreError.cannotOpen(path, reason: error.message ?? error.description)
        } catch {
            throw StoreError.cannotOpen(path, reason: String(describing: error))
        }
    }

    /// Creates the parent folders of `path`, or throws a `StoreError` that says why they cannot exist.
    private static func prepareLocation(_ path: String) throws {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        if fileManager.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw StoreError.cannotOpen(path, reason: "it is a directory, not a database file")
        }
        let parent = URL(fileURLWithPath: path).deletingLastPathComponent()
        var ancestor = parent
        while ancestor.path != "/" {
            if fileManager.fileExists(atPath: ancestor.path, isDirectory: &isDirectory) {
                if !isDirectory.boolValue {
                    throw StoreError.cannotOpen(path, reason: "\(ancestor.path) is a file, not a folder")
                }
                break
            }
            ancestor = ancestor.deletingLastPathComponent()
        }
        do {
            try fileManager.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw StoreError.cannotOpen(
                path, reason: "the folder \(parent.path) cannot be created (\(error.localizedDescription))")
        }
    }

    public func apply(_ batch: IngestBatch) async throws -> ApplySummary {
        let now = Date()
        let bulkLoadThreshold = bulkLoadThreshold
        do {
            return try await writer.write { db in
                try SQLiteBatchWriter(db: db, now: now, bulkLoadThreshold: bulkLoadThreshold).apply(batch)
            }
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError {
            throw StoreError.writeFailed(path, reason: error.message ?? error.description)
        } catch {
            throw StoreError.writeFailed(path, reason: String(describing: error))
        }
    }

    public func apply(chunks: ChunkChannel, expectedRows: Int) async throws -> ApplySummary {
        let now = Date()
        let bulkLoadThreshold = bulkLoadThreshold
        do {
            return try await writer.write { db in
                let writer = SQLiteBatchWriter(
                    db: db, now: now, bulkLoadThreshold: bulkLoadThreshold, runRows: expectedRows)
                while let chunk = try chunks.receive() {
                    if !chunk.isEmpty { try writer.write(chunk) }
                }
                return try writer.close()
            }
        } catch {
            var failure = error
            if let error = error as? DatabaseError {
                failure = StoreError.writeFailed(path, reason: error.message ?? error.description)
            }
            // Wake a sender that waits for room: the run cannot continue (a failed channel keeps its first error).
            chunks.fail(failure)
            throw failure
        }
    }

    /// Runs a read on a reader connection, turning database errors into `StoreError`s.
    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await writer.read(body)
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError {
            throw StoreError.readFailed(path, reason: error.message ?? error.description)
        } catch {
            throw StoreError.readFailed(path, reason: String(describing: error))
        }
    }
}
