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
}
