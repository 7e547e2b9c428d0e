import Foundation
import HummingbirdTesting
import PulseCore
import PulseServer
import Testing

@Suite struct AlertListCacheTests {
    @Test func aRepeatedListingReflectsEveryAlertChangeMadeInBetween() async throws {
        let fixture = try ServerFixture()
        defer { fixture.remove() }
        try await fixture.seedAll()
        try await fixture.app().test(.router) { client in
            func states() async throws -> [String] {
                let list = try await client.execute(
                    uri: "/api/alerts?rule=stalled", method: .get, headers: Caller.ana.bearer)
                return (try list.json()["items"] as? [[String: Any]] ?? []).compactMap { $0["state"] as? String }
            }
            let before = try await states()
            #expect(before == ["open"])
            #expect(try await states() == before, "the same listing twice")
            let number = try await AlertRouteTests.anaAlert(client)
            _ = try await client.execute(uri: "/api/alerts/\(number)/ack", method: .post, headers: Caller.ana.bearer)
            #expect(try await states() == ["acknowledged"])
            // Another caller's view of the same query is its own answer.
            let manager = try await client.execute(
                uri: "/api/alerts?rule=stalled", method: .get, headers: Caller.mgr.bearer)
            #expect((try manager.json()["total"] as? Int ?? 0) >= 1)
        }
    }
}
