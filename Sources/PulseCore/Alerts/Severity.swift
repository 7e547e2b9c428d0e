import Foundation

/// Pulse's one severity scale. Every document's vocabulary (critical / important / opportunity / performance,
/// P1–P3, urgent / high / medium) maps onto it, and each level carries its response SLA.
public enum Severity: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
    /// Immediate action: acknowledge within 4 hours, handled in < 24 h. Escalates.
    case critical
    /// Same-day response: acknowledge within 12 hours. Escalates.
    case high
    /// 48-hour response with an action plan. Escalates.
    case medium
    /// Daily monitoring: reviewed in the daily digest; never escalates.
    case low

    /// Ordering rank, most urgent first (critical = 0).
    public var rank: Int {
        switch self {
        case .critical: 0
        case .high: 1
        case .medium: 2
        case .low: 3
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank > rhs.rank }

    /// How long an alert may stay unacknowledged before it escalates one level; nil = never escalates.
    public var responseSLA: TimeInterval? {
        switch self {
        case .critical: 4 * 3600
        case .high: 12 * 3600
        case .medium: 48 * 3600
        case .low: nil
        }
    }

    /// The response the SLA stands for, in the documents' words.
    public var responseLabel: String {
        switch self {
        case .critical: "immediate (< 24 h)"
        case .high: "same day"
        case .medium: "48 h"
        case .low: "daily monitoring"
        }
    }

    /// Marker shown in terminal output and messages (pulse-reports.md's category colours).
    public var emoji: String {
        switch self {
        case .critical: "🔴"
        case .high: "🟠"
        case .medium: "🟢"
        case .low: "📊"
        }
    }

    /// Every word the specification uses for a level, lower-cased, mapped to the scale.
    public static let vocabulary: [String: Severity] = [
        "critical": .critical, "p1": .critical, "urgent": .critical, "immediate": .critical,
        "high": .high, "important": .high, "p2": .high, "same_day": .high, "same-day": .high,
        "medium": .medium, "opportunity": .medium, "48h": .medium,
        "low": .low, "performance": .low, "p3": .low, "info": .low, "daily": .low,
    ]

    /// Parses any vocabulary word ("P1", "Important", "urgent"), case-insensitively.
    public init?(word: String) {
        guard let level = Severity.vocabulary[word.lowercased().trimmingCharacters(in: .whitespaces)] else {
            return nil
        }
        self = level
    }
}
