import Foundation

/// Something that happened to a deal or account after an alert could have fired: the ground truth a backtest
/// scores alerts against.
public struct BacktestOutcome: Hashable, Sendable, Codable {
    public var kind: Kind
    /// The deal or account it happened to.
    public var entity: EntityRef
    /// When it happened (a slipped deal: the end of the expected close day).
    public var date: Date
    /// For a deal: its account, so that account rules are scored on their deals' outcomes too.
    public var account: Account.ID?

    public init(kind: Kind, entity: EntityRef, date: Date, account: Account.ID? = nil) {
        self.kind = kind
        self.entity = entity
        self.date = date
        self.account = account
    }

    /// The outcomes a backtest knows; `lost`, `slipped` and `churned` are bad, `won` and `expanded` good.
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        case won, lost, slipped, churned, expanded

        /// True for the outcomes risk alerts try to predict.
        public var isBad: Bool {
            switch self {
            case .lost, .slipped, .churned: true
            case .won, .expanded: false
            }
        }
    }
}
