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
        var amounts = ContiguousArray<Int64>()
        amounts.reserveCapacity(dealCount)
        var won = 0
        var closed = 0
        let history = closedRows(in: window)
        for i in history {
            closed += 1
            if dealCategory[i] == MetricsFrame.won { won += 1 }
            if dealAmount[i] != MetricsFrame.missing { amounts.append(dealAmount[i]) }
        }
        let edges = Quantiles.linear(&amounts, [0.25, 0.5, 0.75])
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
        for i in history {
            let c = cell(i, band(amount[i]))
            cellClosed[c] += 1
            if category[i] == MetricsFrame.won { cellWon[c] += 1 }
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

/// Percentiles with linear interpolation (numpy's default), by selection rather than a full sort.
public enum Quantiles {
    /// For each q in `qs` (ascending, 0–1): h = (n − 1)·q, x[⌊h⌋] + frac(h)·(x[⌊h⌋ + 1] − x[⌊h⌋]) of the
    /// sorted values. Reorders `values`; returns [] when it is empty.
    public static func linear(_ values: inout ContiguousArray<Int64>, _ qs: [Double]) -> [Double] {
        let n = values.count
        guard n > 0 else { return [] }
        var result: [Double] = []
        var low = 0
        values.withUnsafeMutableBufferPointer { x in
            for q in qs {
                let h = Double(n - 1) * q
                let k = Int(h.rounded(.down))
                select(x, k, from: low)
                low = k
                let lower = x[k]
                let frac = h - Double(k)
                if frac == 0 || k + 1 >= n {
                    result.append(Double(lower))
                } else {
                    var upper = x[k + 1]
                    for j in (k + 2)..<max(k + 2, n) where x[j] < upper { upper = x[j] }
                    result.append(Double(lower) + frac * Double(upper - lower))
                }
            }
        }
        return result
    }

    /// Puts the k-th smallest of x[from...] at index k, smaller ones before it and larger ones after.
    static func select(_ x: UnsafeMutableBufferPointer<Int64>, _ k: Int, from: Int) {
        var lo = from
        var hi = x.count - 1
        while lo < hi {
            let mid = lo + (hi - lo) / 2
            // median of three as pivot
            let a = x[lo]
            let b = x[mid]
            let c = x[hi]
            let pivot = max(min(a, b), min(max(a, b), c))
            var i = lo
            var j = hi
            while i <= j {
                while x[i] < pivot { i += 1 }
                while x[j] > pivot { j -= 1 }
                if i <= j {
                    x.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if k <= j {
                hi = j
            } else if k >= i {
                lo = i
            } else {
                return
            }
        }
    }
}
