import Foundation
import HummingbirdTesting
import NIOCore
import PulseCore
import PulseServer
import Testing

@Suite struct ErrorResponseTests {
    @Test func anUnknownRouteIsA404WithAJSONError() async throws {
        let fixture = try ServerFixture()
        defer { fixture.remove() }
        try await fixture.app().test(.router) { client in
            let response = try await client.execute(uri: "/api/nope", method: .get)
            #expect(response.status == .notFound)
            #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
            let error = try #require(try response.json()["error"] as? [String: Any])
            #expect(error["code"] as? String == "not_found")
            #expect((error["message"] as? String)?.contains("/api/nope") == true)
        }
    }

    @Test func aWrongMethodIsA405ThatNamesTheAllowedMethods() async throws {
        let fixture = try ServerFixture()
        defer { fixture.remove() }
        try await fixture.app().test(.router) { client in
            let response = try await client.execute(uri: "/api/alerts/3", method: .put)
            #expect(response.status == .methodNotAllowed)
            #expect(try response.errorCode() == "method_not_allowed")
            #expect(response.headers[.allow] == "GET")
            let silences = try await client.execute(uri: "/api/silences", method: .patch)
            #expect(silences.headers[.allow] == "GET, POST")
        }
    }

    @Test func aMissingTokenIsA401WithAJSONErrorAndAChallenge() async throws {
        let fixture = try ServerFixture()
        defer { fixture.remove() }
        try await fixture.app().test(.router) { client in
            let response = try await client.execute(uri: "/api/alerts", method: .get)
            #expect(response.status == .unauthorized)
            #expect(try response.errorCode() == "unauthorized")
            #expect(response.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
        }
    }

    @Test func anAuthorizationHeaderThatIsNotBearerIsA401() async throws {
        let fixture = try ServerFixture()
        defer { fixture.remove() }
        try await fixture.app().test(.router) { client in
            let response = try await client.execute(
                uri: "/api/alerts", method: .get, headers: [.authorization: "Basic YWRhOnNlY3JldA=="])
            #expect(response.status == .unauthorized)
            let message = try #require((try response.json()["error"] as? [String: Any])?["message"] as? String)
            #expect(message.contains("Bearer"))
        }
    }
}
