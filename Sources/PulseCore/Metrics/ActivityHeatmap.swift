import Foundation

/// Activity counts by weekday (rows, Monday = 0 … Sunday = 6) × UTC hour (columns 0–23).
public struct ActivityHeatmap: Hashable, Sendable {
    /// 7 × 24 counts, row-major.
    public var cells: [Int]

    public init(cells: [Int] = [Int](repeating: 0, count: 7 * 24)) { self.cells = cells }

    /// Count for a weekday (Monday = 0) and UTC hour.
    public subscript(weekday: Int, hour: Int) -> Int { cells[weekday * 24 + hour] }

    /// Cell index (weekday × 24 + hour) of an epoch second.
    @inline(__always) static func cell(_ t: Int64) -> Int {
        if t >= 0 {
            let u = UInt64(t)
            return Int(((u / 86_400 + 3) % 7) * 24 + (u % 86_400) / 3600)
        }
        return UTCCalendar.weekday(t) * 24 + UTCCalendar.hour(t)
    }

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
        cells.withUnsafeMutableBufferPointer { c in
            for kind in kinds {
                scanActivities(kind: kind.code, in: window) { _, t in c[ActivityHeatmap.cell(t)] += 1 }
            }
        }
        return ActivityHeatmap(cells: cells)
    }
}
