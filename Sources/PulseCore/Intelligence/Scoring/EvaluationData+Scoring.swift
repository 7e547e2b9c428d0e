import Foundation

extension EvaluationData {
    /// How many of the churn model's reasons `account.churn_reasons` lists.
    static let churnReasonCount = 3

    /// Churn model probability of an account that has not churned, from its features at `now`; nil without a
    /// churn model.
    func churnProbability(_ account: Account, now: Date) -> Double? {
        guard !account.churned, let model = models.churn else { return nil }
        return model.probability(ChurnFeatures.row(account, in: self, at: now))
    }

    /// The churn model's top reasons for an account, in plain words joined with "; "; nil without a model, for a
    /// churned account, or when no feature pushes toward churn.
    func churnReasons(_ account: Account, now: Date) -> String? {
        guard !account.churned, let model = models.churn else { return nil }
        let reasons = model.reasons(ChurnFeatures.row(account, in: self, at: now), top: Self.churnReasonCount)
        guard !reasons.isEmpty else { return nil }
        return reasons.map(\.text).joined(separator: "; ")
    }

    /// Win model probability of an open main-pipeline deal from its features at `now` (win rates as of the last
    /// statistics refresh); nil without a win model, for a closed deal or a partner sublist.
    func winProbability(_ deal: Deal, now: Date) -> Double? {
        guard let model = models.win, deal.parent == nil, closedCategory(deal) == .open else { return nil }
        let history = statistics.winHistory.history {
            // A copy without the statistics, so the cache does not hold the data that holds the cache.
            var plain = self
            plain.statistics = .empty
            var history = WinHistory(data: plain)
            history.advance(to: statistics.now)
            return history
        }
        return model.probability(WinFeatureContext.row(deal, data: self, history: history, at: now))
    }
}
