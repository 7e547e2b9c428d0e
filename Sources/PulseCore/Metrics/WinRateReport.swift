import Foundation

/// Win rate over the deals closed in a window: overall, per (industry, quarter of close) and per rep.
public struct WinRateReport: Hashable, Sendable {
    /// One (industry, calendar quarter of close) pair with at least one closed deal.
    public struct SegmentPeriodRow: Hashable, Sendable {
        public var industry: String
        /// Quarter ordinal year × 4 + (quarter − 1); see `UTCCalendar.quarterLabel`.
        public var quarter: Int64
        public var count: WinRateCount
    }

    /// One rep of the roster (closed = 0 and rate nil when the rep closed nothing).
    public struct RepRow: Hashable, Sendable {
        public var rep: Rep.ID
        public var count: WinRateCount
    }

    public var window: TimeWindow
    public var overall: WinRateCount
    /// Sorted by industry (byte order), then quarter.
    public var byIndustryQuarter: [SegmentPeriodRow]
    /// In roster order (sorted by rep id).
    public var byRep: [RepRow]
}

extension MetricsFrame {
    /// Win rate = won ÷ closed over the deals whose close time is in `window`.
    public func winRate(in window: TimeWindow) -> WinRateReport {
        let category = dealCategory
        let closedAt = dealClosed
        let owner = dealRep
        let industry = dealIndustry
        var won = 0
        var closedCount = 0
        var repWon = [Int](repeating: 0, count: reps.count)
        var repClosed = repWon
        var low = Int64.max
        var high = Int64.min
        let rows = closedRows(in: window)
        for i in rows {
            let cat = category[i]
            let t = closedAt[i]
            let isWon = cat == MetricsFrame.won ? 1 : 0
            won += isWon
            closedCount += 1
            let r = Int(owner[i])
            if r >= 0 {
                repWon[r] += isWon
                repClosed[r] += 1
            }
            if industry[i] >= 0 {
                low = min(low, t)
                high = max(high, t)
            }
        }
        var segments: [WinRateReport.SegmentPeriodRow] = []
        if low <= high {
            let quarters = QuarterLookup(low: low, high: high)
            let minQ = quarters.ordinal(low)
            let span = Int(quarters.ordinal(high) - minQ + 1)
            var cellWon = [Int](repeating: 0, count: industries.count * span)
            var cellClosed = cellWon
            for i in rows {
                let cat = category[i]
                let t = closedAt[i]
                guard industry[i] >= 0 else { continue }
                let cell = Int(industry[i]) * span + Int(quarters.ordinal(t) - minQ)
                cellClosed[cell] += 1
                if cat == MetricsFrame.won { cellWon[cell] += 1 }
            }
            for cell in 0..<cellClosed.count where cellClosed[cell] > 0 {
                segments.append(
                    .init(
                        industry: industries[cell / span], quarter: minQ + Int64(cell % span),
                        count: WinRateCount(won: cellWon[cell], closed: cellClosed[cell])))
            }
        }
        return WinRateReport(
            window: window, overall: WinRateCount(won: won, closed: closedCount), byIndustryQuarter: segments,
            byRep: reps.indices.map {
                .init(rep: reps[$0], count: WinRateCount(won: repWon[$0], closed: repClosed[$0]))
            })
    }
}
