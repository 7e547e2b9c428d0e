import Foundation
import PulseCore
import PulseStore

/// Reads one live-stream connection's way through the tenant's alert feed: every entry after its cursor, in order,
/// keeping those the caller may see. Resuming from a sequence number therefore never skips an entry.
struct AlertStreamReader {
    let store: any AlertFeedStore
    let principal: Principal
    /// The last sequence handed out (or skipped as invisible).
    private(set) var cursor: Int64
    /// Entries read per store call.
    var pageSize = 200

    init(store: any AlertFeedStore, principal: Principal, after cursor: Int64) {
        self.store = store
        self.principal = principal
        self.cursor = cursor
    }

    /// Every visible event after the cursor up to `latest`, advancing the cursor past all of them.
    mutating func events(upTo latest: Int64) async throws -> [AlertStreamEvent] {
        var events: [AlertStreamEvent] = []
        while cursor < latest {
            let page = try await store.alertChanges(tenant: principal.tenant, after: cursor, limit: pageSize)
            guard let last = page.last else { break }
            let alerts = try await store.alerts(ids: Array(Set(page.map(\.alert))))
            let byID = Dictionary(alerts.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            for change in page {
                guard let alert = byID[change.alert], principal.sees(alert) else { continue }
                events.append(AlertStreamEvent(change: change, alert: alert))
            }
            cursor = last.sequence
        }
        return events
    }
}

/// One message of the live stream: a feed entry and the alert as it is now.
struct AlertStreamEvent: Encodable, Sendable {
    var sequence: Int64
    var change: AlertState
    var at: Date
    var alert: Alert

    init(change: AlertChange, alert: Alert) {
        sequence = change.sequence
        self.change = change.state
        at = change.at
        self.alert = alert
    }

    /// The event as one line of JSON, encoded like every other API answer.
    func json() throws -> String {
        String(decoding: try JSONEncoder.api.encode(self), as: UTF8.self)
    }

    /// The event in Server-Sent Events framing: `id`, `event: alert`, one `data` line, blank line.
    func serverSentEvent() throws -> String {
        "id: \(sequence)\nevent: alert\ndata: \(try json())\n\n"
    }
}
