import Foundation

/// Which way a change must go to count: a drop, a spike, or either.
public enum AnomalyDirection: String, Hashable, Sendable, Codable, CaseIterable {
    case drop, spike, both

    /// Whether a signed score (negative: below expected) goes this way.
    func admits(_ score: Double) -> Bool {
        switch self {
        case .drop: score < 0
        case .spike: score > 0
        case .both: true
        }
    }
}

/// How readily a detector fires: a robust-z threshold and a significance level per setting.
public enum AnomalySensitivity: String, Hashable, Sendable, Codable, CaseIterable {
    case low, medium, high

    /// |score| at or above which a point is anomalous (robust z-score, or EWMA standard scores).
    public var zThreshold: Double {
        switch self {
        case .low: 4.5
        case .medium: 3.5
        case .high: 2.5
        }
    }

    /// Significance level for tests (generalized ESD, two-proportion test).
    public var alpha: Double {
        switch self {
        case .low: 0.001
        case .medium: 0.01
        case .high: 0.05
        }
    }
}

/// One detected anomaly: where, what was seen, what was expected and how far off (signed score).
public struct Anomaly: Hashable, Sendable, Codable {
    /// Position in the series.
    public var index: Int
    public var at: Date?
    public var value: Double
    public var expected: Double
    /// Signed standardised distance from expected: negative for a drop, positive for a spike.
    public var score: Double

    public init(index: Int, at: Date? = nil, value: Double, expected: Double, score: Double) {
        self.index = index
        self.at = at
        self.value = value
        self.expected = expected
        self.score = score
    }

    public var direction: AnomalyDirection { score < 0 ? .drop : .spike }
}

/// A series (or sample) a detector cannot work with, as a sentence naming what and where.
public struct SeriesError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Code: String, Hashable, Sendable {
        case tooShort = "too_short", constant, notFinite = "not_finite", gap, sampleTooSmall = "sample_too_small"
        case badParameter = "bad_parameter"
    }
    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}

/// The checks every detector runs on its input first.
enum SeriesCheck {
    /// Throws when `values` has fewer than `minimum` points or a NaN/infinite value (naming its position).
    static func finite(_ values: [Double], minimum: Int, what: String) throws(SeriesError) {
        guard values.count >= minimum else {
            throw SeriesError(
                .tooShort, "\(what) needs at least \(minimum) points, got \(values.count)")
        }
        if let bad = values.firstIndex(where: { !$0.isFinite }) {
            throw SeriesError(.notFinite, "\(what): point \(bad) is \(values[bad]), not a finite number")
        }
    }

    /// Throws when dates are not evenly spaced by `step` seconds (a gap or a repeat), naming the first place.
    static func regular(_ dates: [Date], step: TimeInterval, what: String) throws(SeriesError) {
        for index in dates.indices.dropFirst() {
            let delta = dates[index].timeIntervalSince(dates[index - 1])
            guard abs(delta - step) < 1 else {
                throw SeriesError(
                    .gap,
                    "\(what): point \(index) is \(Int(delta)) s after the previous one, expected \(Int(step)) s; "
                        + "fill missing periods (with 0 for counts) before detecting")
            }
        }
    }
}
