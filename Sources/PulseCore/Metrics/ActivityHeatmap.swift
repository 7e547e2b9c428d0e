import Foundation

/// Activity counts by weekday (rows, Monday = 0 … Sunday = 6) × UTC hour (columns 0–23).
public struct ActivityHeatmap: Hashable, Sendable {
    /// 7 × 24 counts, row-major.
    public var cells: [Int]

    public init(cells: [Int] = [Int](repeating: 0, count: 7 * 24)) { self.cells = cells }

    /// Count for a weekday (Monday = 0) and UTC hour.
    public subscript(weekday: Int, hour: Int) -> Int { cells[weekday * 24 + hour] }

    /// The busiest cell's count.
    public var maximum: Int { cells.max() ?? 0 }
    /// All counted activities.
    public var total: Int { cells.reduce(0, +) }
}

extension MetricsFrame {
    /// Heatmap of the activities of `kinds` in `window` (default: conducted calls).
    public func activityHeatmap(in window: TimeWindow, kinds: Set<ActivityKind> = [.callConducted]) -> ActivityHeatmap {
        var mask: UInt8 = 0
        for k in kinds { mask |= 1 << k.code }
        var cells = [Int](repeating: 0, count: 7 * 24)
        activityKind.withUnsafeBufferPointer { kind in
            activityTime.withUnsafeBufferPointer { time in
                for j in 0..<kind.count where (1 << kind[j]) & mask != 0 && window.contains(time[j]) {
                    let t = time[j]
                    cells[UTCCalendar.weekday(t) * 24 + UTCCalendar.hour(t)] += 1
                }
            }
        }
        return ActivityHeatmap(cells: cells)
    }
}
