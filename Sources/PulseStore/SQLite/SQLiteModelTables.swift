import Foundation
import GRDB

/// The trained-model table (migration `v4-models`): one row per saved version of a tenant's named model, its
/// feature list as JSON text and the model itself as JSON text.
enum SQLiteModelTables {
    /// The migration's identifier; never change it once released.
    static let migration = "v4-models"

    /// Creates the `models` table.
    static func create(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE models (
                    tenant TEXT NOT NULL,
                    name TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    format INTEGER NOT NULL,
                    trained_at INTEGER NOT NULL,
                    features TEXT NOT NULL,
                    json TEXT NOT NULL,
                    PRIMARY KEY (tenant, name, version)
                );
                """)
    }
}
