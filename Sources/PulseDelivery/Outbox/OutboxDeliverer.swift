import Foundation
import Logging
import Metrics
import PulseCore
import PulseStore

/// The work of the outbox, one pass at a time: turns queued alert notifications into outbox rows, follows
/// PagerDuty incidents through acknowledgement and resolution, and delivers the due rows (most severe first)
/// with quiet hours, retries with backoff, dead letters and the Slack → e-mail fallback. An actor, so passes
/// in one process never overlap; rows are recorded as they are sent, so a new deliverer on the same store
/// (a restart) never sends a delivered row again.
public actor OutboxDeliverer {
    let store: ServerStore
    let channels: [DeliveryChannelKind: any DeliveryChannel]
    let settings: ChannelSettings
    let outbox: OutboxSettings
    let router: DeliveryRouter
    let renderer: AlertMessageRenderer
    let policy: RetryPolicy
    let logger: Logger
    var generator: SplitMix64

    /// `seed` drives the retry jitter (pass a fixed one in tests).
    public init(
        store: ServerStore, channels: [DeliveryChannelKind: any DeliveryChannel], settings: ChannelSettings,
        outbox: OutboxSettings, seed: UInt64 = UInt64.random(in: 0...UInt64.max),
        logger: Logger = Logger(label: "pulse.outbox")
    ) {
        self.store = store
        self.channels = channels
        self.settings = settings
        self.outbox = outbox
        router = DeliveryRouter(settings: settings)
        renderer = AlertMessageRenderer(publicURL: settings.publicURL)
        policy = RetryPolicy(outbox)
        self.logger = logger
        generator = SplitMix64(seed: seed)
    }

    /// One pass at `now`: hand over queued notifications, write PagerDuty follow-ups, deliver what is due.
    public func runOnce(now: Date) async throws -> DispatchSummary {
        var summary = DispatchSummary()
        var directories = DirectoryCache(store: store)
        for tenant in try await store.tenants().map(\.id) {
            try await handOver(tenant: tenant, now: now, directories: &directories, summary: &summary)
            if settings.pagerDuty != nil { try await followPagerDuty(tenant: tenant, now: now, summary: &summary) }
        }
        for item in try await store.dueOutbox(now: now, limit: max(1, outbox.batchSize)) {
            let recipient =
                try await directories.directory(item.tenant).recipient(for: item)
                ?? DeliveryRecipient(id: item.recipient, name: item.recipient)
            try await deliver(item, to: recipient, now: now, summary: &summary)
        }
        return summary
    }

    // MARK: Notifications → rows

    private func handOver(
        tenant: Tenant.ID, now: Date, directories: inout DirectoryCache, summary: inout DispatchSummary
    ) async throws {
        let queued = try await store.notifications(
            tenant: tenant, status: .queued, limit: max(1, outbox.batchSize) * 10)
        guard !queued.isEmpty else { return }
        let directory = try await directories.directory(tenant)
        var items: [OutboxItem] = []
        for notification in queued {
            guard let recipient = directory.recipient(rep: notification.recipient) else {
                logger.warning(
                    "notification dropped: no user or rep with this id",
                    metadata: ["notification": "\(notification.id)", "recipient": "\(notification.recipient)"])
                continue
            }
            let plan = router.route(notification, to: recipient, now: now)
            for skip in plan.skipped {
                logger.debug(
                    "channel skipped",
                    metadata: [
                        "notification": "\(notification.id)", "channel": "\(skip.channel.rawValue)",
                        "reason": "\(skip.reason)",
                    ])
            }
            items += plan.items
        }
        summary.enqueued += try await store.enqueue(items, handingOver: queued.map(\.id), tenant: tenant)
        summary.handedOver += queued.count
    }

    /// Writes `<alert id>|pagerduty|acknowledge` / `…|resolve` rows for alerts acknowledged or resolved since the
    /// tenant's cursor that were triggered on PagerDuty.
    private func followPagerDuty(tenant: Tenant.ID, now: Date, summary: inout DispatchSummary) async throws {
        let name = "pagerduty-follow|\(tenant.rawValue)"
        let after = try await store.cursor(name)
        let changes = try await store.alertChanges(tenant: tenant, after: after, limit: 1000)
        guard let last = changes.last else { return }
        var latest: [Alert.ID: AlertState] = [:]
        var order: [Alert.ID] = []
        for change in changes where change.state == .acknowledged || change.state == .resolved {
            if latest[change.alert] == nil { order.append(change.alert) }
            if latest[change.alert] != .resolved { latest[change.alert] = change.state }
        }
        if !order.isEmpty {
            var triggers: [Alert.ID: OutboxItem] = [:]
            for row in try await store.outbox(tenant: tenant, status: nil, limit: 100_000)
            where row.channel == .pagerduty && row.action == "trigger" {
                if let alert = row.alert, triggers[alert] == nil { triggers[alert] = row }
            }
            let items = order.compactMap { alert -> OutboxItem? in
                guard let trigger = triggers[alert], let state = latest[alert] else { return nil }
                let action = state == .resolved ? "resolve" : "acknowledge"
                return OutboxItem(
                    id: "\(alert.rawValue)|pagerduty|\(action)", tenant: tenant, kind: .alert, channel: .pagerduty,
                    recipient: trigger.recipient, severity: trigger.severity, alert: alert,
                    fingerprint: trigger.fingerprint, action: action, nextAttemptAt: now, createdAt: now)
            }
            if !items.isEmpty { summary.followUps += try await store.enqueue(items, handingOver: [], tenant: tenant) }
        }
        try await store.setCursor(name, to: last.sequence)
    }

    // MARK: Delivery

    private func deliver(
        _ item: OutboxItem, to recipient: DeliveryRecipient, now: Date, summary: inout DispatchSummary
    ) async throws {
        let followUp = item.channel == .pagerduty && item.action != "trigger"
        if !followUp, let quiet = recipient.preferences.quietHours,
            let until = quiet.nextAllowed(after: now, timeZone: recipient.zone, severity: item.severity)
        {
            try await store.record(DeliveryOutcome(id: item.id, at: now, result: .deferred(until: until)))
            summary.deferred += 1
            return
        }
        let message: DeliveryMessage
        if let stored = item.message {
            message = stored
        } else if let id = item.alert, let alert = try await store.alert(id: id) {
            message = renderer.render(alert, action: item.action)
        } else {
            let error = "the alert \(item.alert?.rawValue ?? "(none)") of \(item.id) no longer exists"
            try await store.record(DeliveryOutcome(id: item.id, at: now, result: .dead, error: error))
            count(item.channel, "dead")
            summary.dead += 1
            return
        }
        do {
            guard let channel = channels[item.channel] else {
                throw DeliveryError.notConfigured(channel: item.channel, reason: "no channel of this kind is set up")
            }
            try await channel.send(message, to: recipient, item: item)
            try await store.record(DeliveryOutcome(id: item.id, at: now, result: .delivered))
            count(item.channel, "delivered")
            summary.delivered += 1
        } catch {
            try await failed(item, recipient: recipient, message: message, error: error, now: now, summary: &summary)
        }
    }

    private func failed(
        _ item: OutboxItem, recipient: DeliveryRecipient, message: DeliveryMessage, error: any Error, now: Date,
        summary: inout DispatchSummary
    ) async throws {
        let attempts = item.attempts + 1
        let retryable = (error as? DeliveryError)?.isRetryable ?? true
        let sentence = "\(error)"
        if !retryable || policy.isExhausted(attempts: attempts) {
            try await store.record(DeliveryOutcome(id: item.id, at: now, result: .dead, error: sentence))
            count(item.channel, "dead")
            summary.dead += 1
        } else {
            let delay = policy.delay(afterAttempt: attempts, using: &generator)
            try await store.record(
                DeliveryOutcome(id: item.id, at: now, result: .retry(at: now + delay), error: sentence))
            count(item.channel, "failed")
            summary.retried += 1
        }
        logger.warning(
            "delivery failed",
            metadata: [
                "id": "\(item.id)", "channel": "\(item.channel.rawValue)", "attempt": "\(attempts)",
                "error": "\(sentence)",
            ])
        if item.channel == .slack, attempts >= outbox.fallbackAfterAttempts || !retryable,
            let fallback = fallback(for: item, recipient: recipient, message: message, now: now)
        {
            summary.fallbacks += try await store.enqueue([fallback], handingOver: [], tenant: item.tenant)
        }
    }

    /// The e-mail row that stands in for a failing Slack row, when e-mail can reach the recipient and was not
    /// one of their channels for this severity already.
    private func fallback(
        for item: OutboxItem, recipient: DeliveryRecipient, message: DeliveryMessage, now: Date
    ) -> OutboxItem? {
        guard router.unavailable(.email, for: recipient) == nil,
            item.kind == .report || !recipient.preferences.channels(for: item.severity).contains(.email)
        else { return nil }
        var row = item
        row.id = "\(item.id)|fallback-email"
        row.channel = .email
        row.notification = nil
        row.message = item.message
        row.status = .pending
        row.attempts = 0
        row.nextAttemptAt = now
        row.lastError = nil
        row.createdAt = now
        row.deliveredAt = nil
        return row
    }

    private func count(_ channel: DeliveryChannelKind, _ result: String) {
        Counter(label: "pulse_deliveries_total", dimensions: [("channel", channel.rawValue), ("result", result)])
            .increment()
    }
}

/// Per pass: each tenant's users and reps, read once and only when needed.
private struct DirectoryCache {
    let store: ServerStore
    var directories: [Tenant.ID: RecipientDirectory] = [:]

    init(store: ServerStore) { self.store = store }

    mutating func directory(_ tenant: Tenant.ID) async throws -> RecipientDirectory {
        if let known = directories[tenant] { return known }
        let directory = RecipientDirectory(
            users: try await store.users(tenant: tenant), reps: try await store.reps(tenant: tenant))
        directories[tenant] = directory
        return directory
    }
}
