import Foundation
import Hummingbird
import HummingbirdTesting
import HummingbirdWSClient
import Logging
import PulseCore
import Synchronization
import Testing

@testable import PulseServer

/// The live stream over a real WebSocket on 127.0.0.1, with bearer-token authentication and the feed notifier
/// running as a service.
@Suite struct StreamWebSocketTests {
    /// Runs `body` with a live app (API router, WebSocket router, running notifier) and its port.
    private func withLiveServer(_ body: @Sendable (ServerFixture, Int) async throws -> Void) async throws {
        var fixture = try ServerFixture()
        defer { fixture.remove() }
        try await fixture.seedAll()
        fixture.port = 0
        var logger = Logger(label: "pulse.test")
        logger.logLevel = .warning
        let notifier = AlertFeedNotifier(store: fixture.store, interval: .milliseconds(20), logger: logger)
        let principals = PrincipalCache()
        let router = buildRouter(
            configuration: fixture.configuration, store: fixture.store, engines: fixture.engines, routes: RouteTable(),
            notifier: notifier, principals: principals, clock: { ServerFixture.now }, logger: logger)
        let app = buildApplication(
            router: router,
            webSocketRouter: buildWebSocketRouter(
                store: fixture.store, notifier: notifier, principals: principals, clock: { ServerFixture.now },
                logger: logger),
            configuration: fixture.configuration, services: [notifier], logger: logger)
        let ready = fixture
        try await app.test(.live) { client in
            try await body(ready, try #require(client.port))
        }
    }

    /// Connects as `caller`, collects the text messages until the server closes, and returns them as JSON objects.
    private static func messages(port: Int, query: String, caller: Caller) async throws -> [[String: Any]] {
        let received = Mutex<[String]>([])
        try await WebSocketClient.connect(
            url: "ws://127.0.0.1:\(port)/api/stream/ws?\(query)",
            configuration: .init(additionalHeaders: caller.bearer), logger: Logger(label: "test.ws")
        ) { inbound, _, _ in
            for try await message in inbound.messages(maxSize: 1 << 20) {
                if case .text(let text) = message { received.withLock { $0.append(text) } }
            }
        }
        return received.withLock { $0 }.compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }

    @Test func aRepReceivesTheirOwnAlertsFromTheStartOfTheFeedAndNothingElse() async throws {
        try await withLiveServer { fixture, port in
            let visible = try await fixture.store.alerts(AlertFilter(visibleTo: ["ana"], includeResolved: true))
            #expect(!visible.isEmpty)
            let events = try await Self.messages(port: port, query: "since=0&max_events=\(visible.count)", caller: .ana)
            let owners = events.compactMap { ($0["alert"] as? [String: Any])?["owner"] as? String }
            #expect(owners.count == visible.count)
            #expect(owners.allSatisfy { $0 == "ana" })
            let sequences = events.compactMap { $0["sequence"] as? Int }
            #expect(sequences == sequences.sorted())
        }
    }

    @Test func aConnectionGetsAnAlertChangedWhileItIsOpen() async throws {
        try await withLiveServer { fixture, port in
            let alert = try #require(try await fixture.store.alerts(AlertFilter(visibleTo: ["ana"])).first)
            // Resume from the feed's current end, so the change below arrives whether the socket opens before or
            // after it is made.
            let latest = try await fixture.store.latestAlertChange(tenant: Tenant.defaultID)
            async let events = Self.messages(port: port, query: "since=\(latest)&max_events=1", caller: .ana)
            let engine = await fixture.engines.engine(for: Tenant.defaultID)
            _ = try await engine.acknowledge(String(alert.number), by: "u-ana", at: ServerFixture.now)
            let change = try #require(try await events.first)
            #expect(change["change"] as? String == "acknowledged")
            #expect((change["alert"] as? [String: Any])?["number"] as? Int == Int(alert.number))
            #expect((change["sequence"] as? Int ?? 0) > Int(latest))
        }
    }

    @Test func anUpgradeWithoutATokenIsRefused() async throws {
        try await withLiveServer { _, port in
            await #expect(throws: (any Error).self) {
                try await WebSocketClient.connect(
                    url: "ws://127.0.0.1:\(port)/api/stream/ws", logger: Logger(label: "test.ws")
                ) { _, _, _ in }
            }
        }
    }
}
