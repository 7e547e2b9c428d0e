import Foundation
import HummingbirdTesting
import PulseCore
import PulseServer
import Testing

@Suite struct TenantIsolationTests {
    @Test func listsNeverIncludeAnotherTenantsRecords() async throws {
        let fixture = try ServerFixture()
        defer { fixture.remove() }
        try await fixture.seedAll()
        try await fixture.app().test(.router) { client in
            for path in ["/api/deals", "/api/accounts", "/api/reps", "/api/activities", "/api/alerts"] {
                let globex = try await client.execute(uri: path, method: .get, headers: Caller.globexAdmin.bearer)
                let text = String(buffer: globex.body)
                #expect(globex.status == .ok)
                #expect(!text.contains("\"default\""), "\(path) leaked the default tenant: \(text.prefix(300))")
                let home = try await client.execute(uri: path, method: .get, headers: Caller.admin.bearer)
                #expect(!String(buffer: home.body).contains("globex"), "\(path) leaked globex")
            }
            let users = try await client.execute(uri: "/api/users", method: .get, headers: Caller.globexAdmin.bearer)
            #expect(Set(try users.itemIDs()) == ["u-admin", "u-bob"])
        }
    }

    @Test func anIdOfAnotherTenantIsA404() async throws {
        let fixture = try ServerFixture()
        defer { fixture.remove() }
        try await fixture.seedAll()
        try await fixture.app().test(.router) { client in
            let deal = try await client.execute(uri: "/api/deals/G-1", method: .get, headers: Caller.admin.bearer)
            #expect(deal.status == .notFound)
            let account = try await client.execute(
                uri: "/api/accounts/globex-co", method: .get, headers: Caller.admin.bearer)
            #expect(account.status == .notFound)
            let globexAlerts = try await client.execute(
                uri: "/api/alerts", method: .get, headers: Caller.globexAdmin.bearer)
            let number = try #require((try globexAlerts.json()["items"] as? [[String: Any]])?.first?["number"] as? Int)
            let home = try await client.execute(uri: "/api/alerts", method: .get, headers: Caller.admin.bearer)
            let homeNumbers = Set(
                ((try home.json()["items"] as? [[String: Any]]) ?? []).compactMap { $0["number"] as? Int })
            // The same number may exist in both tenants; what it shows must be the caller's own alert.
            let peek = try await client.execute(
                uri: "/api/alerts/\(number)", method: .get, headers: Caller.admin.bearer)
            if homeNumbers.contains(number) {
                #expect(try peek.json()["tenant"] as? String == "default")
            } else {
                #expect(peek.status == .notFound)
            }
            let revoke = try await client.execute(
                uri: "/api/tokens/t-globexBob", method: .delete, headers: Caller.admin.bearer)
            #expect(revoke.status == .notFound)
        }
    }
}
