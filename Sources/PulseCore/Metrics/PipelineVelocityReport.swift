import Foundation

/// PVS overall, per industry (segment), per rep and per calendar quarter of close.
public struct PipelineVelocityReport: Hashable, Sendable {
    public var window: TimeWindow
    public var overall: VelocityRow
    /// Every industry seen on deals, sorted.
    public var byIndustry: [VelocityRow]
    /// The roster, sorted.
    public var byRep: [VelocityRow]
    /// Each quarter with a closed deal in the window, oldest first; open deals = all open deals now.
    public var byQuarter: [VelocityRow]
}

extension MetricsFrame {
    /// PVS: open deals (current stage open) with the win-rate, amount and cycle terms taken from deals
    /// closed in `window`, all within the group.
    public func pipelineVelocity(in window: TimeWindow) -> PipelineVelocityReport {
        let rows = closedRows(in: window)
        var repOpen = [Int](repeating: 0, count: reps.count)
        var industryOpen = [Int](repeating: 0, count: industries.count)
        for i in openRows {
            let r = Int(dealRep[i])
            let g = Int(dealIndustry[i])
            if r >= 0 { repOpen[r] += 1 }
            if g >= 0 { industryOpen[g] += 1 }
        }
        let overall = velocitySums(rows: rows, groups: 1, column: nil)
        let byRep = velocitySums(rows: rows, groups: reps.count, column: dealRep)
        let byIndustry = velocitySums(rows: rows, groups: industries.count, column: dealIndustry)
        var byQuarter: [VelocityRow] = []
        if !rows.isEmpty {
            // Closed rows are sorted by close time, so quarters come in order.
            let lookup = QuarterLookup(low: dealClosed[rows.lowerBound], high: dealClosed[rows.upperBound - 1])
            let minQ = lookup.ordinal(dealClosed[rows.lowerBound])
            let span = Int(lookup.ordinal(dealClosed[rows.upperBound - 1]) - minQ + 1)
            var quarterCodes = ContiguousArray<Int32>(repeating: -1, count: dealCount)
            for i in rows { quarterCodes[i] = Int32(lookup.ordinal(dealClosed[i]) - minQ) }
            let quarters = velocitySums(rows: rows, groups: span, column: quarterCodes)
            for q in 0..<span where quarters.closed[q] > 0 {
                byQuarter.append(quarters.row(q, open: openCount, key: UTCCalendar.quarterLabel(minQ + Int64(q))))
            }
        }
        return PipelineVelocityReport(
            window: window, overall: overall.row(0, open: openCount, key: "all"),
            byIndustry: industries.indices.map { byIndustry.row($0, open: industryOpen[$0], key: industries[$0]) },
            byRep: reps.indices.map { byRep.row($0, open: repOpen[$0], key: reps[$0].rawValue) },
            byQuarter: byQuarter)
    }

    /// One pass over closed `rows`, summing won/closed counts, won amounts and won cycles per group code
    /// (`column` nil: one group; code −1: skipped).
    func velocitySums(rows: Range<Int>, groups: Int, column: ContiguousArray<Int32>?) -> VelocitySums {
        var sums = VelocitySums(groups: groups)
        let won = MetricsFrame.won
        let missing = MetricsFrame.missing
        let codes = column ?? ContiguousArray(repeating: 0, count: dealCount)
        codes.withUnsafeBufferPointer { group in
            dealCategory.withUnsafeBufferPointer { category in
                dealAmount.withUnsafeBufferPointer { amount in
                    dealCreated.withUnsafeBufferPointer { created in
                        dealClosed.withUnsafeBufferPointer { closed in
                            sums.values.withUnsafeMutableBufferPointer { v in
                                for i in rows {
                                    let g = Int(group[i])
                                    if g < 0 { continue }
                                    let base = g * VelocitySums.width
                                    v[base + 1] += 1
                                    guard category[i] == won else { continue }
                                    v[base] += 1
                                    let cents = amount[i]
                                    if cents != missing {
                                        v[base + 2] &+= cents
                                        v[base + 3] += 1
                                    }
                                    let c = created[i]
                                    if c != missing {
                                        v[base + 4] += UTCCalendar.wholeDays(closed[i] - c)
                                        v[base + 5] += 1
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return sums
    }
}
