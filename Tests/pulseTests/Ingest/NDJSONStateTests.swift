import Foundation
import PulseCore
import Testing

@testable import pulse

/// The pipelined NDJSON reader (decode of chunk N+1 while the builder takes chunk N) against one big chunk.
struct NDJSONStateTests {
    /// Feeds `bytes` to a fresh state in chunks of `chunkSize` and returns the builder it filled.
    func read(_ bytes: [UInt8], chunkSize: Int, maxLineBytes: Int = 1 << 20) throws -> BatchBuilder {
        var builder = BatchBuilder()
        let file = builder.beginFile(source: "events.ndjson", format: "ndjson")
        var state = NDJSONState(path: "events.ndjson", decoder: EventDecoder(), limit: maxLineBytes)
        try bytes.withUnsafeBufferPointer { all in
            var start = 0
            while start < all.count {
                let end = min(all.count, start + chunkSize)
                try state.feed(UnsafeBufferPointer(rebasing: all[start..<end]), builder: &builder, file: file)
                start = end
            }
        }
        try state.finish(builder: &builder, file: file)
        return builder
    }

    /// The input of the chunk-size tests: 3,000 account lines with bad, blank, over-long and repeated ones.
    static func mixedLines() throws -> [String] {
        var lines = try IngestFixture.accountLines(3_000)
        for line in stride(from: 49, to: 3_000, by: 97) { lines[line] = "{\"id\": 12" }
        lines[700] = "   "
        lines[1_200] = String(repeating: "x", count: 5_000)
        // A repeated account id much later (another chunk): the later line wins and counts as a duplicate.
        lines[2_900] = try EventEncoder().line(
            for: PulseEvent(
                id: "acc-evt-2901", occurredAt: ISODate.parse("2025-06-01T10:00:00Z")!,
                payload: .account(Account(id: "acc-3", name: "Renamed later"))))
        return lines
    }

    @Test func smallChunksGiveTheSameBatchCountsAndQuarantineAsOneChunk() throws {
        let lines = try Self.mixedLines()
        let bytes = Array(lines.joined(separator: "\r\n").utf8)
        let whole = try read(bytes, chunkSize: bytes.count, maxLineBytes: 4_096)
        for chunkSize in [1, 777, 4_096, 65_536] {
            let chunked = try read(bytes, chunkSize: chunkSize, maxLineBytes: 4_096)
            #expect(chunked.batch == whole.batch, "chunks of \(chunkSize) bytes")
            #expect(chunked.files == whole.files, "chunks of \(chunkSize) bytes")
            #expect(chunked.gateCounts == whole.gateCounts, "chunks of \(chunkSize) bytes")
        }
        #expect(whole.files[0].rows == 2_999)
        #expect(whole.files[0].quarantined == 31 + 1)
        #expect(whole.files[0].duplicates == 1)
        #expect(whole.batch.accounts.count == 2_999 - 32 - 1)
        #expect(whole.batch.accounts.first { $0.id == "acc-3" }?.name == "Renamed later")
        let lineNumbers = whole.batch.quarantine.map(\.line)
        #expect(lineNumbers == lineNumbers.sorted())
        #expect(lineNumbers.contains(1_201))
    }

    @Test func streamedWritesInManyChunksGiveTheSameStoreAndCountsAsOneChunk() async throws {
        let fixture = try IngestFixture()
        defer { fixture.cleanUp() }
        var lines = try Self.mixedLines()
        lines[1_200] = String(repeating: "x", count: 500)
        let (report, store) = try await StreamingIngestTests.sameWithAnyChunkSize(
            lines, events: ["acc-evt-3", "acc-evt-2901"], in: fixture)
        #expect(report.quarantined == 31 + 1)
        #expect(report.duplicates == 1)
        #expect(report.loaded == 2_999 - 32 - 1)
        #expect(try await store.counts()["accounts"] == 2_999 - 32 - 1)
    }
}
