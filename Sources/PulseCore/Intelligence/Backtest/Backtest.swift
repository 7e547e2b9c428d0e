import Foundation

/// Runs a whole backtest: replays the rules in shadow mode over the range, joins the episodes with the
/// outcomes in the final records and scores every rule (docs/intelligence.md "Backtesting").
public enum Backtest {
    /// Throws `BacktestError.noData` / `.noRules` when there is nothing to replay; `progress(done, total)` is
    /// called after each replayed day.
    public static func run(
        _ records: BacktestRecords, rules: [Rule], options: BacktestOptions,
        progress: (Int, Int) -> Void = { _, _ in }
    ) throws -> BacktestReport {
        guard !records.isEmpty else { throw BacktestError.noData(tenant: records.tenant.id.rawValue) }
        let replay = ShadowReplay(rules: rules)
        guard !replay.evaluator.rules.isEmpty else { throw BacktestError.noRules }
        let dataEnd = records.latestDate
        let ledger = OutcomeLedger(records, dataEnd: dataEnd)
        let result = replay.run(records, options: options, progress: progress)
        return BacktestScorer.score(result, ledger: ledger, options: options, dataEnd: dataEnd)
    }
}
