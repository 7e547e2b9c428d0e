import Foundation
import GRDB
import HummingbirdTesting
import PulseCore
import PulseServer
import Testing

@Suite struct OperationsRouteTests {
    @Test func healthzAnswersOkWithoutAToken() async throws {
        let fixture = try ServerFixture()
        defer { fixture.remove() }
        try await fixture.app().test(.router) { client in
            let response = try await client.execute(uri: "/healthz", method: .get)
            #expect(response.status == .ok)
            #expect(try response.json()["status"] as? String == "ok")
        }
    }

    @Test func readyzAnswersReadyWhenTheStoreAnswers() async throws {
        let fixture = try ServerFixture()
        defer { fixture.remove() }
        try await fixture.app().test(.router) { client in
            let response = try await client.execute(uri: "/readyz", method: .get)
            #expect(response.status == .ok)
            #expect(try response.json()["status"] as? String == "ready")
        }
    }

    @Test func metricsExportRequestsEvaluationsAndAlertsBySeverityAndState() async throws {
        let fixture = try ServerFixture()
        defer { fixture.remove() }
        try await fixture.seedAlerts()
        try await fixture.app().test(.router) { client in
            _ = try await client.execute(uri: "/healthz", method: .get)
            let response = try await client.execute(uri: "/metrics", method: .get)
            #expect(response.status == .ok)
            let text = String(buffer: response.body)
            #expect(text.contains("pulse_http_requests_total{method=\"GET\",status=\"200\"}"))
            #expect(text.contains("pulse_evaluation_duration_seconds_bucket"))
            #expect(text.contains(#"pulse_alerts{tenant="default",severity="high",state="open"} 1"#))
            #expect(text.contains(#"pulse_alerts{tenant="default",severity="critical",state="open"} 0"#))
            #expect(text.contains(#"pulse_alerts{tenant="globex",severity="high",state="open"} 1"#))
        }
    }

    @Test func theOpenAPIDocumentIsServedAsYAML() async throws {
        let fixture = try ServerFixture()
        defer { fixture.remove() }
        try await fixture.app().test(.router) { client in
            let response = try await client.execute(uri: "/openapi.yaml", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("application/yaml") == true)
            #expect(String(buffer: response.body).hasPrefix("openapi: 3.0"))
        }
    }
}

@Suite struct ReadinessFailureTests {
    @Test func readyzAnswers503JSONWhenTheStoreCannotAnswerAQuery() async throws {
        let fixture = try ServerFixture()
        defer { fixture.remove() }
        try await fixture.seedData()
        // Another connection breaks the schema under the running store: its next read fails.
        let other = try DatabaseQueue(path: fixture.configuration.databasePath)
        try await other.write { try $0.execute(sql: "DROP TABLE tenants") }
        try await fixture.app().test(.router) { client in
            let response = try await client.execute(uri: "/readyz", method: .get)
            #expect(response.status == .serviceUnavailable)
            #expect(try response.errorCode() == "store_unavailable")
            let health = try await client.execute(uri: "/healthz", method: .get)
            #expect(health.status == .ok)
        }
    }
}
