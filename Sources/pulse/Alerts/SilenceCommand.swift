import ArgumentParser
import Foundation
import PulseCore
import PulseEngine

/// `pulse silence add|list|expire`: mute alerts matching labels for a while, with a reason.
struct SilenceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "silence",
        abstract: "Silence alerts by label matchers for a while (they are still recorded, just not notified).",
        discussion: "Matchers are Alertmanager-style: rule=stalled-deal, severity=medium, owner=rep_12, "
            + "entity=deal:D04523, team!=emea, rule=~churn-.*. Labels every alert has: rule, severity, scope, entity, "
            + "owner, category, plus account/deal/team/segment where they apply.",
        subcommands: [Add.self, List.self, Expire.self],
        defaultSubcommand: List.self
    )

    /// `pulse silence add`.
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a silence.")
        @OptionGroup var engine: EngineOptions
        @Option(
            name: .customLong("match"),
            help: ArgumentHelp("A label matcher (repeat for several; all must match).", valueName: "name=value"))
        var matchers: [String] = []
        @Option(name: .customLong("for"), help: ArgumentHelp("How long: 30m, 4h, 2d, 1w.", valueName: "duration"))
        var duration: String?
        @Option(help: ArgumentHelp("Until this time (YYYY-MM-DD or ISO-8601).", valueName: "time")) var until: String?
        @Option(help: ArgumentHelp("Why (shown with every silenced alert).", valueName: "text")) var reason: String

        func validate() throws {
            guard !matchers.isEmpty else {
                throw ValidationError("Give at least one --match name=value (e.g. --match rule=stalled-deal).")
            }
            for text in matchers where LabelMatcher(parsing: text) == nil {
                throw ValidationError(
                    "'\(text)' is not a matcher; write name=value, name!=value, name=~regex or name!~regex "
                        + "(regexes must compile).")
            }
            guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw ValidationError("--reason must say why the alerts are silenced.")
            }
            switch (duration, until) {
            case (nil, nil), (.some, .some):
                throw ValidationError("Give exactly one of --for (e.g. --for 2h) or --until (e.g. --until 2026-12-01).")
            case (let d?, nil):
                guard RuleDuration(d) != nil else {
                    throw ValidationError("--for must be a positive duration like 30m, 4h, 2d or 1w; got '\(d)'.")
                }
            case (nil, let u?):
                guard let date = ISODate.parse(u) else {
                    throw ValidationError("--until must be a date or ISO-8601 date-time; \(ISODate.problem(with: u))")
                }
                guard date > engine.now else { throw ValidationError("--until \(u) is not in the future.") }
            }
        }

        func run() async throws {
            let now = engine.now
            let end =
                duration.flatMap(RuleDuration.init).map { now.addingTimeInterval($0.timeInterval) }
                ?? until.flatMap(ISODate.parse)!
            let silence = try await engine.makeEngine().addSilence(
                matchers: matchers.compactMap(LabelMatcher.init(parsing:)), from: now, until: end, by: engine.actor,
                reason: reason, at: now)
            print(
                "Silence \(silence.id) added until \(AlertTextRenderer.timestamp(end)): "
                    + silence.matchers.map(\.description).joined(separator: " "))
        }
    }

    /// `pulse silence list`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List silences in force (or all with --all).")
        @OptionGroup var engine: EngineOptions
        @Flag(help: "Include expired silences.") var all = false
        @Flag(help: "Print JSON instead of a table.") var json = false

        func run() async throws {
            let store = try engine.store.openStore()
            let now = engine.now
            let silences = try await store.silences(tenant: Tenant.ID(engine.tenant), includeExpired: all, now: now)
            if json {
                print(try AlertJSON.encode(silences))
                return
            }
            guard !silences.isEmpty else {
                print(all ? "No silences." : "No silences in force. (`--all` includes expired ones.)")
                return
            }
            var table = DemoTextTable([
                ("id", .left), ("matchers", .left), ("from", .left), ("until", .left), ("state", .left), ("by", .left),
                ("reason", .left),
            ])
            for s in silences {
                let state = s.isActive(at: now) ? "active" : s.endsAt <= now ? "expired" : "pending"
                table.add([
                    s.id, s.matchers.map(\.description).joined(separator: " "), AlertTextRenderer.timestamp(s.startsAt),
                    AlertTextRenderer.timestamp(s.endsAt), state, s.createdBy, s.reason,
                ])
            }
            for line in table.render(indent: 0) { print(line) }
        }
    }

    /// `pulse silence expire ID`.
    struct Expire: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "End a silence now.")
        @OptionGroup var engine: EngineOptions
        @Argument(help: "The silence id (s1, s2, …).") var id: String

        func run() async throws {
            let silence = try await engine.makeEngine().expireSilence(id, by: engine.actor, at: engine.now)
            print("Silence \(silence.id) expired by \(engine.actor).")
        }
    }
}
