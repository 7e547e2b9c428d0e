import Foundation
import HummingbirdTesting
import PulseCore
import PulseServer
import Testing

@Suite struct AuthenticationTests {
    @Test(arguments: [Caller.expired, .revoked, .disabled])
    func anExpiredRevokedOrDisabledCallerIsA401(_ caller: Caller) async throws {
        let fixture = try ServerFixture()
        defer { fixture.remove() }
        try await fixture.seedAll()
        try await fixture.app().test(.router) { client in
            let response = try await client.execute(uri: "/api/deals", method: .get, headers: caller.bearer)
            #expect(response.status == .unauthorized)
            let message = try #require((try response.json()["error"] as? [String: Any])?["message"] as? String)
            let word = [Caller.expired: "expired", .revoked: "revoked", .disabled: "disabled"][caller]!
            #expect(message.contains(word))
        }
    }

    @Test func anUnknownTokenIsA401() async throws {
        let fixture = try ServerFixture()
        defer { fixture.remove() }
        try await fixture.seedAll()
        try await fixture.app().test(.router) { client in
            let response = try await client.execute(
                uri: "/api/deals", method: .get, headers: [.authorization: "Bearer pulse_not_a_real_token"])
            #expect(response.status == .unauthorized)
            #expect(try response.errorCode() == "unauthorized")
        }
    }

    @Test func aValidTokenIsLetIn() async throws {
        let fixture = try ServerFixture()
        defer { fixture.remove() }
        try await fixture.seedAll()
        try await fixture.app().test(.router) { client in
            let response = try await client.execute(uri: "/api/deals", method: .get, headers: Caller.ana.bearer)
            #expect(response.status == .ok)
        }
    }
}
