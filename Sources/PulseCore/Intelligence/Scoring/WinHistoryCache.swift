import Foundation
import Synchronization

/// The win-rate history `deal.win_probability` reads, built once on first use after each statistics refresh
/// (like the DQS cells) instead of once per deal.
final class WinHistoryCache: Sendable {
    private let cached = Mutex<WinHistory?>(nil)

    /// The cached history, made by `make` the first time.
    func history(_ make: () -> WinHistory) -> WinHistory {
        cached.withLock { cached in
            if let cached { return cached }
            let made = make()
            cached = made
            return made
        }
    }
}
