import PulseCore

/// Partner sublist items counted by open stage (they are not kept in memory).
struct DemoSublistCounts {
    var total = 0
    /// Open items per stage key.
    var open: [String: Int] = [:]

    mutating func add(_ deal: Deal) {
        total += 1
        if !deal.isClosed { open[deal.stage, default: 0] += 1 }
    }
}
