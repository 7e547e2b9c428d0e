import Foundation

/// Deal Quality Score per open deal: the additively smoothed win rate of comparable closed deals, 0–1.
///
/// DQS = (won_cell + w·p) ÷ (closed_cell + w), p = win rate of all closed deals in the window, w = prior weight.
public struct DealQualityReport: Hashable, Sendable {
    /// One open deal.
    public struct DealRow: Hashable, Sendable {
        public var deal: Deal.ID
        /// Row of the deal in the frame.
        public var row: Int
        /// 0–3: number of quartile edges strictly below the amount; nil without an amount.
        public var sizeBand: Int?
        /// nil when no deal closed in the window.
        public var dqs: Double?
    }

    public var configuration: DealQualityConfiguration
    public var window: TimeWindow
    /// Global win rate p of the closed deals, nil when none closed.
    public var prior: Double?
    /// 25th, 50th and 75th percentile of closed amounts in cents (linear interpolation); empty if none.
    public var sizeEdges: [Double]
    /// Open deals in frame order.
    public var deals: [DealRow]

    /// Open deals with DQS below the configuration's low threshold.
    public var lowCount: Int {
        deals.reduce(0) { $0 + (($1.dqs ?? 1) < configuration.lowThreshold ? 1 : 0) }
    }
}

extension MetricsFrame {
    /// DQS of every open deal, from the deals closed in `window`.
    public func dealQuality(
        in window: TimeWindow, configuration: DealQualityConfiguration = .standard
    ) -> DealQualityReport {
        var won = 0
        let history = closedRows(in: window)
        let closed = history.count
        for i in history where dealCategory[i] == MetricsFrame.won { won += 1 }
        let edges = dealAmount.withUnsafeBufferPointer { amounts in
            Quantiles.linear(UnsafeBufferPointer(rebasing: amounts[history]), [0.25, 0.5, 0.75])
        }
        let e0 = edges.count == 3 ? edges[0] : .infinity
        let e1 = edges.count == 3 ? edges[1] : .infinity
        let e2 = edges.count == 3 ? edges[2] : .infinity
        @inline(__always) func band(_ amount: Int64) -> Int {
            guard amount != MetricsFrame.missing else { return -1 }
            let a = Double(amount)
            return (e0 < a ? 1 : 0) + (e1 < a ? 1 : 0) + (e2 < a ? 1 : 0)
        }
        // Mixed-radix cell code; −1 (unknown) is its own value in every dimension; unused dimensions have stride 0.
        let dims = Set(configuration.dimensions)
        let sizes = [leadSources.count + 1, 5, industries.count + 1, products.count + 1]
        let used = [
            dims.contains(.leadSource), dims.contains(.sizeBand), dims.contains(.industry), dims.contains(.product),
        ]
        var strides = [0, 0, 0, 0]
        var cells = 1
        for d in 0..<4 where used[d] {
            strides[d] = cells
            cells *= sizes[d]
        }
        let sLead = strides[0]
        let sBand = strides[1]
        let sIndustry = strides[2]
        let sProduct = strides[3]
        let lead = dealLeadSource
        let industry = dealIndustry
        let product = dealProduct
        @inline(__always) func cell(_ i: Int, _ b: Int) -> Int {
            (Int(lead[i]) + 1) * sLead + (b + 1) * sBand + (Int(industry[i]) + 1) * sIndustry
                + (Int(product[i]) + 1) * sProduct
        }
        let category = dealCategory
        let amount = dealAmount
        var cellWon = [Int](repeating: 0, count: cells)
        var cellClosed = cellWon
        cellWon.withUnsafeMutableBufferPointer { cw in
            cellClosed.withUnsafeMutableBufferPointer { cc in
                for i in history {
                    let c = cell(i, band(amount[i]))
                    cc[c] += 1
                    if category[i] == MetricsFrame.won { cw[c] += 1 }
                }
            }
        }
        let prior: Double? = closed > 0 ? Double(won) / Double(closed) : nil
        let w = configuration.priorWeight
        var rows: [DealQualityReport.DealRow] = []
        rows.reserveCapacity(dealCount - closed)
        for i in openRows {
            let b = band(amount[i])
            let c = cell(i, b)
            let dqs = prior.map { p in (Double(cellWon[c]) + w * p) / (Double(cellClosed[c]) + w) }
            rows.append(.init(deal: dealIDs[i], row: i, sizeBand: b >= 0 ? b : nil, dqs: dqs))
        }
        return DealQualityReport(
            configuration: configuration, window: window, prior: prior, sizeEdges: edges, deals: rows)
    }
}
