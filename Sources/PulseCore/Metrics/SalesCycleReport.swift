import Foundation

/// Mean sales-cycle days of won and lost deals and the Lost-Deal Velocity Ratio (lost ÷ won).
public struct SalesCycleReport: Hashable, Sendable {
    public var window: TimeWindow
    /// Mean whole days created → closed over won deals closed in the window (nil if none).
    public var averageWonDays: Double?
    /// The same over lost deals.
    public var averageLostDays: Double?

    /// LDVR = mean lost cycle ÷ mean won cycle; nil when either is unknown or the won mean is 0.
    public var lostDealVelocityRatio: Double? {
        guard let won = averageWonDays, let lost = averageLostDays, won != 0 else { return nil }
        return lost / won
    }
}

extension MetricsFrame {
    /// Cycle days = floor((closed − created) ÷ 86,400 s) for deals closed in `window` with both times known.
    public func salesCycle(in window: TimeWindow) -> SalesCycleReport {
        var wonSum: Int64 = 0
        var wonN = 0
        var lostSum: Int64 = 0
        var lostN = 0
        for i in closedRows(in: window) {
            let cat = dealCategory[i]
            let created = dealCreated[i]
            guard created != MetricsFrame.missing else { continue }
            let days = UTCCalendar.wholeDays(dealClosed[i] - created)
            if cat == MetricsFrame.won {
                wonSum += days
                wonN += 1
            } else {
                lostSum += days
                lostN += 1
            }
        }
        return SalesCycleReport(
            window: window, averageWonDays: wonN > 0 ? Double(wonSum) / Double(wonN) : nil,
            averageLostDays: lostN > 0 ? Double(lostSum) / Double(lostN) : nil)
    }
}
