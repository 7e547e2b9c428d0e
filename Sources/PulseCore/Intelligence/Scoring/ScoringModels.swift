/// The trained models rule evaluation scores with: the churn model behind `account.churn_probability` and
/// `account.churn_reasons`, the win model behind `deal.win_probability` (and DQS). Either may be absent.
public struct ScoringModels: Hashable, Sendable {
    public var churn: TrainedModel?
    public var win: TrainedModel?

    public init(churn: TrainedModel? = nil, win: TrainedModel? = nil) {
        self.churn = churn
        self.win = win
    }

    /// True when no model is loaded.
    public var isEmpty: Bool { churn == nil && win == nil }
}
