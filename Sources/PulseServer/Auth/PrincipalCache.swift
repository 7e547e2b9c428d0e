import Foundation
import Synchronization

/// Who a token hash belongs to, remembered for a couple of seconds so a burst of requests with one token does not
/// read the token, its user and the org chart from the store every time. Revoking a token or changing a user
/// through the API clears it at once; a change made by the CLI in another process is seen within `lifetime`.
final class PrincipalCache: Sendable {
    private struct Entry {
        var principal: Principal
        var tokenExpiresAt: Date?
        var storedAt: ContinuousClock.Instant
    }

    private let entries = Mutex([String: Entry]())
    private let lifetime: Duration
    private let capacity: Int

    init(lifetime: Duration = .seconds(2), capacity: Int = 10_000) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    /// The cached principal for a token hash, if it is fresh and the token has not expired by `now`.
    func principal(hash: String, now: Date) -> Principal? {
        entries.withLock { entries in
            guard let entry = entries[hash] else { return nil }
            guard ContinuousClock.now - entry.storedAt < lifetime, entry.tokenExpiresAt.map({ now < $0 }) ?? true
            else {
                entries[hash] = nil
                return nil
            }
            return entry.principal
        }
    }

    func store(_ principal: Principal, hash: String, tokenExpiresAt: Date?) {
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[hash] = Entry(principal: principal, tokenExpiresAt: tokenExpiresAt, storedAt: .now)
        }
    }

    /// Forgets everyone (after a token is revoked or a user changes).
    func removeAll() { entries.withLock { $0.removeAll() } }
}
