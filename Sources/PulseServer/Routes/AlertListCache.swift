import Foundation
import NIOCore
import PulseCore
import Synchronization

/// Encoded `GET /api/alerts` answers, kept per tenant, caller's view and query, and valid while the tenant's alert
/// feed has not moved: every saved alert writes a feed entry, so the feed's newest sequence number is the version
/// of the tenant's alerts. A repeated listing then costs one small query instead of reading and encoding alerts.
final class AlertListCache: Sendable {
    /// What an answer depends on besides the alerts themselves.
    struct Key: Hashable, Sendable {
        var tenant: Tenant.ID
        /// The caller's visible reps, sorted (nil: the whole tenant).
        var view: [Rep.ID]?
        /// The raw query string.
        var query: String

        init(tenant: Tenant.ID, visibleReps: Set<Rep.ID>?, query: String) {
            self.tenant = tenant
            view = visibleReps.map { $0.sorted() }
            self.query = query
        }
    }

    private struct Entry {
        var version: Int64
        var body: ByteBuffer
    }

    private let entries = Mutex([Key: Entry]())
    private let capacity: Int

    init(capacity: Int = 512) { self.capacity = capacity }

    /// The cached body for `key` if it was encoded at feed version `version`.
    func body(for key: Key, version: Int64) -> ByteBuffer? {
        entries.withLock { entries in
            guard let entry = entries[key], entry.version == version else { return nil }
            return entry.body
        }
    }

    func store(_ body: ByteBuffer, for key: Key, version: Int64) {
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = Entry(version: version, body: body)
        }
    }
}
