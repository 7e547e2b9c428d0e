import Foundation

/// A rep's BDR Performance Index in a window: calls ×1 + agreements ×3 + lists ×2 + sales ×5.
public struct BDRIndexRow: Hashable, Sendable {
    /// Weights of calls, agreements, lists and sales.
    public static let weights = (calls: 1, agreements: 3, lists: 2, sales: 5)

    public var rep: Rep.ID
    /// `call_conducted` activities in the window.
    public var calls: Int
    /// Owned deals whose agreement milestone time is in the window.
    public var agreements: Int
    /// Owned deals whose list milestone time is in the window (list-out; proposal where the pipeline has none).
    public var lists: Int
    /// Sales with a time in the window (`MetricsFrame` sales table): owned deals won in the window, where a
    /// partner list's sales are its sold sublist items (or its `totalSalesFromList` without them).
    public var sales: Int

    /// calls + 3·agreements + 2·lists + 5·sales.
    public var index: Int {
        calls * Self.weights.calls + agreements * Self.weights.agreements + lists * Self.weights.lists
            + sales * Self.weights.sales
    }
}

extension MetricsFrame {
    /// BDR index of every rep of the roster (sorted), over `window`.
    public func bdrIndex(in window: TimeWindow) -> [BDRIndexRow] {
        var calls = [Int](repeating: 0, count: reps.count)
        var agreements = calls
        var lists = calls
        var sales = calls
        calls.withUnsafeMutableBufferPointer { c in
            scanActivities(kind: ActivityKind.callConducted.code, in: window) { r, _ in if r >= 0 { c[r] += 1 } }
        }
        let owner = dealRep
        let agreementAt = dealAgreementAt
        let listAt = dealBDRListAt
        for i in 0..<dealCount {
            let r = Int(owner[i])
            guard r >= 0 else { continue }
            if window.contains(agreementAt[i]) { agreements[r] += 1 }
            if window.contains(listAt[i]) { lists[r] += 1 }
        }
        for k in saleRows(in: window) {
            let r = Int(saleRep[k])
            if r >= 0 { sales[r] += Int(saleCount[k]) }
        }
        return reps.indices.map {
            BDRIndexRow(rep: reps[$0], calls: calls[$0], agreements: agreements[$0], lists: lists[$0], sales: sales[$0])
        }
    }
}
