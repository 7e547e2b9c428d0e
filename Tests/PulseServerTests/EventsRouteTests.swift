import Foundation
import Hummingbird
import HummingbirdTesting
import PulseCore
import PulseServer
import Testing

@Suite struct EventsRouteTests {
    static func activity(_ id: String, deal: String, rep: String, at: String, tenant: String = "default") -> String {
        #"{"id":"evt-\#(id)","type":"activity.logged","occurredAt":"\#(at)","tenant":"\#(tenant)","payload":{"id":"\#(id)","kind":"call_conducted","deal":"\#(deal)","rep":"\#(rep)","occurredAt":"\#(at)"}}"#
    }

    static func results(_ response: TestResponse) throws -> [[String: Any]] {
        try #require(try response.json()["results"] as? [[String: Any]])
    }

    @Test func aSingleJSONEventIsStoredAndResolvesTheAlertItClears() async throws {
        let fixture = try ServerFixture()
        defer { fixture.remove() }
        try await fixture.seedAll()
        try await fixture.app().test(.router) { client in
            let response = try await client.execute(
                uri: "/api/events", method: .post,
                headers: Caller.admin.bearer.merging([.contentType: "application/json"]),
                body: jsonBody(Self.activity("x1", deal: "D-ana", rep: "ana", at: "2026-11-25T08:00:00Z")))
            #expect(response.status == .ok)
            let results = try Self.results(response)
            #expect(results.count == 1)
            #expect(results.first?["status"] as? String == "accepted")
            let alerts = try #require(try response.json()["alerts"] as? [String: Any])
            #expect((alerts["resolved"] as? [Int])?.count == 1)
            let open = try await client.execute(uri: "/api/alerts", method: .get, headers: Caller.admin.bearer)
            #expect(try open.json()["total"] as? Int == 0)
        }
        let stored = try await fixture.store.activities(
            tenant: Tenant.defaultID, from: ServerFixture.day(-1), to: ServerFixture.day(1))
        #expect(stored.map(\.id).contains("x1"))
    }

    @Test func anNDJSONBatchAnswersPerLineWithAcceptedDuplicateQuarantinedAndRejected() async throws {
        let fixture = try ServerFixture()
        defer { fixture.remove() }
        try await fixture.seedAll()
        let headers = Caller.mgr.bearer.merging([.contentType: "application/x-ndjson"])
        try await fixture.app().test(.router) { client in
            let first = try await client.execute(
                uri: "/api/events", method: .post, headers: headers,
                body: jsonBody(Self.activity("x1", deal: "D-ben", rep: "ben", at: "2026-11-25T08:00:00Z") + "\n"))
            #expect(try Self.results(first).first?["status"] as? String == "accepted")
            let lines = [
                Self.activity("x2", deal: "D-ben", rep: "ben", at: "2026-11-25T08:30:00Z"),
                #"{"id": "evt-broken", "type": "#,
                "",
                Self.activity("x1", deal: "D-ben", rep: "ben", at: "2026-11-25T08:00:00Z"),
                Self.activity("x3", deal: "G-1", rep: "bob", at: "2026-11-25T08:00:00Z", tenant: "globex"),
                Self.activity("x4", deal: "D-ben", rep: "ben", at: "2026-11-25T08:00:00Z")
                    .replacingOccurrences(of: "call_conducted", with: "carrier_pigeon"),
            ]
            let response = try await client.execute(
                uri: "/api/events", method: .post, headers: headers, body: jsonBody(lines.joined(separator: "\n")))
            #expect(response.status == .ok)
            let results = try Self.results(response)
            let statuses = Dictionary(
                uniqueKeysWithValues: results.map { ($0["line"] as! Int, $0["status"] as! String) })
            #expect(statuses == [1: "accepted", 2: "quarantined", 4: "duplicate", 5: "rejected", 6: "quarantined"])
            let rejected = try #require(results.first { $0["line"] as? Int == 5 }?["error"] as? [String: Any])
            #expect(rejected["code"] as? String == "wrong_tenant")
            #expect(rejected["field"] as? String == "tenant")
            let quarantined = try #require(results.first { $0["line"] as? Int == 6 }?["error"] as? [String: Any])
            #expect((quarantined["field"] as? String)?.contains("kind") == true)
            #expect(quarantined["line"] as? Int == 6)
            let totals = try #require(try response.json()["totals"] as? [String: Int])
            #expect(totals == ["lines": 5, "accepted": 1, "duplicate": 1, "quarantined": 2, "rejected": 1])
        }
        let stored = try await fixture.store.activities(
            tenant: Tenant.defaultID, from: ServerFixture.day(-1), to: ServerFixture.day(1))
        #expect(Set(stored.map(\.id)).isSuperset(of: ["x1", "x2"]))
        #expect(!stored.map(\.id).contains("x4"))
        let globex = try await fixture.store.activities(
            tenant: ServerFixture.globex, from: ServerFixture.day(-1), to: ServerFixture.day(1))
        #expect(globex.isEmpty)
    }

