import ArgumentParser
import Foundation
import PulseCore

/// `pulse demo`: generates a realistic data set, ingests it through the same path as `pulse ingest` and prints a
/// summary (KPIs with traffic lights, pipeline health, lowest-momentum deals, BDR leaderboard, customer health).
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Generate a realistic demo data set, ingest it and print a summary.",
        discussion: """
            With no options it generates 150 BDR leads (90 days back, 30 days forward) with their partner \
            sublists, 300 B2B opportunities and 200 customer accounts, ingests them into a temporary database \
            (deleted afterwards; --db PATH keeps it) and prints the summary. The same --seed and --now always \
            give the same data. --export DIR writes the data as events.ndjson and CSV files instead.
            """)

    @Option(help: "Random seed; the same seed and --now always give the same data.")
    var seed: UInt64 = 42

    @Option(help: "Main BDR leads; each brings a partner sublist of 3–20 (150 leads ≈ 1,500 pipeline items).")
    var leads: Int = 150

    @Option(help: "Customer accounts with engagement, support tickets and churn.")
    var accounts: Int = 200

    @Option(help: "Reference day, YYYY-MM-DD (UTC midnight); defaults to today.")
    var now: String?

    @Option(help: "Keep the database in this SQLite file instead of a temporary one.")
    var db: String?

    @Option(help: "Write the data to this folder as events.ndjson and CSV files instead of ingesting it.")
    var export: String?

    @Option(help: "Rows in each summary table.")
    var top: Int = 5

    @Flag(
        inversion: .prefixedNo,
        help: "Run the built-in alert rules over the data and list the alerts they raise (slow at large --leads).")
    var alerts = true

    func validate() throws {
        try DemoOptions.validate(leads: leads, accounts: accounts, now: now)
        guard (1...100).contains(top) else { throw ValidationError("--top must be between 1 and 100, got \(top).") }
        if db != nil, export != nil {
            throw ValidationError("--db and --export do not go together: --export writes files and no database.")
        }
    }

    /// The generator parameters the options describe (`today` stands for the current UTC day).
    func parameters(today: Date = Date()) -> DemoParameters {
        let reference = now.flatMap(DemoOptions.parseDay) ?? DemoOptions.startOfDay(today)
        return DemoParameters(seed: seed, now: reference, leads: leads, accounts: accounts)
    }

    func run() async throws {
        let parameters = parameters()
        if let export {
            let directory = URL(fileURLWithPath: export)
            let started = ContinuousClock.now
            let encoder = EventEncoder()
            let files = try DemoExporter(directory: directory, encode: { try encoder.line(for: $0) })
                .export(DemoGenerator(parameters: parameters).events)
            print(DemoRunner.exportReport(files, parameters: parameters, elapsed: ContinuousClock.now - started))
            return
        }
        var runner = DemoRunner(parameters: parameters, databasePath: db, top: top)
        runner.showProgress = isatty(STDERR_FILENO) != 0
        runner.raisesAlerts = alerts
        let outcome = try await runner.run()
        let renderer = DemoSummaryRenderer(colour: isatty(STDOUT_FILENO) != 0)
        print(renderer.render(outcome.summary), terminator: "")
    }
}
