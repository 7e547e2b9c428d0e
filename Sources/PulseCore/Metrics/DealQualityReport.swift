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

/// Percentiles with linear interpolation (numpy's default), by a histogram (radix) selection rather than a sort.
public enum Quantiles {
    /// For each q in `qs` (0–1): h = (n − 1)·q, x[⌊h⌋] + frac(h)·(x[⌊h⌋ + 1] − x[⌊h⌋]) of the sorted values,
    /// ignoring `MetricsFrame.missing`. Returns [] when no value is present.
    public static func linear(_ values: UnsafeBufferPointer<Int64>, _ qs: [Double]) -> [Double] {
        let missing = MetricsFrame.missing
        var n = 0
        var low = Int64.max
        var high = Int64.min
        for v in values where v != missing {
            n += 1
            low = min(low, v)
            high = max(high, v)
        }
        guard n > 0 else { return [] }
        // Ranks whose values are needed.
        var ranks: [Int] = []
        for q in qs {
            let h = Double(n - 1) * q
            let k = Int(h.rounded(.down))
            ranks.append(k)
            if h > Double(k) && k + 1 < n { ranks.append(k + 1) }
        }
        // Histogram of the top 16 bits of (v − low).
        let range = UInt64(bitPattern: high &- low)
        let width = range == 0 ? 0 : 64 - range.leadingZeroBitCount
        let shift = UInt64(max(0, width - 16))
        let buckets = Int(range >> shift) + 1
        var counts = [Int32](repeating: 0, count: buckets)
        counts.withUnsafeMutableBufferPointer { c in
            for v in values where v != missing { c[Int(UInt64(bitPattern: v &- low) >> shift)] += 1 }
        }
        // Bucket and rank-within-bucket of every needed rank.
        var needed = [Int: Int]()  // bucket → first rank in it
        var located: [(bucket: Int, offset: Int)] = []
        var cumulative = 0
        var b = 0
        for r in ranks.sorted() {
            while cumulative + Int(counts[b]) <= r {
                cumulative += Int(counts[b])
                b += 1
            }
            needed[b] = cumulative
            located.append((b, r - cumulative))
        }
        var members: [Int: [Int64]] = [:]
        for bucket in needed.keys { members[bucket] = [] }
        var isNeeded = [Bool](repeating: false, count: buckets)
        for bucket in needed.keys { isNeeded[bucket] = true }
        for v in values where v != missing {
            let bucket = Int(UInt64(bitPattern: v &- low) >> shift)
            if isNeeded[bucket] { members[bucket]!.append(v) }
        }
        for bucket in needed.keys { members[bucket]!.sort() }
        var valueAt: [Int: Int64] = [:]
        for (r, place) in zip(ranks.sorted(), located) { valueAt[r] = members[place.bucket]![place.offset] }
        return qs.map { q in
            let h = Double(n - 1) * q
            let k = Int(h.rounded(.down))
            let lower = Double(valueAt[k]!)
            let frac = h - Double(k)
            guard frac > 0, k + 1 < n else { return lower }
            return lower + frac * (Double(valueAt[k + 1]!) - lower)
        }
    }
}
