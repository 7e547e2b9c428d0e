import Foundation

extension StoreError {
    /// The database file could not be created or opened at `path`.
    public static func cannotOpen(_ path: String, reason: String) -> StoreError {
        StoreError(
            code: "db_unwritable",
            message: "Cannot open the database at \(path): \(reason). "
                + "Pass --db PATH with a writable location (or set PULSE_DB).")
    }

    /// The database was migrated by a newer Pulse, whose schema this version does not know.
    public static func newerSchema(_ path: String, migrations: [String]) -> StoreError {
        StoreError(
            code: "db_newer_schema",
            message:
                "The database at \(path) was created by a newer version of Pulse (schema \(migrations.joined(separator: ", "))). "
                + "Upgrade Pulse, or pass --db PATH with another database file.")
    }

    /// A batch could not be written; the transaction was rolled back.
    public static func writeFailed(_ path: String, reason: String) -> StoreError {
        StoreError(
            code: "write_failed",
            message: "Could not write the batch to \(path): \(reason). Nothing from this batch was stored; "
                + "fix the cause and run the same input again.")
    }

    /// A query failed.
    public static func readFailed(_ path: String, reason: String) -> StoreError {
        StoreError(
            code: "read_failed",
            message: "Could not read from the database at \(path): \(reason). "
                + "Check that the file is a Pulse database and not in use by another version.")
    }

    /// A stage change names a deal that is neither stored nor in the same batch.
    public static func unknownDeal(_ deal: String, tenant: String, stage: String) -> StoreError {
        StoreError(
            code: "unknown_deal",
            message: "Stage change to \(stage) names deal \(deal) of tenant \(tenant), which is not stored. "
                + "Ingest the deal first or quarantine the change with the reference gate.")
    }

    /// A stored value cannot be read back into the model (the file was edited by hand or by a newer Pulse).
    public static func corruptValue(_ value: String, table: String, column: String) -> StoreError {
        StoreError(
            code: "corrupt_value",
            message: "Column \(table).\(column) holds \"\(value.prefix(80))\", which this version of Pulse "
                + "cannot read. Restore a backup or re-ingest the source data into a fresh --db file.")
    }
}
