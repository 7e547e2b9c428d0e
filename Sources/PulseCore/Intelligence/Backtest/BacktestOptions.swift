import Foundation

/// What a backtest replays: the days from `from` to `to` (both included, midnight UTC) every `stepDays`, and how
/// long after an alert an outcome still counts (`horizonDays`).
public struct BacktestOptions: Hashable, Sendable, Codable {
    public var from: Date
    public var to: Date
    public var stepDays: Int
    public var horizonDays: Int

    /// Checks the range and the durations (whole days, at least one); dates are moved to midnight UTC.
    public init(from: Date, to: Date, step: RuleDuration = .days(1), horizon: RuleDuration = .days(90)) throws {
        let start = Self.midnight(from)
        let end = Self.midnight(to)
        guard start <= end else {
            throw BacktestError.rangeReversed(from: Self.dayText(start), to: Self.dayText(end))
        }
        guard step.seconds % Days.seconds == 0, step.seconds >= Days.seconds else {
            throw BacktestError.badStep(step.description)
        }
        guard horizon.seconds % Days.seconds == 0, horizon.seconds >= Days.seconds else {
            throw BacktestError.badHorizon(horizon.description)
        }
        self.from = start
        self.to = end
        self.stepDays = Int(step.seconds / Days.seconds)
        self.horizonDays = Int(horizon.seconds / Days.seconds)
    }

    /// Midnight UTC of every replayed day, in order.
    public var days: [Date] {
        stride(from: from.timeIntervalSince1970, through: to.timeIntervalSince1970, by: Double(stepDays * 86_400))
            .map { Date(timeIntervalSince1970: $0) }
    }

    /// Calendar days in the range, both ends included.
    public var rangeDays: Int { Days.between(from, to) + 1 }

    /// Weeks in the range (days ÷ 7), for alerts per owner per week.
    public var weeks: Double { Double(rangeDays) / 7 }

    /// "2017-03-01" for a date (UTC).
    public static func dayText(_ date: Date) -> String { String(ISODate.format(date).prefix(10)) }

    static func midnight(_ date: Date) -> Date {
        Date(timeIntervalSince1970: TimeInterval(OutcomeLedger.day(date) * Days.seconds))
    }
}
