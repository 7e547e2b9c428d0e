import ArgumentParser
import Foundation
import PulseStore

/// The `--db PATH` option every command that reads or writes data shares (`@OptionGroup var store: StoreOptions`).
///
/// Without `--db`, the path is `$PULSE_DB`, else `$PULSE_DATA_DIR/pulse.sqlite`, else
/// `$XDG_DATA_HOME/pulse/pulse.sqlite`, else `~/.local/share/pulse/pulse.sqlite` (docs/operations.md).
struct StoreOptions: ParsableArguments {
    @Option(
        name: .customLong("db"),
        help: ArgumentHelp(
            "The SQLite database file (created if missing).",
            discussion: "Default: $PULSE_DB, else $PULSE_DATA_DIR/pulse.sqlite, else "
                + "$XDG_DATA_HOME/pulse/pulse.sqlite, else ~/.local/share/pulse/pulse.sqlite.",
            valueName: "path"))
    var db: String?

    init() {}

    /// The database path these options select, given the process environment.
    func resolvedPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        if let db, !db.isEmpty { return Self.expandingTilde(db, home: home) }
        return Self.defaultPath(environment: environment, home: home)
    }

    /// The default database path: `$PULSE_DB`, `$PULSE_DATA_DIR`, `$XDG_DATA_HOME`, then `~/.local/share`.
    static func defaultPath(environment: [String: String], home: String) -> String {
        func value(_ name: String) -> String? {
            guard let value = environment[name], !value.isEmpty else { return nil }
            return expandingTilde(value, home: home)
        }
        if let path = value("PULSE_DB") { return path }
        if let folder = value("PULSE_DATA_DIR") { return joined(folder, "pulse.sqlite") }
        if let folder = value("XDG_DATA_HOME") { return joined(folder, "pulse/pulse.sqlite") }
        return joined(home, ".local/share/pulse/pulse.sqlite")
    }

    /// Opens (creating and migrating if needed) the selected database.
    func openStore() throws -> SQLiteStore {
        try SQLiteStore(path: resolvedPath())
    }

    private static func expandingTilde(_ path: String, home: String) -> String {
        if path == "~" { return home }
        if path.hasPrefix("~/") { return joined(home, String(path.dropFirst(2))) }
        return path
    }

    private static func joined(_ folder: String, _ name: String) -> String {
        folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }
}