    @Test func eventsThatMakeADealStallRaiseAnAlertVisibleInTheList() async throws {
        let fixture = try ServerFixture()
        defer { fixture.remove() }
        try await fixture.seedAll()
        let deal =
            #"{"id":"evt-d9","type":"deal.upserted","occurredAt":"2026-10-01T00:00:00Z","payload":{"id":"D-9","owner":"ben","account":"acme","pipeline":"b2b","stage":"Qualified","stageHistory":[{"stage":"Qualified","enteredAt":"2026-10-01T00:00:00Z"}],"createdAt":"2026-10-01T00:00:00Z","updatedAt":"2026-10-01T00:00:00Z"}}"#
        let body = deal + "\n" + Self.activity("x9", deal: "D-9", rep: "ben", at: "2026-10-20T00:00:00Z") + "\n"
        try await fixture.app().test(.router) { client in
            let response = try await client.execute(
                uri: "/api/events", method: .post,
                headers: Caller.admin.bearer.merging([.contentType: "application/x-ndjson"]), body: jsonBody(body))
            let statuses = try Self.results(response).map { $0["status"] as? String }
            #expect(statuses == ["accepted", "accepted"])
            let opened = try #require((try response.json()["alerts"] as? [String: Any])?["opened"] as? [Int])
            #expect(opened.count == 1)
            let list = try await client.execute(
                uri: "/api/alerts?entity=deal:D-9", method: .get, headers: Caller.mgr.bearer)
            #expect(try list.json()["total"] as? Int == 1)
        }
    }

    @Test func aBodyOverTheLimitIsA413AndOtherMediaTypesA415() async throws {
        let fixture = try ServerFixture(maxBodyBytes: 1024)
        defer { fixture.remove() }
        try await fixture.seedAll()
        try await fixture.app().test(.router) { client in
            let big = String(
                repeating: Self.activity("x1", deal: "D-ben", rep: "ben", at: "2026-11-25T08:00:00Z") + "\n", count: 20)
            let response = try await client.execute(
                uri: "/api/events", method: .post,
                headers: Caller.admin.bearer.merging([.contentType: "application/x-ndjson"]), body: jsonBody(big))
            #expect(response.status == .contentTooLarge)
            #expect(try response.errorCode() == "body_too_large")
            let xml = try await client.execute(
                uri: "/api/events", method: .post,
                headers: Caller.admin.bearer.merging([.contentType: "text/xml"]), body: jsonBody("<x/>"))
            #expect(xml.status == .unsupportedMediaType)
            let empty = try await client.execute(
                uri: "/api/events", method: .post, headers: Caller.admin.bearer, body: jsonBody("  "))
            #expect(empty.status == .badRequest)
            #expect(try empty.errorCode() == "empty_body")
        }
    }
}

extension HTTPFields {
    func merging(_ other: HTTPFields) -> HTTPFields {
        var copy = self
        for field in other { copy[field.name] = field.value }
        return copy
    }
}
