import ArgumentParser
import Foundation
import PulseCore

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

    func validate() throws {
        guard (0...1).contains(maxFailureRate) else {
            throw ValidationError(
                "--max-failure-rate must be between 0 and 1, e.g. 0.1 for 10%; got \(maxFailureRate).")
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
        let options = IngestOptions(
            mapping: mapping, tenant: Tenant.ID(tenant), maxFailureRate: maxFailureRate,
            showProgress: isatty(STDERR_FILENO) == 1)
        let report = try await IngestRunner(store: database, options: options)
            .run(files: files.map { URL(fileURLWithPath: $0) })
        print(report.rendered)
    }
}
