import Foundation
import HummingbirdTesting
import PulseCore
import PulseServer
import Testing

@Suite struct AlertRouteTests {
    /// The number of D-ana's stalled alert.
    static func anaAlert(_ client: some TestClientProtocol) async throws -> Int {
        let list = try await client.execute(uri: "/api/alerts?rule=stalled", method: .get, headers: Caller.ana.bearer)
        return try #require((try list.json()["items"] as? [[String: Any]])?.first?["number"] as? Int)
    }

    @Test func viewingAnAlertIsAuditLogged() async throws {
        let fixture = try ServerFixture()
        defer { fixture.remove() }
        try await fixture.seedAll()
        try await fixture.app().test(.router) { client in
            let number = try await Self.anaAlert(client)
            let view = try await client.execute(uri: "/api/alerts/\(number)", method: .get, headers: Caller.ana.bearer)
            #expect(view.status == .ok)
            #expect(try view.json()["rule"] as? String == "stalled")
        }
        let audit = try await fixture.store.auditLog(
            tenant: Tenant.defaultID, from: .distantPast, to: .distantFuture, after: 0, limit: 100)
        #expect(audit.map(\.action) == ["alert.view"])
        #expect(audit.first?.actor == "u-ana")
    }

    @Test func acknowledgeSnoozeAssignFeedbackAndResolveChangeTheAlertAndAreAudited() async throws {
        let fixture = try ServerFixture()
        defer { fixture.remove() }
        try await fixture.seedAll()
        try await fixture.app().test(.router) { client in
            let number = try await Self.anaAlert(client)
            let base = "/api/alerts/\(number)"
            let ack = try await client.execute(uri: base + "/ack", method: .post, headers: Caller.ana.bearer)
            #expect(try ack.json()["state"] as? String == "acknowledged")
            let again = try await client.execute(uri: base + "/ack", method: .post, headers: Caller.ana.bearer)
            #expect(again.status == .conflict)
            #expect(try again.errorCode() == "already_acknowledged")
            let snooze = try await client.execute(
                uri: base + "/snooze", method: .post, headers: Caller.ana.bearer, body: jsonBody(#"{"for": "4h"}"#))
            #expect(try snooze.json()["state"] as? String == "snoozed")
            #expect(try snooze.json()["snoozedUntil"] as? String == "2026-11-25T13:00:00Z")
            let assign = try await client.execute(
                uri: base + "/assign", method: .post, headers: Caller.mgr.bearer, body: jsonBody(#"{"to": "ben"}"#))
            #expect(try assign.json()["assignee"] as? String == "ben")
            let feedback = try await client.execute(
                uri: base + "/feedback", method: .post, headers: Caller.mgr.bearer,
                body: jsonBody(#"{"verdict": "helpful", "note": "caught it"}"#))
            #expect(feedback.status == .ok)
            let resolve = try await client.execute(
                uri: base + "/resolve", method: .post, headers: Caller.mgr.bearer,
                body: jsonBody(#"{"note": "called"}"#))
            #expect(try resolve.json()["state"] as? String == "resolved")
            #expect(try resolve.json()["resolutionNote"] as? String == "called")
        }
        let audit = try await fixture.store.auditLog(
            tenant: Tenant.defaultID, from: .distantPast, to: .distantFuture, after: 0, limit: 100)
        #expect(
            audit.map(\.action) == [
                "alert.acknowledge", "alert.snooze", "alert.assign", "alert.feedback", "alert.resolve",
            ])
        #expect(audit.map(\.actor) == ["u-ana", "u-ana", "u-mgr", "u-mgr", "u-mgr"])
    }

    @Test func aRepSeesAndListsAnAlertAssignedToThemThatTheyDoNotOwn() async throws {
        let fixture = try ServerFixture()
        defer { fixture.remove() }
        try await fixture.seedAll()
        try await fixture.app().test(.router) { client in
            let number = try await Self.anaAlert(client)
            let before = try await client.execute(uri: "/api/alerts", method: .get, headers: Caller.ben.bearer)
            #expect(try before.json()["total"] as? Int == 0)
            let assign = try await client.execute(
                uri: "/api/alerts/\(number)/assign", method: .post, headers: Caller.mgr.bearer,
                body: jsonBody(#"{"to": "ben"}"#))
            #expect(assign.status == .ok)
            let after = try await client.execute(uri: "/api/alerts", method: .get, headers: Caller.ben.bearer)
            #expect(try after.json()["total"] as? Int == 1)
            let view = try await client.execute(uri: "/api/alerts/\(number)", method: .get, headers: Caller.ben.bearer)
            #expect(view.status == .ok)
        }
    }

    @Test func badActionBodiesAre400sThatNameTheField() async throws {
        let fixture = try ServerFixture()
        defer { fixture.remove() }
        try await fixture.seedAll()
        try await fixture.app().test(.router) { client in
            let number = try await Self.anaAlert(client)
            let base = "/api/alerts/\(number)"
            let cases: [(String, String, String)] = [
                ("/snooze", #"{"for": "soon"}"#, "for"),
                ("/snooze", #"{}"#, "until"),
                ("/snooze", #"{"until": 5}"#, "until"),
                ("/assign", #"{}"#, "to"),
                ("/assign", #"{"to": "cara"}"#, "to"),
                ("/feedback", #"{"verdict": "meh"}"#, "verdict"),
            ]
            for (path, body, field) in cases {
                let response = try await client.execute(
                    uri: base + path, method: .post, headers: Caller.mgr.bearer, body: jsonBody(body))
                #expect(response.status == .badRequest, "\(path) \(body)")
                let error = try #require(try response.json()["error"] as? [String: Any])
                #expect(error["field"] as? String == field, "\(path) \(body): \(error)")
            }
            let notJSON = try await client.execute(
                uri: base + "/assign", method: .post, headers: Caller.mgr.bearer, body: jsonBody("{to: ben"))
            #expect(try notJSON.errorCode() == "bad_json")
            let notANumber = try await client.execute(uri: "/api/alerts/abc", method: .get, headers: Caller.mgr.bearer)
            #expect(notANumber.status == .badRequest)
            #expect((try notANumber.json()["error"] as? [String: Any])?["field"] as? String == "number")
        }
    }

    @Test func unknownQueryParametersAndValuesAre400sThatNameTheParameter() async throws {
        let fixture = try ServerFixture()
        defer { fixture.remove() }
        try await fixture.seedAll()
        try await fixture.app().test(.router) { client in
            for (query, field) in [
                ("colour=red", "colour"), ("state=burning", "state"), ("severity=urgent", "severity"),
                ("limit=0", "limit"), ("limit=5000", "limit"), ("offset=-1", "offset"), ("entity=nope", "entity"),
            ] {
                let response = try await client.execute(
                    uri: "/api/alerts?\(query)", method: .get, headers: Caller.admin.bearer)
                #expect(response.status == .badRequest, "\(query)")
                #expect((try response.json()["error"] as? [String: Any])?["field"] as? String == field, "\(query)")
            }
        }
    }

    @Test func listsArePagedWithTotalLimitAndOffset() async throws {
        let fixture = try ServerFixture()
        defer { fixture.remove() }
        try await fixture.seedAll()
        try await fixture.app().test(.router) { client in
            let first = try await client.execute(
                uri: "/api/deals?limit=2", method: .get, headers: Caller.admin.bearer)
            #expect(try first.itemIDs() == ["D-ana", "D-ben"])
            #expect(try first.json()["total"] as? Int == 3)
            #expect(try first.json()["limit"] as? Int == 2)
            let second = try await client.execute(
                uri: "/api/deals?limit=2&offset=2", method: .get, headers: Caller.admin.bearer)
            #expect(try second.itemIDs() == ["D-cara"])
            #expect(try second.json()["offset"] as? Int == 2)
            let past = try await client.execute(
                uri: "/api/deals?offset=10", method: .get, headers: Caller.admin.bearer)
            #expect(try past.itemIDs() == [])
            #expect(try past.json()["total"] as? Int == 3)
            let filtered = try await client.execute(
                uri: "/api/deals?segment=smb&owner=cara", method: .get, headers: Caller.admin.bearer)
            #expect(try filtered.itemIDs() == ["D-cara"])
        }
    }
}
