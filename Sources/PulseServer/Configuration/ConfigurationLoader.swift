import Foundation
import PulseCore
import Yams

/// Builds a `PulseConfiguration` from `pulse.yaml`, then `PULSE_*` environment variables, then flags (later wins),
/// checking every key and value and naming the file, line and column (or variable, or flag) of any mistake.
public enum ConfigurationLoader {
    /// Environment variables kept from before `pulse.yaml` existed, as aliases of keys.
    static let aliases: [String: String] = ["PULSE_DB": "store.path", "PULSE_RULES_DIR": "rules.directory"]

    /// Loads the configuration.
    /// - Parameters:
    ///   - file: a `pulse.yaml` path; nil reads `$PULSE_CONFIG` or `./pulse.yaml` when they exist, else no file.
    ///   - environment: the process environment.
    ///   - flags: dotted key → value from command-line flags (`["server.port": "9090"]`).
    ///   - base: the defaults the sources override.
    public static func load(
        file: String?, environment: [String: String], flags: [String: String] = [:],
        base: PulseConfiguration = .init()
    ) throws(ConfigurationError) -> PulseConfiguration {
        var configuration = base
        if let path = try configurationFile(explicit: file, environment: environment) {
            let text: String
            do {
                text = try String(contentsOfFile: path, encoding: .utf8)
            } catch {
                throw ConfigurationError(
                    code: "unreadable", message: "cannot read \(path): \(error.localizedDescription)")
            }
            for (key, raw, place) in try entries(yaml: text, file: path) {
                try apply(key, raw: raw, source: place, to: &configuration)
            }
        }
        for key in ConfigurationKey.all {
            if let raw = environment[key.environmentName], !raw.isEmpty {
                try apply(key, raw: raw, source: "environment variable \(key.environmentName)", to: &configuration)
            }
        }
        for (variable, path) in aliases.sorted(by: { $0.key < $1.key }) {
            let canonical = ConfigurationKey.all.first { $0.path == path }
            if let raw = environment[variable], !raw.isEmpty, let canonical,
                environment[canonical.environmentName] == nil
            {
                try apply(canonical, raw: raw, source: "environment variable \(variable)", to: &configuration)
            }
        }
        for (path, raw) in flags.sorted(by: { $0.key < $1.key }) {
            guard let key = ConfigurationKey.all.first(where: { $0.path == path }) else {
                throw ConfigurationError(code: "unknown_key", message: "unknown configuration key '\(path)'")
            }
            try apply(key, raw: raw, source: "flag for \(path)", to: &configuration)
        }
        try validate(configuration)
        return configuration
    }

    /// The file to read: the explicit one (which must exist), else `$PULSE_CONFIG`, else `./pulse.yaml` if present.
    static func configurationFile(explicit: String?, environment: [String: String]) throws(ConfigurationError)
        -> String?
    {
        if let path = explicit ?? environment["PULSE_CONFIG"].flatMap({ $0.isEmpty ? nil : $0 }) {
            guard FileManager.default.fileExists(atPath: path) else {
                throw ConfigurationError(
                    code: "missing_file",
                    message: "configuration file \(path) does not exist; `pulse init` writes a commented default")
            }
            return path
        }
        return FileManager.default.fileExists(atPath: "pulse.yaml") ? "pulse.yaml" : nil
    }

