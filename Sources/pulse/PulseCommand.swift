import ArgumentParser
import Foundation

/// The `pulse` command-line tool: the root command that lists every subcommand.
@main
struct PulseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pulse",
        abstract: "Sales and customer intelligence alerts, self-hosted.",
        subcommands: [
            IngestCommand.self, DemoCommand.self, EvaluateCommand.self, AlertsCommand.self, SilenceCommand.self,
            RulesCommand.self, QuarantineCommand.self, BenchCommand.self, InitCommand.self, ReportCommand.self,
            UsersCommand.self, TokensCommand.self, ServeCommand.self, OutboxCommand.self, AnomaliesCommand.self,
            ModelCommand.self, SegmentsCommand.self, BacktestCommand.self,
        ]
    )
}
