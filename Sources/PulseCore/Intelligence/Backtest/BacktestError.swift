import Foundation

/// Why a backtest cannot run, as a sentence naming the bad value.
public enum BacktestError: Error, Hashable, Sendable, CustomStringConvertible {
    /// `from` is after `to`.
    case rangeReversed(from: String, to: String)
    /// The step is not a whole number of days (at least one).
    case badStep(String)
    /// The horizon is not a whole number of days (at least one).
    case badHorizon(String)
    /// The store holds no deals, accounts, activities or engagement for the tenant.
    case noData(tenant: String)
    /// No enabled rule to replay.
    case noRules

    public var description: String {
        switch self {
        case .rangeReversed(let from, let to):
            "--from \(from) is after --to \(to); give the earlier date first."
        case .badStep(let text):
            "--step must be a whole number of days (1d, 7d, 2w), got '\(text)'."
        case .badHorizon(let text):
            "--horizon must be a whole number of days (30d, 90d, 12w), got '\(text)'."
        case .noData(let tenant):
            "The store has no deals, accounts, activities or engagement for tenant '\(tenant)': nothing to replay. "
                + "Load data first (`pulse ingest` or `pulse demo`)."
        case .noRules:
            "No enabled rule to replay (every rule is disabled, or --no-builtin without --rules)."
        }
    }
}
