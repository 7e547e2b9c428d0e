import Foundation
import HummingbirdTesting
import PulseCore
import PulseServer
import Testing

@Suite struct SilenceRouteTests {
    @Test func silencesAreCreatedListedAndEndedWithAuditLines() async throws {
        let fixture = try ServerFixture()
        defer { fixture.remove() }
        try await fixture.seedAll()
        try await fixture.app().test(.router) { client in
            let created = try await client.execute(
                uri: "/api/silences", method: .post, headers: Caller.mgr.bearer,
                body: jsonBody(#"{"matchers": ["rule=stalled"], "for": "2h", "reason": "offsite"}"#))
            #expect(created.status == .created)
            let id = try #require(try created.json()["id"] as? String)
            #expect(try created.json()["endsAt"] as? String == "2026-11-25T11:00:00Z")
            let list = try await client.execute(uri: "/api/silences", method: .get, headers: Caller.ana.bearer)
            #expect(try list.itemIDs() == [id])
            let ended = try await client.execute(
                uri: "/api/silences/\(id)", method: .delete, headers: Caller.mgr.bearer)
            #expect(ended.status == .ok)
            let active = try await client.execute(uri: "/api/silences", method: .get, headers: Caller.ana.bearer)
            #expect(try active.itemIDs() == [])
            let all = try await client.execute(uri: "/api/silences?all=true", method: .get, headers: Caller.ana.bearer)
            #expect(try all.itemIDs() == [id])
            let twice = try await client.execute(
                uri: "/api/silences/\(id)", method: .delete, headers: Caller.mgr.bearer)
            #expect(twice.status == .conflict)
            let unknown = try await client.execute(
                uri: "/api/silences/s99", method: .delete, headers: Caller.mgr.bearer)
            #expect(unknown.status == .notFound)
        }
        let audit = try await fixture.store.auditLog(
            tenant: Tenant.defaultID, from: .distantPast, to: .distantFuture, after: 0, limit: 100)
        #expect(audit.map(\.action) == ["silence.create", "silence.expire"])
    }

    @Test func aRepMayNotSilenceAndABadMatcherNamesItsIndex() async throws {
        let fixture = try ServerFixture()
        defer { fixture.remove() }
        try await fixture.seedAll()
        try await fixture.app().test(.router) { client in
            let rep = try await client.execute(
                uri: "/api/silences", method: .post, headers: Caller.ana.bearer,
                body: jsonBody(#"{"matchers": ["rule=stalled"], "for": "2h"}"#))
            #expect(rep.status == .forbidden)
            let bad = try await client.execute(
                uri: "/api/silences", method: .post, headers: Caller.admin.bearer,
                body: jsonBody(#"{"matchers": ["rule=stalled", "what"], "for": "2h"}"#))
            #expect(bad.status == .badRequest)
            #expect((try bad.json()["error"] as? [String: Any])?["field"] as? String == "matchers[1]")
        }
    }
}
