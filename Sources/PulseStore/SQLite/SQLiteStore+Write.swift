import Foundation
import GRDB

extension SQLiteStore {
    /// Runs `body` in one write transaction, turning database errors into a `StoreError` that names `what`.
    func write<T: Sendable>(_ what: String, _ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await writer.write(body)
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError {
            throw StoreError.serverWriteFailed(path, what: what, reason: error.message ?? error.description)
        } catch {
            throw StoreError.serverWriteFailed(path, what: what, reason: String(describing: error))
        }
    }

    /// `?, ?, …` with `count` marks, for an `IN (…)` list.
    static func marks(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ", ")
    }
}
