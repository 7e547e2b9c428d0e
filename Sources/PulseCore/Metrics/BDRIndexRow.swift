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
    /// Owned deals won with a close time in the window.
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
        let callCode = ActivityKind.callConducted.code
        activityKind.withUnsafeBufferPointer { kind in
            activityTime.withUnsafeBufferPointer { time in
                activityRep.withUnsafeBufferPointer { rep in
                    for j in 0..<kind.count where kind[j] == callCode && rep[j] >= 0 && window.contains(time[j]) {
                        calls[Int(rep[j])] += 1
                    }
                }
            }
        }
        for i in 0..<dealCount {
            let r = Int(dealRep[i])
            guard r >= 0 else { continue }
            if window.contains(dealAgreementAt[i]) { agreements[r] += 1 }
            if window.contains(dealBDRListAt[i]) { lists[r] += 1 }
            if dealCategory[i] == MetricsFrame.won && window.contains(dealClosed[i]) { sales[r] += 1 }
        }
        return reps.indices.map {
            BDRIndexRow(rep: reps[$0], calls: calls[$0], agreements: agreements[$0], lists: lists[$0], sales: sales[$0])
        }
    }
}
