import Foundation

/// A length of time written in rules as `30m`, `24h`, `14d` or `2w` (whole units only).
public struct RuleDuration: Hashable, Sendable, Codable, CustomStringConvertible, Comparable {
    /// Length in seconds; always > 0 for a parsed duration.
    public var seconds: Int64

    public init(seconds: Int64) { self.seconds = seconds }

    public static func minutes(_ n: Int64) -> RuleDuration { .init(seconds: n * 60) }
    public static func hours(_ n: Int64) -> RuleDuration { .init(seconds: n * 3600) }
    public static func days(_ n: Int64) -> RuleDuration { .init(seconds: n * 86_400) }

    public var timeInterval: TimeInterval { TimeInterval(seconds) }

    /// Parses `45s`, `30m`, `24h`, `14d`, `2w`; nil when the text is not one of these or not positive.
    public init?(_ text: String) {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard let unit = t.last, let n = Int64(t.dropLast()), n > 0 else { return nil }
        let factor: Int64
        switch unit {
        case "s": factor = 1
        case "m": factor = 60
        case "h": factor = 3600
        case "d": factor = 86_400
        case "w": factor = 7 * 86_400
        default: return nil
        }
        self.seconds = n * factor
    }

    public var description: String {
        for (unit, factor) in [("w", Int64(604_800)), ("d", 86_400), ("h", 3600), ("m", 60)]
        where seconds % factor == 0 {
            return "\(seconds / factor)\(unit)"
        }
        return "\(seconds)s"
    }

    public static func < (lhs: RuleDuration, rhs: RuleDuration) -> Bool { lhs.seconds < rhs.seconds }
}
