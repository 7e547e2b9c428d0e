import Foundation

/// One model input: its stable name and how a reason about its value is said in plain words.
public struct FeatureDescriptor: Codable, Hashable, Sendable {
    /// Stable machine name (`logins_change_30d`, `contract=Month-to-month`); part of the model's feature schema.
    public var name: String
    public var phrase: ReasonPhrase

    public init(_ name: String, _ phrase: ReasonPhrase) {
        self.name = name
        self.phrase = phrase
    }
}

/// How a feature's value reads in an explanation ("logins down 62% over 30 days", "month-to-month contract").
public enum ReasonPhrase: Codable, Hashable, Sendable {
    /// A 0/1 indicator: `set` when the value is 1, `unset` when 0 ("month-to-month contract" / "not on a
    /// month-to-month contract").
    case flag(set: String, unset: String)
    /// A fractional change (−0.62 is down 62 %): "`noun` down 62% over `window`", "`noun` up 40% over `window`",
    /// "`noun` flat over `window`" below half a percent.
    case change(noun: String, window: String)
    /// A quantity put into `template` at `{value}` ("{value} open support tickets", "tenure {value} months"),
    /// printed with at most one decimal.
    case quantity(template: String)

    /// The words for `value`; a missing value (NaN) reads "no data for `name`".
    public func text(value: Double, name: String) -> String {
        guard !value.isNaN else { return "no data for \(name)" }
        switch self {
        case .flag(let set, let unset):
            return value >= 0.5 ? set : unset
        case .change(let noun, let window):
            let percent = Int((abs(value) * 100).rounded())
            if percent == 0 { return "\(noun) flat over \(window)" }
            return "\(noun) \(value < 0 ? "down" : "up") \(percent)% over \(window)"
        case .quantity(let template):
            let rounded = (value * 10).rounded() / 10
            let number =
                rounded == rounded.rounded() ? String(Int64(rounded)) : String(format: "%.1f", rounded)
            return template.replacingOccurrences(of: "{value}", with: number)
        }
    }
}
