import PulseCore
import PulseDelivery

/// One setting of `pulse.yaml`: its dotted path, what it means, its default, and how it lands in
/// `PulseConfiguration`. The table is the single source of the loader, the environment names and `pulse init`.
struct ConfigurationKey: Sendable {
    /// The kind of value a key takes.
    enum Kind: Sendable {
        case string, integer, number, boolean
    }

    /// Dotted path in the YAML file ("channels.email.host").
    let path: String
    let kind: Kind
    /// One line for the commented default file.
    let help: String
    /// The default as written in the commented default file (nil: left empty / commented out).
    let example: String?
    /// Applies a validated value to the configuration.
    let apply: @Sendable (inout PulseConfiguration, ConfigurationValue) -> Void

    /// The environment variable that overrides this key: `PULSE_` + the path in capitals with `_` for dots.
    var environmentName: String {
        "PULSE_" + path.uppercased().replacingOccurrences(of: ".", with: "_")
    }
}

/// A parsed setting value.
enum ConfigurationValue: Sendable {
    case string(String)
    case integer(Int)
    case number(Double)
    case boolean(Bool)

    var string: String {
        switch self {
        case .string(let value): value
        case .integer(let value): String(value)
        case .number(let value): String(value)
        case .boolean(let value): String(value)
        }
    }
    var integer: Int {
        if case .integer(let value) = self { return value }
        return 0
    }
    var number: Double {
        switch self {
        case .number(let value): value
        case .integer(let value): Double(value)
        default: 0
        }
    }
    var boolean: Bool {
        if case .boolean(let value) = self { return value }
        return false
    }
}
