import Foundation
import PulseStore
import Testing

/// Every store backend the conformance suite runs against; PostgreSQL joins here when it exists.
enum StoreKind: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite

    /// The kinds that can run on this machine (SQLite always; a server backend only when configured).
    static var enabled: [StoreKind] { [.sqlite] }

    var testDescription: String { rawValue }
}

/// A fresh, empty folder under the temporary directory, removed by `cleanUp`.
struct TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("pulse-store-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// A path inside the folder.
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    func cleanUp() { try? FileManager.default.removeItem(at: url) }
}

/// Runs `body` with a fresh store of `kind` on a real database, and always deletes the database afterwards.
func withStore(_ kind: StoreKind, _ body: (ServerStore) async throws -> Void) async throws {
    try await withDatabase(kind) { open in try await body(try open()) }
}

/// Runs `body` with a function that opens a store of `kind` on one fresh real database, as often as called
/// (a restart is dropping a store and opening it again); always deletes the database afterwards.
func withDatabase(
    _ kind: StoreKind, _ body: (_ open: () throws -> ServerStore) async throws -> Void
) async throws {
    let folder = try TemporaryFolder()
    defer { folder.cleanUp() }
    switch kind {
    case .sqlite:
        try await body { try SQLiteStore(path: folder.path("pulse.sqlite")) }
    }
}

/// Runs `body` with a fresh SQLite store on a temporary file, for SQLite-only behaviour.
func withSQLiteStore(_ body: (SQLiteStore, TemporaryFolder) async throws -> Void) async throws {
    let folder = try TemporaryFolder()
    defer { folder.cleanUp() }
    let store = try SQLiteStore(path: folder.path("pulse.sqlite"))
    try await body(store, folder)
}
