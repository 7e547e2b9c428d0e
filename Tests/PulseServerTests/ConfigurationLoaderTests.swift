import Foundation
import PulseCore
import PulseDelivery
import Testing

@testable import PulseServer

/// A `pulse.yaml` written to a temporary file for one test.
private func withConfigurationFile(_ text: String, _ body: (String) throws -> Void) throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("pulse-\(UUID().uuidString).yaml").path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: path) }
    try body(path)
}

@Suite("Configuration loader")
struct ConfigurationLoaderTests {
    @Test func theCommentedDefaultFileLoadsToTheDefaults() throws {
        try withConfigurationFile(DefaultConfigurationFile.text) { path in
            let loaded = try ConfigurationLoader.load(file: path, environment: [:])
            #expect(loaded == PulseConfiguration())
        }
    }

    @Test func theDefaultFileMentionsEveryKeyAndItsEnvironmentVariable() {
        let text = DefaultConfigurationFile.text
        for key in ConfigurationKey.all {
            #expect(text.contains(key.path.split(separator: ".").last! + ":"), "\(key.path)")
            #expect(text.contains(key.environmentName), "\(key.path)")
        }
    }

    @Test func fileThenEnvironmentThenFlagsEachOverrideTheEarlier() throws {
        let yaml = """
            server:
              port: 9000
              host: 0.0.0.0
            channels:
              slack:
                webhook_url: http://127.0.0.1:9/slack
              email:
                host: smtp.example.com
                from: pulse@example.com
                starttls: no
            outbox:
              max_attempts: 3
            """
        try withConfigurationFile(yaml) { path in
            let loaded = try ConfigurationLoader.load(
                file: path, environment: ["PULSE_SERVER_PORT": "9100", "PULSE_OUTBOX_MAX_ATTEMPTS": "4"],
                flags: ["server.port": "9200"])
            #expect(loaded.port == 9200)
            #expect(loaded.host == "0.0.0.0")
            #expect(loaded.outbox.maxAttempts == 4)
            #expect(loaded.channels.slack?.webhookURL == "http://127.0.0.1:9/slack")
            #expect(
                loaded.channels.email
                    == EmailSettings(host: "smtp.example.com", port: 587, startTLS: false, from: "pulse@example.com"))
        }
    }

    @Test func anUnknownKeyIsNamedWithItsLineAndTheNearestKnownKey() throws {
        try withConfigurationFile("server:\n  prot: 9000\n") { path in
            let error = #expect(throws: ConfigurationError.self) {
                try ConfigurationLoader.load(file: path, environment: [:])
            }
            #expect(error?.message.contains("\(path):2:3") == true)
            #expect(error?.message.contains("'server.prot'") == true)
            #expect(error?.message.contains("did you mean 'server.port'?") == true)
        }
    }

    @Test(arguments: [
        ("server:\n  port: eighty\n", "'server.port' must be a whole number, got 'eighty'"),
        ("rules:\n  built_in: maybe\n", "'rules.built_in' must be true or false"),
        ("server: 8080\n", "'server' is a section"),
        ("channels:\n  email:\n    host: smtp.example.com\n", "channels.email.from is required"),
        ("server:\n  port: 70000\n", "server.port must be between 1 and 65535"),
        ("log_level: loud\n", "log_level must be one of"),
        ("server: [1, 2]\n", "'server' is a section"),
    ])
    func badValuesAreRefusedWithASentence(yaml: String, expected: String) throws {
        try withConfigurationFile(yaml) { path in
            let error = #expect(throws: ConfigurationError.self) {
                try ConfigurationLoader.load(file: path, environment: [:])
            }
            #expect(error?.message.contains(expected) == true, "\(error?.message ?? "")")
        }
    }

    @Test func aBadEnvironmentValueNamesTheVariable() {
        let error = #expect(throws: ConfigurationError.self) {
            try ConfigurationLoader.load(file: nil, environment: ["PULSE_SERVER_PORT": "x"])
        }
        #expect(error?.message.contains("environment variable PULSE_SERVER_PORT") == true)
    }

    @Test func theOlderDatabaseVariableStillSelectsTheStore() throws {
        let loaded = try ConfigurationLoader.load(file: nil, environment: ["PULSE_DB": "/tmp/x.sqlite"])
        #expect(loaded.databasePath == "/tmp/x.sqlite")
    }

    @Test func aMissingExplicitFileIsAnError() {
        let error = #expect(throws: ConfigurationError.self) {
            try ConfigurationLoader.load(file: "/nonexistent/pulse.yaml", environment: [:])
        }
        #expect(error?.code == "missing_file")
    }
}
