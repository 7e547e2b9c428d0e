import ArgumentParser
import Foundation
import PulseCore
import PulseEngine

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `pulse ingest FILE…`: loads NDJSON events and CSV exports into the store as one batch, through the gates.
struct IngestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Load NDJSON events or CSV exports into the store as one batch, through the data-quality gates.",
        discussion: """
            NDJSON files hold one event per line (docs/events.md). CSV files are read with a column mapping \
            (docs/mappings.md): --mapping names a built-in one or a YAML file; without it Pulse picks the \
            built-in mapping whose columns the header has. Rows that fail a gate are quarantined; when more \
            than --max-failure-rate of all rows fail, nothing is written.
            """
    )

    @Argument(help: "NDJSON or CSV files; all of them form one batch.")
    var files: [String] = []

    @Option(help: "Built-in mapping name, 'ndjson', or a YAML mapping file (default: detect).")
    var mapping: String?

    @OptionGroup var store: StoreOptions

    @Option(help: "Tenant for rows and events that do not name one.")
    var tenant: String = Tenant.defaultID.rawValue

    @Option(help: "Abort and write nothing when more than this share of rows fails the gates (0–1).")
    var maxFailureRate: Double = 0.10

    @Flag(help: "List the built-in mappings and the columns that select them.")
    var listMappings = false

    @Flag(
        inversion: .prefixedNo,
        help: "Re-evaluate the alert rules for the entities the run changed (and every team/segment/tenant rule).")
    var evaluate = true

    @Option(
        help: ArgumentHelp(
            "Rule folder loaded on top of the built-in pack (default: $PULSE_RULES_DIR).", valueName: "dir"))
    var rules: String?

    @Option(
        help: ArgumentHelp(
            "Evaluate the rules as of this time (YYYY-MM-DD or ISO-8601, UTC); default: now.", valueName: "time"))
    var at: String?

    func validate() throws {
        guard (0...1).contains(maxFailureRate) else {
            throw ValidationError(
                "--max-failure-rate must be between 0 and 1, e.g. 0.1 for 10%; got \(maxFailureRate).")
        }
        if let at, ISODate.parse(at) == nil {
            throw ValidationError(
                "--at must be a date (YYYY-MM-DD) or an ISO-8601 date-time; \(ISODate.problem(with: at))")
        }
        if files.isEmpty && !listMappings {
            throw ValidationError("Give at least one NDJSON or CSV file, e.g. `pulse ingest deals.ndjson`.")
        }
    }

    func run() async throws {
        if listMappings {
            for mapping in try MappingLibrary.builtIn() {
                let target = mapping.entity?.rawValue ?? "skipped"
                print("\(mapping.name)  →  \(target)  [\(mapping.matchColumns.joined(separator: ", "))]")
            }
            if files.isEmpty { return }
        }
        let database = try store.openStore()
        let touched = TouchedEntities()
        let options = IngestOptions(
            mapping: mapping, tenant: Tenant.ID(tenant), maxFailureRate: maxFailureRate,
            showProgress: isatty(STDERR_FILENO) == 1, touched: touched)
        let report = try await IngestRunner(store: database, options: options)
            .run(files: files.map { URL(fileURLWithPath: $0) })
        print(report.rendered)
        let changed = touched.all
        guard evaluate, !changed.isEmpty else { return }
        var engineOptions = EngineOptions()
        engineOptions.rules = rules
        let engine = AlertEngine(store: database, rules: engineOptions.loadRules(), tenant: Tenant.ID(tenant))
        let outcome = try await engine.evaluateAfterIngest(
            touched: changed, at: at.flatMap(ISODate.parse) ?? Date())
        print("")
        print(EvaluationReport.lines(outcome).joined(separator: "\n"))
    }
}
