import ArgumentParser
import Foundation
import PulseCore
import PulseEngine

/// `pulse evaluate [--at TIME]`: runs every rule over the stored data and the time-based steps (stalls,
/// deadlines, SLA escalation, snooze and silence expiry) once, as the scheduler does on every tick.
struct EvaluateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Evaluate every rule now (or --at a time) and update the alert book.",
        discussion: "Deterministic for a given database and --at: running it twice raises nothing new "
            + "(the same condition is the same alert). `pulse serve` runs the same step on a schedule."
    )

    @OptionGroup var engine: EngineOptions
    @Flag(help: "Print the outcome as JSON.") var json = false

    func run() async throws {
        let now = engine.now
        let outcome = try await engine.makeEngine().evaluate(at: now)
        if json {
            struct Summary: Encodable {
                var at: Date
                var evaluated, firing, opened, resolved, escalated, queued, digest: Int
                var openedAlerts: [Int64]
            }
            print(
                try AlertJSON.encode(
                    Summary(
                        at: now, evaluated: outcome.evaluated, firing: outcome.firing, opened: outcome.opened.count,
                        resolved: outcome.resolved.count, escalated: outcome.escalated.count,
                        queued: outcome.queuedNotifications, digest: outcome.digestNotifications,
                        openedAlerts: outcome.opened.map(\.number))))
            return
        }
        print(EvaluationReport.lines(outcome).joined(separator: "\n"))
    }
}

/// Text summary of one evaluation step, shared by `pulse evaluate`, `pulse ingest` and `pulse demo`.
enum EvaluationReport {
    static func lines(_ outcome: EvaluationOutcome) -> [String] {
        var lines = [
            "Evaluated \(outcome.evaluated) rule × entity pairs at \(AlertTextRenderer.timestamp(outcome.now)) in "
                + "\(Self.milliseconds(outcome.duration)) ms: \(outcome.firing) firing.",
            "Alerts: \(outcome.opened.count) raised, \(outcome.resolved.count) resolved, "
                + "\(outcome.escalated.count) escalated; notifications: \(outcome.queuedNotifications) to send, "
                + "\(outcome.digestNotifications) held for the digest.",
        ]
        if !outcome.opened.isEmpty {
            lines.append("")
            lines.append("New alerts (\(AlertRendering.counts(outcome.opened))):")
            let sorted = outcome.opened.sorted { ($0.severity.rank, $0.number) < ($1.severity.rank, $1.number) }
            lines += AlertRendering.table(sorted, colour: AlertRendering.stdoutIsTerminal)
        }
        return lines
    }

    static func milliseconds(_ duration: Duration) -> Int {
        Int(duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000)
    }
}
