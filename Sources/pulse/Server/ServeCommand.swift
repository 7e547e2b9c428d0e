import ArgumentParser
import Foundation
import Logging
import PulseServer

/// `pulse serve`: the HTTP API, live stream, scheduled evaluation, outbox delivery and scheduled reports in one
/// process, configured by `pulse.yaml`, `PULSE_*` variables and these flags.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run Pulse as a service: REST API, live alert stream, scheduler, outbox delivery, reports.",
        discussion: "Stops gracefully on SIGTERM or SIGINT: requests in flight finish and due messages are sent.")

    @Option(
        help: ArgumentHelp("A pulse.yaml (default: $PULSE_CONFIG, else ./pulse.yaml if present).", valueName: "file"))
    var config: String?
    @Option(help: "Address to listen on (server.host).")
    var host: String?
    @Option(help: "Port to listen on; 0 picks a free one (server.port).")
    var port: Int?
    @Option(help: ArgumentHelp("The SQLite database (store.path).", valueName: "path"))
    var db: String?
    @Option(
        help: ArgumentHelp("A folder of rule files added to the built-in pack (rules.directory).", valueName: "dir"))
    var rules: String?
    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel: String?

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        var flags: [String: String] = [:]
        flags["server.host"] = host
        flags["server.port"] = port.map(String.init)
        flags["store.path"] = db
        flags["rules.directory"] = rules
        flags["log_level"] = logLevel
        var base = PulseConfiguration()
        base.databasePath = StoreOptions.defaultPath(
            environment: environment, home: environment["HOME"] ?? NSHomeDirectory())
        let configuration: PulseConfiguration
        do {
            configuration = try ConfigurationLoader.load(
                file: config, environment: environment, flags: flags, base: base)
        } catch {
            throw ValidationError(error.message)
        }
        try FileManager.default.createDirectory(
            at: URL(fileURLWithPath: configuration.databasePath).deletingLastPathComponent(),
            withIntermediateDirectories: true)
        var logger = Logger(label: "pulse")
        logger.logLevel = Logger.Level(rawValue: configuration.logLevel) ?? .info
        let database = configuration.databasePath
        try await PulseServerRuntime.run(configuration: configuration, logger: logger) { host, port in
            FileHandle.standardOutput.write(
                Data("pulse serve: listening on http://\(host):\(port) (database \(database))\n".utf8))
        }
    }
}
