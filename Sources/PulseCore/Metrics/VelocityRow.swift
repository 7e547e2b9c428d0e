import Foundation

/// One group's Pipeline Velocity Score: open deals × win rate × mean won amount ($) ÷ mean won cycle days.
public struct VelocityRow: Hashable, Sendable {
    /// Rep id, industry, quarter label ("2025Q2") or "all".
    public var key: String
    /// Open deals of the group at `now` (for quarter rows: all open deals).
    public var openDeals: Int
    public var won: Int
    public var closed: Int
    /// won ÷ closed, nil when nothing closed.
    public var winRate: Double?
    /// Mean amount of won deals in dollars (amounts in cents ÷ 100), nil without a won deal with an amount.
    public var averageWonAmount: Double?
    /// Mean whole-day cycle of won deals, nil without a won deal with both times.
    public var averageWonCycleDays: Double?

    /// Expected won dollars per day; nil when a term is unknown or the cycle mean is 0.
    public var pvs: Double? {
        guard let winRate, let averageWonAmount, let averageWonCycleDays, averageWonCycleDays != 0 else {
            return nil
        }
        return Double(openDeals) * winRate * averageWonAmount / averageWonCycleDays
    }
}
