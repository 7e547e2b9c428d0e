import Foundation

/// Stage Momentum Index of open deals: SMI = 1 ÷ max(1, whole days in the current stage).
public struct StageMomentumReport: Hashable, Sendable {
    /// SMI below this marks a stalled deal: 0.07 ≈ 1/14, so SMI < 0.07 ⇔ 15 or more whole days in stage.
    public static let stalledThreshold = 0.07

    /// One open deal.
    public struct DealRow: Hashable, Sendable {
        public var deal: Deal.ID
        /// Row of the deal in the frame.
        public var row: Int
        public var rep: Rep.ID?
        /// Whole days from entering the current stage to `now`; nil when the entry time is unknown.
        public var daysInStage: Int?
        public var smi: Double?
        /// SMI < 0.07 (an unknown SMI is not stalled).
        public var isStalled: Bool { smi.map { $0 < StageMomentumReport.stalledThreshold } ?? false }
    }

    /// A rep's stalled open deals.
    public struct RepRow: Hashable, Sendable {
        public var rep: Rep.ID
        public var stalled: Int
    }

    public var now: Date
    /// Open deals in frame order.
    public var deals: [DealRow]
    /// The roster, sorted.
    public var stalledByRep: [RepRow]

    /// Open deals by ascending SMI (most stuck first); unknown SMI last, ties by frame order.
    public var lowestMomentumFirst: [DealRow] {
        deals.sorted { a, b in
            switch (a.smi, b.smi) {
            case let (x?, y?): x < y || (x == y && a.row < b.row)
            case (.some, nil): true
            case (nil, .some): false
            case (nil, nil): a.row < b.row
            }
        }
    }
}

extension MetricsFrame {
    /// SMI of every open deal at `now` (a snapshot: the current stage is the one at `now`).
    public func stageMomentum(now: Date) -> StageMomentumReport {
        let t = TimeWindow.seconds(now)
        var rows: [StageMomentumReport.DealRow] = []
        var stalled = [Int](repeating: 0, count: reps.count)
        rows.reserveCapacity(openCount)
        for i in openRows {
            let entered = dealStageEntered[i]
            let r = Int(dealRep[i])
            var days: Int?
            var smi: Double?
            if entered != MetricsFrame.missing {
                let d = Int(UTCCalendar.wholeDays(t - entered))
                days = d
                smi = 1.0 / Double(max(1, d))
                if smi! < StageMomentumReport.stalledThreshold, r >= 0 { stalled[r] += 1 }
            }
            rows.append(.init(deal: dealIDs[i], row: i, rep: r >= 0 ? reps[r] : nil, daysInStage: days, smi: smi))
        }
        return StageMomentumReport(
            now: now, deals: rows, stalledByRep: reps.indices.map { .init(rep: reps[$0], stalled: stalled[$0]) })
    }
}
