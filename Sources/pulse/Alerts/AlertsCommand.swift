import ArgumentParser
import Foundation
import PulseCore
import PulseEngine

/// `pulse alerts`: list, show and act on alerts (acknowledge, snooze, resolve, assign, feedback).
struct AlertsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alerts",
        abstract: "List alerts and act on them.",
        discussion: "Alerts are raised by `pulse evaluate`, `pulse ingest` and `pulse demo`. Refer to an alert by "
            + "its number (17 or #17) or id. Every action is recorded with who and when (`pulse alerts show`).",
        subcommands: [
            List.self, Show.self, Acknowledge.self, Snooze.self, Resolve.self, Assign.self, Feedback.self,
        ],
        defaultSubcommand: List.self
    )

    /// `pulse alerts list`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List alerts, most severe first (active ones unless --all or --state says otherwise).")

        @OptionGroup var engine: EngineOptions

        @Option(
            help: ArgumentHelp(
                "Only these severities (comma-separated; any vocabulary word: critical, P1, urgent, high, …).",
                valueName: "levels"))
        var severity: String?

        @Option(help: ArgumentHelp("Only alerts owned by this rep id.", valueName: "rep"))
        var owner: String?

        @Option(help: ArgumentHelp("Only alerts of this rule id.", valueName: "rule"))
        var rule: String?

        @Option(
            help: ArgumentHelp(
                "Only these states (comma-separated: pending, open, acknowledged, snoozed, resolved).",
                valueName: "states"))
        var state: String?

        @Flag(help: "Include resolved alerts.")
        var all = false

        @Option(help: ArgumentHelp("Show at most this many alerts.", valueName: "n"))
        var limit: Int = 200

        @Flag(help: "Print JSON instead of a table.")
        var json = false

        func validate() throws {
            _ = try severities()
            _ = try states()
            guard limit > 0 else { throw ValidationError("--limit must be a positive number; got \(limit).") }
        }

        func severities() throws -> Set<Severity> {
            guard let severity else { return [] }
            return Set(
                try severity.split(separator: ",").map { word in
                    guard let level = Severity(word: String(word)) else {
                        throw ValidationError(
                            "Unknown severity '\(word)' in --severity; use one of "
                                + Severity.vocabulary.keys.sorted().joined(separator: ", ") + ".")
                    }
                    return level
                })
        }

        func states() throws -> Set<AlertState> {
            guard let state else { return [] }
            return Set(
                try state.split(separator: ",").map { word in
                    guard let value = AlertState(rawValue: word.lowercased()) else {
                        throw ValidationError(
                            "Unknown state '\(word)' in --state; use "
                                + AlertState.allCases.map(\.rawValue).joined(separator: ", ") + ".")
                    }
                    return value
                })
        }

        func run() async throws {
            let store = try engine.store.openStore()
            let states = try states()
            let filter = AlertFilter(
                tenant: Tenant.ID(engine.tenant), states: states, severities: try severities(),
                owner: owner.map { Rep.ID($0) }, rule: rule, includeResolved: all || states.contains(.resolved),
                limit: limit)
            let alerts = try await store.alerts(filter)
            if json {
                print(try AlertJSON.encode(alerts))
                return
            }
            guard !alerts.isEmpty else {
                print(all ? "No alerts." : "No active alerts. (`pulse alerts --all` includes resolved ones.)")
                return
            }
            for line in AlertRendering.table(alerts, colour: AlertRendering.stdoutIsTerminal) { print(line) }
            print("\n\(alerts.count) alert(s): \(AlertRendering.counts(alerts))")
        }
    }

    /// `pulse alerts show ID`.
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one alert: what fired it, why it matters, what to do, and its history.")

        @OptionGroup var engine: EngineOptions
        @Argument(help: "Alert number (17 or #17) or id.") var alert: String
        @Flag(help: "Print JSON instead of text.") var json = false

        func run() async throws {
            let engine = try engine.makeEngine()
            let found = try await engine.alert(alert)
            let audit = try await engine.store.audit(alert: found.id)
            if json {
                print(try AlertJSON.encode(found))
            } else {
                print(AlertRendering.detail(found, audit: audit, colour: AlertRendering.stdoutIsTerminal))
            }
        }
    }

    /// `pulse alerts ack ID`.
    struct Acknowledge: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ack", abstract: "Acknowledge an alert: you own it now, and it stops escalating.")
        @OptionGroup var engine: EngineOptions
        @Argument(help: "Alert number or id.") var alert: String

        func run() async throws {
            let updated = try await engine.makeEngine().acknowledge(alert, by: engine.actor, at: engine.now)
            print("#\(updated.number) acknowledged by \(engine.actor): \(updated.content.title)")
        }
    }

    /// `pulse alerts snooze ID --for 4h | --until TIME`.
    struct Snooze: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Put an alert aside until a time; it comes back then if still firing.")
        @OptionGroup var engine: EngineOptions
        @Argument(help: "Alert number or id.") var alert: String
        @Option(name: .customLong("for"), help: ArgumentHelp("How long: 30m, 4h, 2d, 1w.", valueName: "duration"))
        var duration: String?
        @Option(help: ArgumentHelp("Until this time (YYYY-MM-DD or ISO-8601).", valueName: "time")) var until: String?

        func validate() throws {
            switch (duration, until) {
            case (nil, nil), (.some, .some):
                throw ValidationError("Give exactly one of --for (e.g. --for 4h) or --until (e.g. --until 2026-12-01).")
            case (let d?, nil):
                guard RuleDuration(d) != nil else {
                    throw ValidationError("--for must be a positive duration like 30m, 4h, 2d or 1w; got '\(d)'.")
                }
            case (nil, let u?):
                guard ISODate.parse(u) != nil else {
                    throw ValidationError("--until must be a date or ISO-8601 date-time; \(ISODate.problem(with: u))")
                }
            }
        }

        func run() async throws {
            let now = engine.now
            let end =
                duration.flatMap(RuleDuration.init).map { now.addingTimeInterval($0.timeInterval) }
                ?? until.flatMap(ISODate.parse)!
            let updated = try await engine.makeEngine().snooze(alert, until: end, by: engine.actor, at: now)
            print("#\(updated.number) snoozed until \(AlertTextRenderer.timestamp(end)): \(updated.content.title)")
        }
    }

    /// `pulse alerts resolve ID`.
    struct Resolve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Resolve an alert by hand, with an optional note.")
        @OptionGroup var engine: EngineOptions
        @Argument(help: "Alert number or id.") var alert: String
        @Option(help: ArgumentHelp("Why it is resolved.", valueName: "text")) var note: String?

        func run() async throws {
            let updated = try await engine.makeEngine().resolve(alert, by: engine.actor, note: note, at: engine.now)
            print("#\(updated.number) resolved by \(engine.actor): \(updated.content.title)")
        }
    }

    /// `pulse alerts assign ID --to REP`.
    struct Assign: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Assign an alert to a rep (by rep id).")
        @OptionGroup var engine: EngineOptions
        @Argument(help: "Alert number or id.") var alert: String
        @Option(help: ArgumentHelp("The rep id to assign it to.", valueName: "rep")) var to: String

        func run() async throws {
            let updated = try await engine.makeEngine().assign(
                alert, to: Rep.ID(to), by: engine.actor, at: engine.now)
            print("#\(updated.number) assigned to \(to) by \(engine.actor): \(updated.content.title)")
        }
    }

    /// `pulse alerts feedback ID helpful|noise`.
    struct Feedback: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Say whether an alert was helpful or noise; `pulse rules stats` reports precision per rule.")
        @OptionGroup var engine: EngineOptions
        @Argument(help: "Alert number or id.") var alert: String
        @Argument(help: "helpful or noise.") var verdict: String
        @Option(help: ArgumentHelp("A comment.", valueName: "text")) var note: String?

        func validate() throws {
            guard AlertFeedback.Verdict(rawValue: verdict.lowercased()) != nil else {
                throw ValidationError("The verdict must be 'helpful' or 'noise'; got '\(verdict)'.")
            }
        }

        func run() async throws {
            let value = AlertFeedback.Verdict(rawValue: verdict.lowercased())!
            let updated = try await engine.makeEngine().feedback(
                alert, verdict: value, by: engine.actor, note: note, at: engine.now)
            print("#\(updated.number) marked \(value.rawValue) by \(engine.actor). Thank you.")
        }
    }
}

/// JSON output for alerts: sorted keys, ISO-8601 dates.
enum AlertJSON {
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
