import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import PulseCore
import PulseServer
import ServiceLifecycle
import Synchronization
import Testing

@Suite struct LiveServerTests {
    /// A service that records that it ran and that it ended on graceful shutdown.
    final class RecordingService: Service, Sendable {
        let events = Mutex<[String]>([])

        func run() async throws {
            events.withLock { $0.append("started") }
            try? await gracefulShutdown()
            events.withLock { $0.append("stopped") }
        }
    }

    @Test func theServerAnswersOnALoopbackSocketRunsItsServicesAndStopsThemOnShutdown() async throws {
        var fixture = try ServerFixture(maxBodyBytes: 2048)
        defer { fixture.remove() }
        try await fixture.seedAll()
        fixture.port = 0
        let service = RecordingService()
        var logger = Logger(label: "pulse.test")
        logger.logLevel = .warning
        let app = buildApplication(
            configuration: fixture.configuration, store: fixture.store, engines: fixture.engines, services: [service],
            clock: { ServerFixture.now }, logger: logger)
        try await app.test(.live) { client in
            let health = try await client.execute(uri: "/healthz", method: .get)
            #expect(health.status == .ok)
            let deals = try await client.execute(uri: "/api/deals", method: .get, headers: Caller.ana.bearer)
            #expect(deals.status == .ok)
            #expect(try deals.itemIDs() == ["D-ana"])
            let big = try await client.execute(
                uri: "/api/events", method: .post,
                headers: [.authorization: "Bearer \(Caller.admin.secret)", .contentType: "application/x-ndjson"],
                body: ByteBuffer(string: String(repeating: "{}\n", count: 2000)))
            #expect(big.status == .contentTooLarge)
            #expect(try big.errorCode() == "body_too_large")
        }
        #expect(service.events.withLock { $0 } == ["started", "stopped"])
    }
}
