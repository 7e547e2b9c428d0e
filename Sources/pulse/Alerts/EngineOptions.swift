import ArgumentParser
import Foundation
import PulseCore
import PulseEngine
import PulseStore

/// Options every alert-engine command shares: the database, the rules folder, the tenant, the evaluation time and
/// who is acting (`@OptionGroup var engine: EngineOptions`).
struct EngineOptions: ParsableArguments {
    @OptionGroup var store: StoreOptions

    @Option(
        help: ArgumentHelp(
            "A folder of rule files loaded on top of the built-in pack (default: $PULSE_RULES_DIR).",
            valueName: "dir"))
    var rules: String?

    @Option(help: ArgumentHelp("The tenant to work on.", valueName: "id"))
    var tenant: String = Tenant.defaultID.rawValue

    @Option(
        help: ArgumentHelp(
            "Act as if it were this time (YYYY-MM-DD or an ISO-8601 date-time, UTC); default: now.",
            valueName: "time"))
    var at: String?

    @Option(
        help: ArgumentHelp("Who is acting, for the audit trail (default: $PULSE_USER, else $USER).", valueName: "name"))
    var by: String?

    init() {}

    func validate() throws {
        if let at, ISODate.parse(at) == nil {
            throw ValidationError(
                "--at must be a date (YYYY-MM-DD) or an ISO-8601 date-time; \(ISODate.problem(with: at))")
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

    /// The evaluation time: `--at`, else the wall clock.
    var now: Date { at.flatMap(ISODate.parse) ?? Date() }

    /// The acting user's name for the audit trail.
    var actor: String {
        if let by, !by.isEmpty { return by }
        let env = ProcessInfo.processInfo.environment
        return env["PULSE_USER"].flatMap { $0.isEmpty ? nil : $0 } ?? env["USER"].flatMap { $0.isEmpty ? nil : $0 }
            ?? "cli"
    }

    /// The rules folder: `--rules`, else `$PULSE_RULES_DIR`, else none (built-in pack only).
    var rulesDirectory: URL? {
        let path = rules ?? ProcessInfo.processInfo.environment["PULSE_RULES_DIR"].flatMap { $0.isEmpty ? nil : $0 }
        return path.map { URL(fileURLWithPath: $0) }
    }

    /// Loads the rules, printing every rule-file error to standard error (the other rules still load).
    func loadRules() -> [Rule] {
        let set = RuleLoader.load(directory: rulesDirectory)
        for error in set.errors { FileHandle.standardError.write(Data("warning: \(error)\n".utf8)) }
        if !set.errors.isEmpty {
            FileHandle.standardError.write(
                Data(
                    "warning: \(set.errors.count) rule error(s); those rules are not loaded. `pulse rules check` explains.\n"
                        .utf8))
        }
        return set.rules
    }

    /// An engine over the selected store with the loaded rules.
    func makeEngine() throws -> AlertEngine {
        AlertEngine(store: try store.openStore(), rules: loadRules(), tenant: Tenant.ID(tenant))
    }
}
