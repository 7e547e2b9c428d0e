import Foundation
import Hummingbird
import HummingbirdTesting
import PulseCore
import PulseStore
import Testing

@testable import PulseServer

/// `GET /api/reporting/{name}` on a router built with `ReportingController` over a real SQLite file; a small test
/// middleware plays the auth middleware's part and sets the caller.
@Suite struct ReportingRoutesTests {
    static func d(_ text: String) -> Date { ISODate.parse(text)! }
    static let now = d("2026-11-25T12:00:00Z")

    /// Sets `context.principal` the way the auth middleware does.
    struct CallerMiddleware: RouterMiddleware {
        typealias Context = AppRequestContext
        let principal: Principal?

        func handle(
            _ request: Request, context: AppRequestContext,
            next: (Request, AppRequestContext) async throws -> Response
        ) async throws -> Response {
            var context = context
            context.principal = principal
            return try await next(request, context)
        }
    }

    static func principal(_ role: UserRole, rep: Rep.ID?, visible: Set<Rep.ID>?) -> Principal {
        Principal(
            user: User(id: "u1", name: "Caller", role: role, rep: rep, createdAt: now), token: "t1",
            visibleReps: visible)
    }

    /// A database with two BDRs, three calls, one agreement and one critical alert, and a router over it.
    func withStore(
        _ principal: Principal?, _ body: (SQLiteStore, Router<AppRequestContext>) async throws -> Void
    ) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pulse-rep-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: folder.appendingPathComponent("pulse.sqlite").path)
        var batch = IngestBatch()
        batch.reps = [
            Rep(id: "ana", name: "Ana Diaz", role: .bdr), Rep(id: "bo", name: "Bo Chen, Jr.", role: .bdr),
        ]
        batch.deals = [
            Deal(
                id: "D1", name: "Alpha", owner: "ana", pipeline: "bdr", stage: "AGREEMENT_HARD_YES",
                industry: "EdTech", createdAt: Self.d("2026-11-02"), agreementDate: Self.d("2026-11-03T10:00:00Z"),
                updatedAt: Self.d("2026-11-03"))
        ]
        batch.activities = [
            Activity(
                id: "c1", kind: .callConducted, deal: "D1", rep: "ana", occurredAt: Self.d("2026-11-02T09:00:00Z")),
            Activity(id: "c2", kind: .callConducted, rep: "ana", occurredAt: Self.d("2026-11-03T09:00:00Z")),
            Activity(id: "c3", kind: .callConducted, rep: "bo", occurredAt: Self.d("2026-11-04T09:00:00Z")),
        ]
        _ = try await store.apply(batch)
        let raised = Self.d("2026-11-24T09:00:00Z")
        try await store.save(
            AlertChangeSet(alerts: [
                Alert(
                    id: "fp1-1", tenant: Tenant.defaultID, fingerprint: "fp1", rule: "partner-lists-past-due",
                    severity: .critical, category: "performance", entity: EntityRef(.deal, "D1"), entityName: "Alpha",
                    owner: "ana", recipients: ["ana"], state: .open, raisedAt: raised, openedAt: raised,
                    lastFiringAt: raised, updatedAt: raised,
                    content: AlertContent(title: "URGENT: Partner Lists Past Due (1)", entityLine: "Deal: D1"))
            ]))
        try await body(store, Self.router(principal, store: store))
    }

    static func router(_ principal: Principal?, store: SQLiteStore) -> Router<AppRequestContext> {
        let router = Router(context: AppRequestContext.self)
        router.add(middleware: CallerMiddleware(principal: principal))
        ReportingController(now: { Self.now }).addRoutes(to: router.group(), store: store, table: RouteTable())
        return router
    }

    func withApp(
        _ principal: Principal?, _ body: @Sendable (any TestClientProtocol) async throws -> Void
    ) async throws {
        try await withStore(principal) { _, router in try await Application(router: router).test(.router, body) }
    }

    static func json(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? [String: Any])
    }

    @Test func leaderboardAnswersJSONWithTheFiltersApplied() async throws {
        try await withApp(Self.principal(.executive, rep: nil, visible: nil)) { client in
            try await client.execute(uri: "/api/reporting/leaderboard?from=2026-11-01&to=2026-11-25", method: .get) {
                response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                let body = try Self.json(response)
                #expect(body["report"] as? String == "leaderboard")
                let rows = try #require((body["result"] as? [String: Any])?["rows"] as? [[String: Any]])
                // ana: 2 calls + 3 × 1 agreement = 5; bo: 1 call.
                #expect(rows.map { $0["rep"] as? String } == ["ana", "bo"])
                #expect(rows.map { $0["index"] as? Int } == [5, 1])
                let filters = try #require(body["filters"] as? [String: Any])
                #expect(filters["from"] as? String == "2026-11-01T00:00:00Z")
            }
        }
    }

    @Test func csvComesWithFormatOrAcceptAndIsQuoted() async throws {
        try await withApp(nil) { client in
            try await client.execute(
                uri: "/api/reporting/leaderboard?from=2026-11-01&to=2026-11-25&format=csv", method: .get
            ) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/csv; charset=utf-8")
                #expect(
                    response.headers[.contentDisposition]
                        == "attachment; filename=\"leaderboard_2026-11-01_2026-11-25.csv\"")
                let text = String(buffer: response.body)
                #expect(text.hasPrefix("rank,rep,name,calls,agreements,lists,sales,index,call_to_agreement_rate\r\n"))
                #expect(text.contains("2,bo,\"Bo Chen, Jr.\",1,0,0,0,1,0.0000\r\n"))
            }
            try await client.execute(
                uri: "/api/reporting/call-volume?from=2026-11-01&to=2026-11-08", method: .get,
                headers: [.accept: "text/csv"]
            ) { response in
                #expect(response.headers[.contentType] == "text/csv; charset=utf-8")
                #expect(String(buffer: response.body).contains("week,2026-W45,ALL,3\r\n"))
            }
        }
    }

    @Test func aRepAskingForAnotherRepGetsOnlyTheirOwnRecords() async throws {
        try await withApp(Self.principal(.rep, rep: "bo", visible: ["bo"])) { client in
            try await client.execute(
                uri: "/api/reporting/call-volume?from=2026-11-01&to=2026-11-25&rep=ana&rep=bo", method: .get
            ) { response in
                let body = try Self.json(response)
                let result = try #require(body["result"] as? [String: Any])
                #expect(result["total"] as? Int == 1)
                let reps = try #require(result["reps"] as? [[String: Any]])
                #expect(reps.map { $0["rep"] as? String } == ["bo"])
                #expect((body["filters"] as? [String: Any])?["reps"] as? [String] == ["bo"])
            }
            try await client.execute(
                uri: "/api/reporting/leaderboard?from=2026-11-01&to=2026-11-25&rep=ana", method: .get
            ) { response in
                let result = try #require(try Self.json(response)["result"] as? [String: Any])
                let rows = try #require(result["rows"] as? [[String: Any]])
                #expect(rows.map { $0["rep"] as? String } == ["bo"])
            }
            try await client.execute(uri: "/api/reporting/alerts?from=2026-11-01&to=2026-11-25", method: .get) {
                response in
                let result = try #require(try Self.json(response)["result"] as? [String: Any])
                #expect((result["urgent"] as? [Any])?.isEmpty == true)
            }
        }
    }

    @Test func alertsEndpointGroupsActiveAlertsBySeverityAndIsAudited() async throws {
        try await withStore(Self.principal(.manager, rep: "max", visible: ["max", "ana"])) { store, router in
            try await Application(router: router).test(.router) { client in
                try await Self.askForPerformanceAlerts(client)
            }
            let audit = try await store.auditLog(
                tenant: Tenant.defaultID, from: .distantPast, to: .distantFuture, after: 0, limit: 10)
            #expect(audit.map(\.action) == ["alert.view"])
            #expect(audit.first?.actor == "u1" && audit.first?.target == "report:alerts")
            #expect(audit.first?.detail.contains("#") == true)
        }
    }

    static func askForPerformanceAlerts(_ client: any TestClientProtocol) async throws {
        try await client.execute(
            uri: "/api/reporting/alerts?from=2026-11-01&to=2026-11-25T13:00:00Z&category=performance",
            method: .get
        ) { response in
            let result = try #require(try Self.json(response)["result"] as? [String: Any])
            let urgent = try #require(result["urgent"] as? [[String: Any]])
            #expect(urgent.map { $0["title"] as? String } == ["URGENT: Partner Lists Past Due (1)"])
            #expect(urgent.first?["ownerName"] as? String == "Ana Diaz")
        }
    }

    @Test(arguments: [
        ("/api/reporting/leaderboard?from=yesterday", "from"), ("/api/reporting/leaderboard?to=2026-13-01", "to"),
        ("/api/reporting/leaderboard?from=2026-11-20&to=2026-11-01", "from"),
        ("/api/reporting/leaderboard?format=xml", "format"),
    ])
    func badParametersAreA400NamingTheParameter(uri: String, parameter: String) async throws {
        try await withApp(nil) { client in
            try await client.execute(uri: uri, method: .get) { response in
                #expect(response.status == .badRequest)
                let error = try #require(try Self.json(response)["error"] as? [String: Any])
                #expect(error["field"] as? String == parameter)
                #expect((error["message"] as? String)?.contains("'\(parameter)'") == true)
            }
        }
    }

    @Test func anUnknownReportIsA404ListingTheNames() async throws {
        try await withApp(nil) { client in
            try await client.execute(uri: "/api/reporting/pipeline", method: .get) { response in
                #expect(response.status == .notFound)
                let error = try #require(try Self.json(response)["error"] as? [String: Any])
                #expect((error["message"] as? String)?.contains("pipeline-health") == true)
            }
        }
    }

    @Test func everyReportAnswersJSONAndCSV() async throws {
        try await withApp(nil) { client in
            for endpoint in ReportingEndpoint.allCases {
                try await client.execute(uri: "/api/reporting/\(endpoint.rawValue)", method: .get) { response in
                    #expect(response.status == .ok, "\(endpoint.rawValue)")
                }
                try await client.execute(uri: "/api/reporting/\(endpoint.rawValue)?format=csv", method: .get) {
                    response in
                    #expect(response.status == .ok, "\(endpoint.rawValue)")
                    #expect(String(buffer: response.body).hasSuffix("\r\n"), "\(endpoint.rawValue)")
                }
            }
        }
    }
}
