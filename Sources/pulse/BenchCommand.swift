import ArgumentParser

/// `pulse bench`: performance benchmarks whose figures go to docs/benchmarks.md (never timed unit tests).
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure ingest and metric performance; figures belong in docs/benchmarks.md.",
        subcommands: [BenchIngest.self, BenchMetricsCommand.self, BenchEvaluate.self, BenchChurn.self]
    )
}
