import Foundation

/// How reports spell numbers, dates and periods, so JSON, CSV and messages agree.
public enum ReportFormat {
    /// "2026-11-25" (UTC day) of an epoch second.
    public static func day(_ seconds: Int64) -> String { String(UTCCalendar.iso8601(seconds).prefix(10)) }
    /// "2026-11-25" (UTC day) of a date.
    public static func day(_ date: Date) -> String { day(TimeWindow.seconds(date)) }
    /// "2026-11" (UTC month) of an epoch second.
    public static func month(_ seconds: Int64) -> String { String(UTCCalendar.iso8601(seconds).prefix(7)) }
    /// "2026-W48" (ISO week) of an epoch second.
    public static func isoWeek(_ seconds: Int64) -> String {
        let w = UTCCalendar.isoWeek(seconds)
        return "\(w.year)-W\(w.week < 10 ? "0" : "")\(w.week)"
    }

    /// A rate 0–1 with four decimals ("0.3333"), empty when nil.
    public static func rate(_ value: Double?) -> String {
        guard let value else { return "" }
        return String(format: "%.4f", value)
    }

    /// A rate as a whole percentage ("33%"), "n/a" when nil.
    public static func percent(_ value: Double?) -> String {
        guard let value else { return "n/a" }
        return "\(Int((value * 100).rounded()))%"
    }

    /// A number with two decimals ("12.50").
    public static func decimal(_ value: Double) -> String { String(format: "%.2f", value) }

    /// Cents as dollars with two decimals and no grouping ("1234.50"), empty when nil (CSV).
    public static func cents(_ value: Int64?) -> String {
        guard let value else { return "" }
        let sign = value < 0 ? "-" : ""
        let magnitude = value.magnitude
        let rest = magnitude % 100
        return "\(sign)\(magnitude / 100).\(rest < 10 ? "0" : "")\(rest)"
    }

    /// Cents as a short money amount for messages: "$950", "$12.5K", "$1.2M".
    public static func money(_ cents: Int64) -> String {
        let dollars = Double(cents) / 100
        let sign = dollars < 0 ? "-" : ""
        let v = abs(dollars)
        if v >= 1_000_000 { return "\(sign)$\(trimmed(v / 1_000_000))M" }
        if v >= 1000 { return "\(sign)$\(trimmed(v / 1000))K" }
        return "\(sign)$\(Int(v.rounded()))"
    }

    private static func trimmed(_ v: Double) -> String {
        let s = String(format: "%.1f", v)
        return s.hasSuffix(".0") ? String(s.dropLast(2)) : s
    }

    /// Week-over-week change: "↑12%", "↓18%", "→0%", or "new" when there was nothing before.
    public static func change(current: Double, previous: Double) -> String {
        guard previous != 0 else { return current == 0 ? "→0%" : "new" }
        let pct = Int(((current - previous) / previous * 100).rounded())
        return pct > 0 ? "↑\(pct)%" : pct < 0 ? "↓\(-pct)%" : "→0%"
    }
}
