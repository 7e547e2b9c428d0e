import Foundation

/// The win-rate history `deal.win_probability` reads, built once on first use after each statistics refresh
/// (like the DQS cells) instead of once per deal.
final class WinHistoryCache: @unchecked Sendable {
    private let lock = NSLock()
    private var history: WinHistory?

    /// The cached history, made by `make` the first time.
    func history(_ make: () -> WinHistory) -> WinHistory {
        lock.withLock {
            if let history { return history }
            let made = make()
            history = made
            return made
        }
    }
}
