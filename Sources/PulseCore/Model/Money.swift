/// An amount of money in integer minor units (cents) with its ISO 4217 currency code.
public struct Money: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    /// Minor units (cents for USD/EUR).
    public var cents: Int64
    /// ISO 4217 code, upper case ("USD").
    public var currency: String

    public init(cents: Int64, currency: String = "USD") {
        self.cents = cents
        self.currency = currency
    }

    /// Whole units as a `Double`, for ratios and display only; never for storage.
    public var units: Double { Double(cents) / 100 }

    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.cents < rhs.cents }

    public var description: String { MoneyFormat.short(cents: cents, currency: currency) }
}

/// Formats money for terminal and alert text ("$45K", "$1.2M", "$980").
public enum MoneyFormat {
    /// A compact human form: "$45K", "$1.2M", "€980".
    public static func short(cents: Int64, currency: String = "USD") -> String {
        let symbol =
            switch currency {
            case "USD": "$"
            case "EUR": "€"
            case "GBP": "£"
            default: currency + " "
            }
        let units = Double(cents) / 100
        let sign = units < 0 ? "-" : ""
        let value = abs(units)
        if value >= 1_000_000 { return sign + symbol + trimmed(value / 1_000_000) + "M" }
        if value >= 10_000 { return sign + symbol + String(Int((value / 1_000).rounded())) + "K" }
        if value >= 1_000 { return sign + symbol + trimmed(value / 1_000) + "K" }
        return sign + symbol + String(Int(value.rounded()))
    }

    private static func trimmed(_ value: Double) -> String {
        let tenths = (value * 10).rounded() / 10
        return tenths == tenths.rounded() ? String(Int(tenths)) : String(tenths)
    }
}
