import Foundation
import PulseCore
import Testing

@testable import pulse

@Suite struct DemoAlertsTests {
    @Test func theDefaultDemoEndsWithAlertsOfEverySeverityFromAtLeastFifteenRulesCriticalFirst() async throws {
        let now = Date(timeIntervalSince1970: 1_795_564_800)  // 2026-11-25T00:00:00Z
        let outcome = try await DemoRunner(parameters: DemoParameters(now: now), databasePath: nil).run()
        let alerts = try #require(outcome.summary.alerts)
        #expect(Set(alerts.lines.map(\.severity)) == ["critical", "high", "medium", "low"])
        #expect(alerts.rules >= 15, "only \(alerts.rules) rules fired")
        #expect(Set(alerts.lines.map(\.rule)).count == alerts.rules)
        let ranks = alerts.lines.map { Severity(rawValue: $0.severity)!.rank }
        #expect(ranks == ranks.sorted(), "critical first")
        // A readable number, not a flood.
        #expect(alerts.lines.count <= 400, "\(alerts.lines.count) alerts")

        let text = DemoSummaryRenderer(colour: false).render(outcome.summary)
        #expect(text.contains("Alerts raised — \(alerts.lines.count) from \(alerts.rules) rules: \(alerts.counts)"))
        #expect(text.contains("By rule: "))
    }

    @Test func noAlertsSkipsTheRules() async throws {
        var runner = DemoRunner(
            parameters: DemoParameters(seed: 3, now: Date(timeIntervalSince1970: 1_795_564_800), leads: 5, accounts: 5),
            databasePath: nil)
        runner.raisesAlerts = false
        let outcome = try await runner.run()
        #expect(outcome.summary.alerts == nil)
        #expect(!DemoSummaryRenderer(colour: false).render(outcome.summary).contains("Alerts raised"))
        #expect(try DemoCommand.parse(["--no-alerts"]).alerts == false)
    }
}
