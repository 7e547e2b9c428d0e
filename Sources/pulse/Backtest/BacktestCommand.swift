import ArgumentParser
import Foundation
import PulseCore
import PulseEngine
import PulseStore

/// `pulse backtest --from DATE --to DATE`: replays the stored history day by day with the rules in shadow mode
/// and scores each rule's alerts against what happened next (precision, recall, lead time, fatigue).
struct BacktestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backtest",
        abstract: "Replay history with the rules in shadow mode and score each rule's alert precision.",
        discussion: "Each replayed day sees only what was known by its end (docs/intelligence.md \"Backtesting\"). "
            + "An episode is a run of days a rule held for an entity; it is a hit when the entity's expected "
            + "outcome (lost/slipped/churned for risk rules, won/expanded for buying signals) followed within "
            + "--horizon. Nothing is written to the store."
    )

    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp("First day to replay (YYYY-MM-DD, UTC).", valueName: "date"))
    var from: String

    @Option(help: ArgumentHelp("Last day to replay, included (YYYY-MM-DD, UTC).", valueName: "date"))
    var to: String

    @Option(
        help: ArgumentHelp(
            "A folder of rule files loaded on top of the built-in pack (default: $PULSE_RULES_DIR).",
            valueName: "dir"))
    var rules: String?

    @Flag(help: "Leave the built-in rule pack out (replay only the --rules folder).")
    var noBuiltin = false

    @Option(help: ArgumentHelp("How long after an alert an outcome still counts (whole days).", valueName: "days"))
    var horizon: String = "90d"

    @Option(help: ArgumentHelp("Replay every this many days.", valueName: "days"))
    var step: String = "1d"

    @Option(help: ArgumentHelp("The tenant to replay.", valueName: "id"))
    var tenant: String = Tenant.defaultID.rawValue

    @Flag(help: "Print the report as JSON.") var json = false

    func validate() throws {
        for (name, text) in [("--from", from), ("--to", to)] where ISODate.parse(text) == nil {
            throw ValidationError("\(name) must be a date (YYYY-MM-DD); \(ISODate.problem(with: text))")
        }
        for (name, text) in [("--horizon", horizon), ("--step", step)] where RuleDuration(text) == nil {
            throw ValidationError("\(name) must be a number of days such as 1d, 90d or 2w, got '\(text)'.")
        }
        if let dir = rulesDirectory {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: dir.path, isDirectory: &isDirectory), isDirectory.boolValue
            else {
                throw ValidationError(
                    "The rules folder '\(dir.path)' does not exist or is not a folder (--rules / $PULSE_RULES_DIR).")
            }
        }
    }

    /// The rules folder: `--rules`, else `$PULSE_RULES_DIR`, else none.
    var rulesDirectory: URL? {
        let path = rules ?? ProcessInfo.processInfo.environment["PULSE_RULES_DIR"].flatMap { $0.isEmpty ? nil : $0 }
        return path.map { URL(fileURLWithPath: $0) }
    }

    func run() async throws {
        do {
            let options = try BacktestOptions(
                from: ISODate.parse(from)!, to: ISODate.parse(to)!, step: RuleDuration(step)!,
                horizon: RuleDuration(horizon)!)
            let ruleSet = RuleLoader.load(directory: rulesDirectory, includeBuiltIn: !noBuiltin)
            for error in ruleSet.errors { Self.stderr("warning: \(error)") }
            let clock = ContinuousClock()
            let loadStart = clock.now
            let records = try await BacktestStoreLoader.load(
                from: try store.openStore(), tenant: Tenant.ID(tenant))
            let loaded = clock.now - loadStart
            let replayStart = clock.now
            let progress = BacktestProgress(enabled: true)
            let report = try Backtest.run(records, rules: ruleSet.rules, options: options, progress: progress.report)
            let replayed = clock.now - replayStart
            if json {
                print(try AlertJSON.encode(report))
            } else {
                for line in BacktestTable.lines(report, load: loaded, replay: replayed) { print(line) }
            }
        } catch let error as BacktestError {
            throw ValidationError(error.description)
        }
    }

    static func stderr(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

/// Progress lines on standard error for long replays: one every tenth of the days (runs of 60 days or more).
final class BacktestProgress: Sendable {
    let enabled: Bool

    init(enabled: Bool) { self.enabled = enabled }

    func report(_ done: Int, _ total: Int) {
        guard enabled, total >= 60 else { return }
        let tenth = max(1, total / 10)
        if done % tenth == 0 || done == total {
            BacktestCommand.stderr("backtest: replayed \(done)/\(total) days")
        }
    }
}
