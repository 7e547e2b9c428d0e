import Foundation
import PulseCore
import PulseStore

@testable import pulse

/// A temporary folder with input files and a real SQLite store, deleted by `cleanUp`.
struct IngestFixture {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "pulse-ingest-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    /// Writes a text file and returns its URL.
    func write(_ name: String, _ text: String) throws -> URL {
        try write(name, bytes: Array(text.utf8))
    }

    /// Writes raw bytes and returns the URL.
    func write(_ name: String, bytes: [UInt8]) throws -> URL {
        let url = folder.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url
    }

    /// A fresh SQLite store in the folder.
    func store(_ name: String = "pulse.sqlite") throws -> SQLiteStore {
        try SQLiteStore(path: folder.appendingPathComponent(name).path)
    }

    func cleanUp() { try? FileManager.default.removeItem(at: folder) }

    /// Runs an ingest and returns the error it threw (nil when it succeeded).
    static func failure(
        _ files: [URL], store: any PulseStore, options: IngestOptions = .init()
    ) async -> (any Error)? {
        do {
            _ = try await IngestRunner(store: store, options: options).run(files: files)
            return nil
        } catch { return error }
    }

    /// NDJSON lines of `count` valid account events with ids `prefix-1…`.
    static func accountLines(_ count: Int, prefix: String = "acc") throws -> [String] {
        let encoder = EventEncoder()
        return try (1...count).map { index in
            try encoder.line(
                for: PulseEvent(
                    id: "\(prefix)-evt-\(index)", occurredAt: ISODate.parse("2025-06-01T10:00:00Z")!,
                    payload: .account(Account(id: .init("\(prefix)-\(index)"), name: "Account \(index)"))))
        }
    }

    /// The folder of a shared data set: `$PULSE_SHARED_DIR/data/NAME`, else `../shared/data/NAME` beside the checkout.
    static func dataSet(_ name: String, filePath: String = #filePath) -> URL {
        if let shared = ProcessInfo.processInfo.environment["PULSE_SHARED_DIR"], !shared.isEmpty {
            return URL(fileURLWithPath: shared).appendingPathComponent("data").appendingPathComponent(name)
        }
        // Tests/pulseTests/Ingest/IngestFixture.swift → the checkout's root → its sibling `shared`.
        let checkout = URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        return checkout.deletingLastPathComponent().appendingPathComponent("shared/data").appendingPathComponent(name)
    }

    /// Every CSV file of a shared data set, sorted by name.
    static func csvFiles(of dataSet: String) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: Self.dataSet(dataSet), includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "csv" }.sorted { $0.path < $1.path }
    }
}
