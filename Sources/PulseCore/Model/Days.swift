import Foundation

/// Whole-day arithmetic used by every metric: floor((t2 − t1) / 86,400 s), as pandas' `.dt.days`.
public enum Days {
    /// Seconds in a day.
    public static let seconds: Int64 = 86_400

    /// Whole days from `start` to `end`, rounded towards minus infinity.
    public static func between(_ start: Date, _ end: Date) -> Int {
        let delta = Int64((end.timeIntervalSince1970 - start.timeIntervalSince1970).rounded(.down))
        return Int(floorDiv(delta, seconds))
    }

    /// Floor division for possibly negative numerators.
    @inlinable public static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }
}
