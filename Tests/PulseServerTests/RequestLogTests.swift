import Foundation
import HummingbirdTesting
import Logging
import PulseCore
import PulseServer
import Synchronization
import Testing

@Suite struct RequestLogTests {
    /// A log handler that keeps every record in memory.
    final class Recorder: LogHandler, @unchecked Sendable {
        let records = Mutex<[(message: String, metadata: Logger.Metadata)]>([])
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .info

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
            records.withLock { $0.append(("\(event.message)", merged)) }
        }
    }

    @Test func everyRequestWritesOneLineWithMethodPathStatusDurationTenantAndUser() async throws {
        let fixture = try ServerFixture()
        defer { fixture.remove() }
        try await fixture.seedAll()
        let recorder = Recorder()
        let logger = Logger(label: "pulse.test") { _ in recorder }
        let router = buildRouter(
            configuration: fixture.configuration, store: fixture.store, engines: fixture.engines,
            clock: { ServerFixture.now }, logger: logger)
        let app = buildApplication(router: router, configuration: fixture.configuration, logger: logger)
        try await app.test(.router) { client in
            _ = try await client.execute(uri: "/api/deals?limit=1", method: .get, headers: Caller.mgr.bearer)
            _ = try await client.execute(uri: "/api/nope", method: .get)
        }
        let lines = recorder.records.withLock { $0.filter { $0.message == "request" } }
        #expect(lines.count == 2)
        let deals = try #require(lines.first?.metadata)
        #expect(deals["method"] == "GET")
        #expect(deals["path"] == "/api/deals")
        #expect(deals["status"] == "200")
        #expect(deals["tenant"] == "default")
        #expect(deals["user"] == "u-mgr")
        #expect(deals["duration_ms"] != nil)
        let missing = try #require(lines.last?.metadata)
        #expect(missing["status"] == "404")
        #expect(missing["user"] == nil)
    }
}
