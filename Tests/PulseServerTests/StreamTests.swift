import Foundation
import Hummingbird
import HummingbirdTesting
import PulseCore
import PulseStore
import Testing

@testable import PulseServer

/// Alerts and principals for the live-stream tests, on a real SQLite file.
private enum StreamFixtures {
    static let start = Date(timeIntervalSince1970: 1_790_000_000)

    static func alert(_ name: String, owner: Rep.ID, tenant: Tenant.ID = "acme", state: AlertState = .open) -> Alert {
        Alert(
            id: Alert.ID("fp-\(name)-1"), tenant: tenant, fingerprint: "fp-\(name)", rule: "stalled-deal",
            severity: .high, entity: EntityRef(.deal, "deal-\(name)"), entityName: "Deal \(name)", owner: owner,
            recipients: [owner], state: state, raisedAt: start, lastFiringAt: start, updatedAt: start,
            content: AlertContent(title: "Alert \(name)", entityLine: "Deal: deal-\(name)"))
    }

    static func principal(_ role: UserRole, rep: Rep.ID? = nil, visible: Set<Rep.ID>?, tenant: Tenant.ID = "acme")
        -> Principal
    {
        Principal(
            user: User(
                id: User.ID("u-\(role.rawValue)"), tenant: tenant, name: "U", role: role, rep: rep, createdAt: start),
            token: "t-1", visibleReps: visible)
    }

    static func withStore(_ body: (SQLiteStore) async throws -> Void) async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("pulse-stream-\(UUID().uuidString)")
            .path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try await body(try SQLiteStore(path: path))
    }
}

/// Sets a fixed principal on every request (the real bearer-token middleware is tested with the API routes).
private struct FixedPrincipal: RouterMiddleware {
    let principal: Principal?
    func handle(
        _ request: Request, context: AppRequestContext, next: (Request, AppRequestContext) async throws -> Response
    ) async throws -> Response {
        var context = context
        context.principal = principal
        return try await next(request, context)
    }
}

@Suite("Live alert stream")
struct StreamTests {
    @Test func aReaderHandsOutOnlyVisibleAlertsInFeedOrderAndResumesWithoutGaps() async throws {
        try await StreamFixtures.withStore { store in
            let mine = StreamFixtures.alert("a", owner: "rep-1")
            let theirs = StreamFixtures.alert("b", owner: "rep-2")
            let other = StreamFixtures.alert("c", owner: "rep-1", tenant: "globex")
            try await store.save(AlertChangeSet(alerts: [mine, theirs, other]))
            var acked = mine
            acked.state = .acknowledged
            try await store.save(AlertChangeSet(alerts: [acked]))
            let latest = try await store.latestAlertChange(tenant: "acme")
            #expect(latest >= 3)

            let rep = StreamFixtures.principal(.rep, rep: "rep-1", visible: ["rep-1"])
            var reader = AlertStreamReader(store: store, principal: rep, after: 0)
            let events = try await reader.events(upTo: latest)
            #expect(events.map(\.alert.id) == [mine.id, mine.id])
            #expect(events.map(\.change) == [.open, .acknowledged])
            #expect(events.allSatisfy { $0.alert.state == .acknowledged })
            #expect(reader.cursor == latest)

            let executive = StreamFixtures.principal(.executive, visible: nil)
            var first = AlertStreamReader(store: store, principal: executive, after: 0)
            first.pageSize = 1
            let all = try await first.events(upTo: latest)
            #expect(Set(all.map(\.alert.id)) == [mine.id, theirs.id])
            // Resuming from each sequence gives exactly the rest.
            for (index, event) in all.enumerated() {
                var resumed = AlertStreamReader(store: store, principal: executive, after: event.sequence)
                let rest = try await resumed.events(upTo: latest)
                #expect(rest.map(\.sequence) == all.dropFirst(index + 1).map(\.sequence))
            }
        }
    }

    @Test func serverSentEventsResumeFromLastEventIDAndCarryTheAlert() async throws {
        try await StreamFixtures.withStore { store in
            let alerts = (1...4).map { StreamFixtures.alert("s\($0)", owner: "rep-1") }
            try await store.save(AlertChangeSet(alerts: alerts))
            let notifier = AlertFeedNotifier(store: store)
            let router = Router(context: AppRequestContext.self)
            router.middlewares.add(FixedPrincipal(principal: StreamFixtures.principal(.executive, visible: nil)))
            AlertStreamController(store: store, notifier: notifier).addRoutes(to: router, table: RouteTable())
            let app = Application(router: router)
            let first = try await store.alertChanges(tenant: "acme", after: 0, limit: 10)
            try await app.test(.router) { client in
                try await client.execute(
                    uri: "/api/stream?max_events=2", method: .get,
                    headers: [AlertStreamController.lastEventID: "\(first[0].sequence)"]
                ) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType]?.hasPrefix("text/event-stream") == true)
                    let body = String(buffer: response.body)
                    let ids = body.split(separator: "\n").filter { $0.hasPrefix("id: ") }.map {
                        String($0.dropFirst(4))
                    }
                    #expect(ids == ["\(first[1].sequence)", "\(first[2].sequence)"])
                    #expect(body.contains("event: alert\ndata: {"))
                    #expect(body.contains(#""title":"Alert s2""#))
                }
                try await client.execute(uri: "/api/stream?since=-3", method: .get) { response in
                    #expect(response.status == .badRequest)
                }
            }
        }
    }

    @Test func aStreamWithoutAPrincipalIsRefused() async throws {
        try await StreamFixtures.withStore { store in
            let router = Router(context: AppRequestContext.self)
            router.middlewares.add(FixedPrincipal(principal: nil))
            AlertStreamController(store: store, notifier: AlertFeedNotifier(store: store)).addRoutes(
                to: router, table: RouteTable())
            try await Application(router: router).test(.router) { client in
                try await client.execute(uri: "/api/stream", method: .get) { response in
                    #expect(response.status == .unauthorized)
                }
            }
        }
    }

    @Test func theNotifierWakesListenersWhenTheFeedGrows() async throws {
        try await StreamFixtures.withStore { store in
            let notifier = AlertFeedNotifier(store: store)
            let updates = try await notifier.subscribe(tenant: "acme")
            var iterator = updates.makeAsyncIterator()
            #expect(await iterator.next() == 0)
            try await store.save(AlertChangeSet(alerts: [StreamFixtures.alert("n", owner: "rep-1")]))
            await notifier.poke(tenant: "acme")
            let grown = await iterator.next()
            #expect((grown ?? 0) > 0)
            #expect(notifier.listenerCount == 1)
        }
    }
}