    /// The leaf settings of a YAML document: (key, raw text, "file:line:column"). Unknown keys, sequences and
    /// values where a section belongs are errors.
    static func entries(yaml: String, file: String) throws(ConfigurationError) -> [(ConfigurationKey, String, String)] {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw ConfigurationError(code: "yaml_syntax", message: "\(file): not valid YAML: \(error)")
        }
        guard let root else { return [] }
        var found: [(ConfigurationKey, String, String)] = []
        try walk(root, prefix: "", file: file, into: &found)
        return found
    }

    private static func place(_ node: Node, _ file: String) -> String {
        guard let mark = node.mark else { return file }
        return "\(file):\(mark.line):\(mark.column)"
    }

    private static func walk(
        _ node: Node, prefix: String, file: String, into found: inout [(ConfigurationKey, String, String)]
    ) throws(ConfigurationError) {
        switch node {
        case .mapping(let mapping):
            for (keyNode, value) in mapping {
                let name = keyNode.string ?? ""
                let path = prefix.isEmpty ? name : "\(prefix).\(name)"
                let isSection = ConfigurationKey.all.contains { $0.path.hasPrefix(path + ".") }
                let key = ConfigurationKey.all.first { $0.path == path }
                if key == nil, !isSection {
                    let suggestion =
                        NameSuggestion.nearest(
                            to: path, in: ConfigurationKey.all.map(\.path)
                        ).map { " — did you mean '\($0)'?" } ?? ""
                    throw ConfigurationError(
                        code: "unknown_key",
                        message: "\(place(keyNode, file)): unknown key '\(path)'\(suggestion)")
                }
                if value.null != nil || (value.string == "" && isSection) {
                    continue
                }
                if let key {
                    guard case .scalar(let scalar) = value else {
                        throw ConfigurationError(
                            code: "wrong_type", message: "\(place(value, file)): '\(path)' takes a single value")
                    }
                    found.append((key, scalar.string, place(value, file)))
                } else {
                    guard case .mapping = value else {
                        throw ConfigurationError(
                            code: "wrong_type",
                            message: "\(place(value, file)): '\(path)' is a section; put its keys under it")
                    }
                    try walk(value, prefix: path, file: file, into: &found)
                }
            }
        case .scalar where node.null != nil:
            return
        default:
            throw ConfigurationError(
                code: "wrong_type", message: "\(place(node, file)): expected a mapping of settings")
        }
    }

    /// Parses `raw` for `key` and applies it, or throws naming the source and the expected kind.
    static func apply(_ key: ConfigurationKey, raw: String, source: String, to configuration: inout PulseConfiguration)
        throws(ConfigurationError)
    {
        let text = raw.trimmingCharacters(in: .whitespaces)
        let value: ConfigurationValue
        switch key.kind {
        case .string:
            value = .string(text)
        case .integer:
            guard let number = Int(text) else {
                throw ConfigurationError(
                    code: "wrong_type", message: "\(source): '\(key.path)' must be a whole number, got '\(raw)'")
            }
            value = .integer(number)
        case .number:
            guard let number = Double(text), number.isFinite else {
                throw ConfigurationError(
                    code: "wrong_type", message: "\(source): '\(key.path)' must be a number, got '\(raw)'")
            }
            value = .number(number)
        case .boolean:
            switch text.lowercased() {
            case "true", "yes", "on", "1": value = .boolean(true)
            case "false", "no", "off", "0": value = .boolean(false)
            default:
                throw ConfigurationError(
                    code: "wrong_type", message: "\(source): '\(key.path)' must be true or false, got '\(raw)'")
            }
        }
        key.apply(&configuration, value)
    }

    /// Checks ranges and the settings that only make sense together.
    static func validate(_ configuration: PulseConfiguration) throws(ConfigurationError) {
        func fail(_ message: String) -> ConfigurationError { ConfigurationError(code: "invalid", message: message) }
        guard (1...65535).contains(configuration.port) || configuration.port == 0 else {
            throw fail("server.port must be between 1 and 65535, got \(configuration.port)")
        }
        guard configuration.maxBodyBytes >= 1024 else {
            throw fail("server.max_body_bytes must be at least 1024, got \(configuration.maxBodyBytes)")
        }
        let levels = ["trace", "debug", "info", "notice", "warning", "error", "critical"]
        guard levels.contains(configuration.logLevel) else {
            throw fail("log_level must be one of \(levels.joined(separator: ", ")), got '\(configuration.logLevel)'")
        }
        guard configuration.evaluationIntervalSeconds >= 1 else {
            throw fail("evaluation.interval_seconds must be at least 1")
        }
        let outbox = configuration.outbox
        guard outbox.maxAttempts >= 1, outbox.batchSize >= 1, outbox.pollSeconds > 0, outbox.baseDelaySeconds >= 0,
            outbox.maxDelaySeconds >= outbox.baseDelaySeconds, outbox.fallbackAfterAttempts >= 1
        else {
            throw fail(
                "outbox settings out of range: max_attempts, batch_size and fallback_after_attempts must be ≥ 1, "
                    + "poll_seconds > 0, and max_delay_seconds ≥ base_delay_seconds ≥ 0")
        }
        if let email = configuration.channels.email {
            guard !email.host.isEmpty else { throw fail("channels.email.host is required when email is configured") }
            guard !email.from.isEmpty else { throw fail("channels.email.from is required when email is configured") }
            guard (1...65535).contains(email.port) else { throw fail("channels.email.port must be 1–65535") }
        }
        if let webhook = configuration.channels.webhook {
            guard URL(string: webhook.url)?.scheme != nil, !webhook.secret.isEmpty else {
                throw fail("channels.webhook needs both a url (http or https) and a secret")
            }
        }
        if let pagerDuty = configuration.channels.pagerDuty, pagerDuty.routingKey.isEmpty {
            throw fail("channels.pagerduty.routing_key is required when PagerDuty is configured")
        }
        if let slack = configuration.channels.slack, URL(string: slack.webhookURL)?.scheme == nil {
            throw fail("channels.slack.webhook_url must be an http(s) URL, got '\(slack.webhookURL)'")
        }
    }
}
