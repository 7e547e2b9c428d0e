import Foundation
import HummingbirdTesting
import PulseCore
import PulseServer
import Testing

@Suite struct AdminRouteTests {
    @Test func anAdminCreatesAUserAndATokenThatWorksUntilItIsRevoked() async throws {
        let fixture = try ServerFixture()
        defer { fixture.remove() }
        try await fixture.seedAll()
        try await fixture.app().test(.router) { client in
            let user = try await client.execute(
                uri: "/api/users", method: .post, headers: Caller.admin.bearer,
                body: jsonBody(
                    #"{"id": "u-new", "name": "Ben", "role": "rep", "rep": "ben", "timeZone": "Europe/Berlin"}"#))
            #expect(user.status == .created)
            let duplicate = try await client.execute(
                uri: "/api/users", method: .post, headers: Caller.admin.bearer,
                body: jsonBody(#"{"id": "u-new", "name": "Ben", "role": "rep", "rep": "ben"}"#))
            #expect(duplicate.status == .conflict)
            let token = try await client.execute(
                uri: "/api/tokens", method: .post, headers: Caller.admin.bearer,
                body: jsonBody(#"{"user": "u-new", "name": "laptop"}"#))
            #expect(token.status == .created)
            let secret = try #require(try token.json()["secret"] as? String)
            let id = try #require((try token.json()["token"] as? [String: Any])?["id"] as? String)
            #expect(!String(buffer: token.body).contains(TokenSecret.hash(secret)))
            let asBen = try await client.execute(
                uri: "/api/deals", method: .get, headers: [.authorization: "Bearer \(secret)"])
            #expect(try asBen.itemIDs() == ["D-ben"])
            let revoke = try await client.execute(
                uri: "/api/tokens/\(id)", method: .delete, headers: Caller.admin.bearer)
            #expect(revoke.status == .ok)
            let after = try await client.execute(
                uri: "/api/deals", method: .get, headers: [.authorization: "Bearer \(secret)"])
            #expect(after.status == .unauthorized)
            let audit = try await client.execute(uri: "/api/audit", method: .get, headers: Caller.admin.bearer)
            let actions = ((try audit.json()["items"] as? [[String: Any]]) ?? []).compactMap { $0["action"] as? String }
            #expect(actions == ["user.create", "token.create", "token.revoke"])
        }
        let stored = try await fixture.store.tokens(tenant: Tenant.defaultID, user: "u-new")
        #expect(stored.count == 1)
        #expect(stored.first?.hash.count == 64)
    }

    @Test func badUserBodiesNameTheField() async throws {
        let fixture = try ServerFixture()
        defer { fixture.remove() }
        try await fixture.seedAll()
        try await fixture.app().test(.router) { client in
            for (body, field) in [
                (#"{"id": "u-x", "name": "X", "role": "boss"}"#, "role"),
                (#"{"id": "u-x", "name": "X", "role": "rep"}"#, "rep"),
                (#"{"id": "u-x", "name": "X", "role": "rep", "rep": "bob"}"#, "rep"),
                (#"{"id": "u-x", "name": "X", "role": "admin", "timeZone": "Mars/Olympus"}"#, "timeZone"),
                (#"{"name": "X", "role": "admin"}"#, "id"),
            ] {
                let response = try await client.execute(
                    uri: "/api/users", method: .post, headers: Caller.admin.bearer, body: jsonBody(body))
                #expect(response.status == .badRequest, "\(body)")
                #expect((try response.json()["error"] as? [String: Any])?["field"] as? String == field, "\(body)")
            }
        }
    }

    @Test func theAuditLogPagesWithAfter() async throws {
        let fixture = try ServerFixture()
        defer { fixture.remove() }
        try await fixture.seedAll()
        try await fixture.app().test(.router) { client in
            let number = try await AlertRouteTests.anaAlert(client)
            for _ in 0..<3 {
                _ = try await client.execute(uri: "/api/alerts/\(number)", method: .get, headers: Caller.ana.bearer)
            }
            let first = try await client.execute(uri: "/api/audit?limit=2", method: .get, headers: Caller.admin.bearer)
            #expect((try first.json()["items"] as? [Any])?.count == 2)
            let next = try #require(try first.json()["next"] as? Int)
            let second = try await client.execute(
                uri: "/api/audit?limit=2&after=\(next)", method: .get, headers: Caller.admin.bearer)
            #expect((try second.json()["items"] as? [Any])?.count == 1)
            let globex = try await client.execute(uri: "/api/audit", method: .get, headers: Caller.globexAdmin.bearer)
            #expect((try globex.json()["items"] as? [Any])?.count == 0)
        }
    }

    @Test func theOutboxListsByStatusAndRetryIsAudited() async throws {
        let fixture = try ServerFixture()
        defer { fixture.remove() }
        try await fixture.seedAll()
        try await fixture.app().test(.router) { client in
            let dead = try await client.execute(
                uri: "/api/outbox?status=dead", method: .get, headers: Caller.admin.bearer)
            #expect(dead.status == .ok)
            #expect(try dead.json()["total"] as? Int == 0)
            let bad = try await client.execute(
                uri: "/api/outbox?status=lost", method: .get, headers: Caller.admin.bearer)
            #expect(bad.status == .badRequest)
            let retry = try await client.execute(
                uri: "/api/outbox/retry", method: .post, headers: Caller.admin.bearer,
                body: jsonBody(#"{"ids": ["nope"]}"#))
            #expect(try retry.json()["retried"] as? Int == 0)
        }
        let audit = try await fixture.store.auditLog(
            tenant: Tenant.defaultID, from: .distantPast, to: .distantFuture, after: 0, limit: 100)
        #expect(audit.map(\.action) == ["outbox.retry"])
    }

    @Test func rulesAreListedWithTheirStatistics() async throws {
        let fixture = try ServerFixture()
        defer { fixture.remove() }
        try await fixture.seedAll()
        try await fixture.app().test(.router) { client in
            let response = try await client.execute(uri: "/api/rules", method: .get, headers: Caller.ana.bearer)
            let items = try #require(try response.json()["items"] as? [[String: Any]])
            #expect(items.map { $0["id"] as? String } == ["stalled"])
            let stats = try #require(items.first?["stats"] as? [String: Any])
            #expect(stats["raised"] as? Int == 1)
            #expect(stats["active"] as? Int == 1)
        }
    }
}
