import Foundation

/// A value an evaluation found (a metric, a count, a phrase), typed so messages can format it.
public enum FactValue: Hashable, Sendable, Codable, CustomStringConvertible {
    /// A plain number with its unit.
    case number(Double, FactUnit)
    /// Money in cents.
    case money(Int64)
    case text(String)
    case date(Date)

    /// The number behind the value (money as cents, dates as Unix seconds); nil for text.
    public var number: Double? {
        switch self {
        case .number(let v, _): v
        case .money(let c): Double(c)
        case .date(let d): d.timeIntervalSince1970
        case .text: nil
        }
    }

    /// Human formatting: "$45K", "38%", "21", "0.048", "2026-11-25".
    public var description: String {
        switch self {
        case .number(let v, let unit): unit.format(v)
        case .money(let c): MoneyFormat.short(cents: c)
        case .text(let t): t
        case .date(let d): String(UTCCalendar.iso8601(Int64(d.timeIntervalSince1970.rounded(.down))).prefix(10))
        }
    }
}

/// The unit of a numeric fact, which decides how it prints.
public enum FactUnit: String, Hashable, Sendable, Codable, CaseIterable {
    /// Whole things: deals, calls, tickets ("12").
    case count
    /// Days ("21").
    case days
    /// Hours ("4.2").
    case hours
    /// Minutes ("35").
    case minutes
    /// A fraction 0–1 shown as a percentage ("38%").
    case fraction
    /// A change already in percent ("+24%", "−40%").
    case percentChange
    /// A change of a fraction in percentage points ("−6.1 pts" for 0.382 vs 0.443).
    case points
    /// A score or index ("0.048", "72").
    case score
    /// A multiple ("1.34x").
    case ratio

    /// Formats `value` in this unit.
    public func format(_ value: Double) -> String {
        func trimmed(_ v: Double, _ digits: Int) -> String {
            var s = String(format: "%.\(digits)f", v)
            if s.contains(".") {
                while s.hasSuffix("0") { s.removeLast() }
                if s.hasSuffix(".") { s.removeLast() }
            }
            return s
        }
        switch self {
        case .count, .days, .minutes: return trimmed(value.rounded(), 0)
        case .hours: return trimmed(value, 1)
        case .fraction: return trimmed(value * 100, 1) + "%"
        case .percentChange: return (value > 0 ? "+" : value < 0 ? "−" : "") + trimmed(abs(value), 1) + "%"
        case .points: return (value > 0 ? "+" : value < 0 ? "−" : "") + trimmed(abs(value) * 100, 1) + " pts"
        case .score: return abs(value) < 1 ? trimmed(value, 3) : trimmed(value, 1)
        case .ratio: return trimmed(value, 2) + "x"
        }
    }
}
