import Foundation

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
