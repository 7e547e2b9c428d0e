import ArgumentParser
import Foundation
import PulseCore
import PulseEngine

/// `pulse rules stats`: per rule, how many alerts it raised, what became of them and how precise users found it.
struct RulesStatsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Per rule: alerts raised, active, acknowledged, resolved, helpful / noise feedback and precision.",
        discussion: "Precision = helpful ÷ (helpful + noise) from `pulse alerts feedback`; '—' until a rule has "
            + "feedback. Rules that never fired are listed with zeros so silent rules are visible too."
    )

    @OptionGroup var engine: EngineOptions
    @Flag(help: "Print JSON instead of a table.") var json = false

    func run() async throws {
        let store = try engine.store.openStore()
        let tenant = Tenant.ID(engine.tenant)
        let alerts = try await store.alerts(AlertFilter(tenant: tenant, includeResolved: true, limit: Int.max))
        let feedback = try await store.feedback(tenant: tenant)
        let stats = RuleStats.compute(alerts: alerts, feedback: feedback, rules: engine.loadRules().map(\.id))
        if json {
            struct Row: Encodable {
                var rule: String
                var raised, active, acknowledged, resolved, autoResolved, manuallyResolved, shadow, helpful, noise: Int
                var precision: Double?
                var medianSecondsToAcknowledge: Double?
            }
            print(
                try AlertJSON.encode(
                    stats.map {
                        Row(
                            rule: $0.rule, raised: $0.raised, active: $0.active, acknowledged: $0.acknowledged,
                            resolved: $0.resolved, autoResolved: $0.autoResolved,
                            manuallyResolved: $0.manuallyResolved, shadow: $0.shadow, helpful: $0.helpful,
                            noise: $0.noise, precision: $0.precision,
                            medianSecondsToAcknowledge: $0.medianTimeToAcknowledge)
                    }))
            return
        }
        var table = DemoTextTable([
            ("rule", .left), ("raised", .right), ("active", .right), ("acked", .right), ("resolved", .right),
            ("auto", .right), ("helpful", .right), ("noise", .right), ("precision", .right), ("median ack", .right),
        ])
        for s in stats {
            table.add([
                s.rule, "\(s.raised)", "\(s.active)", "\(s.acknowledged)", "\(s.resolved)", "\(s.autoResolved)",
                "\(s.helpful)", "\(s.noise)", s.precision.map { String(format: "%.0f%%", $0 * 100) } ?? "—",
                s.medianTimeToAcknowledge.map(Self.duration) ?? "—",
            ])
        }
        for line in table.render(indent: 0) { print(line) }
        let helpful = stats.reduce(0) { $0 + $1.helpful }
        let noise = stats.reduce(0) { $0 + $1.noise }
        print(
            "\n\(stats.reduce(0) { $0 + $1.raised }) alerts from \(stats.filter { $0.raised > 0 }.count) of "
                + "\(stats.count) rules; feedback \(helpful) helpful, \(noise) noise"
                + (helpful + noise > 0
                    ? String(format: " (precision %.0f%%)", Double(helpful) / Double(helpful + noise) * 100) : ""))
    }

    /// "35m", "4.2h", "2.1d".
    static func duration(_ seconds: TimeInterval) -> String {
        if seconds < 3600 { return "\(Int((seconds / 60).rounded()))m" }
        if seconds < 86_400 { return String(format: "%.1fh", seconds / 3600) }
        return String(format: "%.1fd", seconds / 86_400)
    }
}
