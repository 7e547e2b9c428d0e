import Foundation
import HummingbirdTesting
import PulseCore
import PulseServer
import Testing

@Suite struct AccessControlTests {
    @Test func aRepSeesOnlyTheirOwnDealsAccountsAndActivities() async throws {
        let fixture = try ServerFixture()
        defer { fixture.remove() }
        try await fixture.seedAll()
        try await fixture.app().test(.router) { client in
            let deals = try await client.execute(uri: "/api/deals", method: .get, headers: Caller.ana.bearer)
            #expect(try deals.itemIDs() == ["D-ana"])
            let accounts = try await client.execute(uri: "/api/accounts", method: .get, headers: Caller.ana.bearer)
            #expect(try accounts.itemIDs() == ["acme"])
            let activities = try await client.execute(
                uri: "/api/activities", method: .get, headers: Caller.ana.bearer)
            #expect(try activities.itemIDs() == ["a1"])
            let other = try await client.execute(uri: "/api/deals/D-ben", method: .get, headers: Caller.ana.bearer)
            #expect(other.status == .notFound)
            let own = try await client.execute(uri: "/api/deals/D-ana", method: .get, headers: Caller.ana.bearer)
            #expect(own.status == .ok)
        }
    }

    @Test func aManagerSeesTheirTeam() async throws {
        let fixture = try ServerFixture()
        defer { fixture.remove() }
        try await fixture.seedAll()
        try await fixture.app().test(.router) { client in
            let deals = try await client.execute(uri: "/api/deals", method: .get, headers: Caller.mgr.bearer)
            #expect(try deals.itemIDs() == ["D-ana", "D-ben"])
            let reps = try await client.execute(uri: "/api/reps", method: .get, headers: Caller.mgr.bearer)
            #expect(try reps.itemIDs() == ["ana", "ben", "mgr"])
            let cara = try await client.execute(uri: "/api/deals/D-cara", method: .get, headers: Caller.mgr.bearer)
            #expect(cara.status == .notFound)
        }
    }

    @Test(arguments: [Caller.exec, .admin])
    func executivesAndAdminsSeeTheWholeTenantAndNothingElse(_ caller: Caller) async throws {
        let fixture = try ServerFixture()
        defer { fixture.remove() }
        try await fixture.seedAll()
        try await fixture.app().test(.router) { client in
            let deals = try await client.execute(uri: "/api/deals", method: .get, headers: caller.bearer)
            #expect(try deals.itemIDs() == ["D-ana", "D-ben", "D-cara"])
        }
    }

    @Test func aRepSeesTheAlertsOfTheirDealsAndNotOthers() async throws {
        let fixture = try ServerFixture()
        defer { fixture.remove() }
        try await fixture.seedAll()
        try await fixture.app().test(.router) { client in
            let ana = try await client.execute(uri: "/api/alerts", method: .get, headers: Caller.ana.bearer)
            #expect(try ana.json()["total"] as? Int == 1)
            let number = try #require((try ana.json()["items"] as? [[String: Any]])?.first?["number"] as? Int)
            let cara = try await client.execute(uri: "/api/alerts", method: .get, headers: Caller.cara.bearer)
            #expect(try cara.json()["total"] as? Int == 0)
            let peek = try await client.execute(uri: "/api/alerts/\(number)", method: .get, headers: Caller.cara.bearer)
            #expect(peek.status == .notFound)
            let act = try await client.execute(
                uri: "/api/alerts/\(number)/ack", method: .post, headers: Caller.cara.bearer)
            #expect(act.status == .notFound)
            let manager = try await client.execute(uri: "/api/alerts", method: .get, headers: Caller.mgr.bearer)
            #expect(try manager.json()["total"] as? Int == 1)
        }
    }

    @Test(arguments: [
        ("GET", "/api/audit"), ("GET", "/api/outbox"), ("POST", "/api/outbox/retry"), ("GET", "/api/users"),
        ("POST", "/api/users"), ("POST", "/api/tokens"), ("DELETE", "/api/tokens/t-ana"),
    ])
    func adminRoutesAreForbiddenToManagersAndExecutives(_ method: String, _ path: String) async throws {
        let fixture = try ServerFixture()
        defer { fixture.remove() }
        try await fixture.seedAll()
        try await fixture.app().test(.router) { client in
            for caller in [Caller.mgr, .exec, .ana] {
                let response = try await client.execute(
                    uri: path, method: .init(method)!, headers: caller.bearer, body: jsonBody("{}"))
                #expect(response.status == .forbidden, "\(caller) \(method) \(path)")
                #expect(try response.errorCode() == "forbidden")
            }
        }
    }

    @Test func aRepMayNotPostEvents() async throws {
        let fixture = try ServerFixture()
        defer { fixture.remove() }
        try await fixture.seedAll()
        try await fixture.app().test(.router) { client in
            let response = try await client.execute(
                uri: "/api/events", method: .post, headers: Caller.ana.bearer, body: jsonBody("{}"))
            #expect(response.status == .forbidden)
        }
    }
}
