import Foundation

/// Won and closed counts of a group and their ratio (nil with no closed deal).
public struct WinRateCount: Hashable, Sendable {
    public var won: Int
    public var closed: Int

    public init(won: Int, closed: Int) {
        self.won = won
        self.closed = closed
    }

    /// won ÷ closed, or nil when nothing closed.
    public var rate: Double? { closed > 0 ? Double(won) / Double(closed) : nil }
}
