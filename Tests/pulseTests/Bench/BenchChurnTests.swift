import ArgumentParser
import Foundation
import Testing

@testable import pulse

/// `pulse bench churn` refuses missing inputs with the path in the message (the full run is a benchmark, not a
/// test).
@Suite struct BenchChurnTests {
    private static var shared: URL {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("../shared").standardizedFileURL
    }

    @Test func aMissingDataFileIsNamedInTheError() async throws {
        let command = try BenchChurn.parse(["--data", "/nonexistent/telco.csv"])
        do {
            try await command.run()
            Issue.record("a missing CSV was accepted")
        } catch let error as BenchError {
            #expect(error.description.hasPrefix("--data /nonexistent/telco.csv: cannot read the Telco CSV"))
        }
    }

    @Test func aSplitsFolderWithoutTheSeedFilesIsNamedInTheError() async throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("pulse-churn-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        let csv = Self.shared.appendingPathComponent("data/ibm-telco-customer-churn/Telco-Customer-Churn.csv").path
        let command = try BenchChurn.parse(["--data", csv, "--splits", empty.path])
        do {
            try await command.run()
            Issue.record("a splits folder without test_ids files was accepted")
        } catch let error as BenchError {
            #expect(error.description.hasPrefix("--splits \(empty.path): cannot read test_ids_seed42.txt"))
        }
    }
}
