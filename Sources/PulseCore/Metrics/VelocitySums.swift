import Foundation

/// Per-group sums for PVS rows, flat: won, closed, amount sum, amount n, cycle sum, cycle n.
struct VelocitySums {
    static let width = 6
    var values: ContiguousArray<Int64>

    init(groups: Int) { values = ContiguousArray(repeating: 0, count: groups * Self.width) }

    var closed: [Int64] { stride(from: 1, to: values.count, by: Self.width).map { values[$0] } }

    func row(_ g: Int, open: Int, key: String) -> VelocityRow {
        let b = g * Self.width
        let won = values[b]
        let closed = values[b + 1]
        return VelocityRow(
            key: key, openDeals: open, won: Int(won), closed: Int(closed),
            winRate: closed > 0 ? Double(won) / Double(closed) : nil,
            averageWonAmount: values[b + 3] > 0 ? Double(values[b + 2]) / Double(values[b + 3]) / 100 : nil,
            averageWonCycleDays: values[b + 5] > 0 ? Double(values[b + 4]) / Double(values[b + 5]) : nil)
    }
}
