import Foundation

/// The working state of one `process` or `tick` call: the alerts it knows, what changed, the audit lines and
/// the notifications it wants to send. Turned into one `AlertChangeSet` at the end.
struct AlertBookStep {
    /// A notification to write for every recipient, decided during the step and throttled at the end.
    struct Intent {
        var alert: Int
        var reason: AlertNotification.Reason
        var recipients: [Rep.ID]
        /// Appended to the notification id when the same reason and level can recur (snooze reminders).
        var idSuffix: String?
    }

    let book: AlertBook
    let org: OrgChart
    let now: Date
    private let silences: [Silence]
    private let recentNotifications: [Rep.ID: Int]
    private(set) var alerts: [Alert] = []
    private var position: [Alert.ID: Int] = [:]
    private var activeByFingerprint: [String: Int] = [:]
    private var latestResolvedByFingerprint: [String: Int] = [:]
    private var byEntity: [EntityRef: [Int]] = [:]
    private var changed: [Int] = []
    private var changedSet: Set<Int> = []
    private var audit: [AlertAuditEntry] = []
    private var intents: [Intent] = []

    init(book: AlertBook, alerts known: [Alert], silences: [Silence], org: OrgChart, recent: [Rep.ID: Int], now: Date) {
        self.book = book
        self.org = org
        self.now = now
        self.recentNotifications = recent
        let tenant = book.configuration.tenant
        self.silences = silences.filter { $0.tenant == tenant }.sorted { ($1.endsAt, $0.id) < ($0.endsAt, $1.id) }
        for alert in known where alert.tenant == tenant && position[alert.id] == nil {
            add(alert)
        }
    }

    // MARK: - Reading

    var indices: Range<Int> { alerts.indices }

    /// The unresolved alert with this fingerprint (the newest when, against the rules, there are several).
    func active(fingerprint: String) -> Int? { activeByFingerprint[fingerprint] }

    /// The most recently resolved alert with this fingerprint among the alerts the caller passed in.
    func latestResolved(fingerprint: String) -> Int? { latestResolvedByFingerprint[fingerprint] }

    func contains(id: Alert.ID) -> Bool { position[id] != nil }

    /// Active alerts on an entity.
    func activeAlerts(on entity: EntityRef) -> [Int] { (byEntity[entity] ?? []).filter { alerts[$0].isActive } }

    // MARK: - Changing

    /// Adds a new alert (or, at init, a known one) and indexes it.
    @discardableResult
    mutating func add(_ alert: Alert, isNew: Bool = false) -> Int {
        let i = alerts.count
        alerts.append(alert)
        position[alert.id] = i
        byEntity[alert.entity, default: []].append(i)
        index(i)
        if isNew { markChanged(i) }
        return i
    }

    /// Applies `body` to an alert; when that changes anything, stamps `updatedAt` and marks it for saving.
    mutating func modify(_ i: Int, _ body: (inout Alert) -> Void) {
        var alert = alerts[i]
        let before = alert
        body(&alert)
        guard alert != before else { return }
        alert.updatedAt = now
        alerts[i] = alert
        index(i)
        markChanged(i)
    }

    /// Writes an audit line for the alert's current state (from → to when the state changed; `raised` lines
    /// have no from-state).
    mutating func record(
        _ i: Int, _ action: AlertAction, from: AlertState? = nil, to: AlertState? = nil, _ detail: String,
        actor: String = "pulse"
    ) {
        let alert = alerts[i]
        let isNew = action == .raised || action == .reopened
        audit.append(
            AlertAuditEntry(
                alert: alert.id, tenant: alert.tenant, at: now, actor: actor, action: action,
                fromState: isNew ? nil : from ?? alert.state, toState: to ?? alert.state, detail: detail))
    }

    mutating func want(_ intent: Intent) { intents.append(intent) }

    private mutating func markChanged(_ i: Int) {
        if changedSet.insert(i).inserted { changed.append(i) }
    }

    private mutating func index(_ i: Int) {
        let alert = alerts[i]
        let fingerprint = alert.fingerprint
        if alert.isActive {
            if let j = activeByFingerprint[fingerprint], j != i, alerts[j].isActive, alerts[j].raisedAt > alert.raisedAt
            {
                return
            }
            activeByFingerprint[fingerprint] = i
        } else {
            if activeByFingerprint[fingerprint] == i { activeByFingerprint[fingerprint] = nil }
            if let j = latestResolvedByFingerprint[fingerprint], j != i,
                (alerts[j].resolvedAt ?? .distantPast) > (alert.resolvedAt ?? .distantPast)
            {
                return
            }
            latestResolvedByFingerprint[fingerprint] = i
        }
    }

    // MARK: - Suppression and notification

    /// What should keep this alert quiet now: a silence in force whose matchers match its labels (checked
    /// first: a person asked for it), else an active alert of an inhibiting rule on the same entity.
    func desiredSuppression(_ i: Int) -> AlertSuppression? {
        let alert = alerts[i]
        guard alert.isActive, !alert.shadow else { return nil }
        if let silence = silences.first(where: { $0.isActive(at: now) && $0.matches(alert.labels) }) {
            return .silenced(silence.id)
        }
        var inhibitors: [String] = []
        for j in activeAlerts(on: alert.entity) where j != i {
            let source = alerts[j]
            guard !source.shadow, source.rule != alert.rule, let rule = book.rules[source.rule], rule.enabled,
                rule.inhibits.contains(alert.rule)
            else { continue }
            // Two rules that inhibit each other: only the more severe one (then the smaller rule id) wins.
            if let target = book.rules[alert.rule], target.inhibits.contains(source.rule),
                (target.severity.rank, target.id) < (rule.severity.rank, rule.id)
            {
                continue
            }
            inhibitors.append(source.fingerprint)
        }
        return inhibitors.min().map { .inhibited($0) }
    }

    /// Brings the alert's suppression up to date (auditing each change), then notifies it if it is open,
    /// unsuppressed and nobody has been told yet.
    mutating func reconcile(_ i: Int) {
        guard alerts[i].isActive else { return }
        let old = alerts[i].suppression
        let new = desiredSuppression(i)
        if old != new {
            modify(i) { $0.suppression = new }
            if let old { record(i, old.releaseAction, releaseDetail(old)) }
            if let new { record(i, new.action, suppressionDetail(new, of: i)) }
            if new == nil, alerts[i].state == .open, alerts[i].notifiedAt != nil {
                let due = slaDue(for: alerts[i])
                modify(i) { $0.slaDueAt = due }
            }
        }
        notifyIfDue(i)
    }

    /// First notification of an open, unsuppressed, non-shadow alert; starts its SLA clock.
    mutating func notifyIfDue(_ i: Int) {
        let now = self.now
        let alert = alerts[i]
        guard alert.state == .open, !alert.shadow, alert.suppression == nil, alert.notifiedAt == nil else { return }
        let due = slaDue(for: alert)
        modify(i) {
            $0.notifiedAt = now
            $0.slaDueAt = due
        }
        want(Intent(alert: i, reason: alert.reopenedFrom == nil ? .new : .reopened, recipients: alert.recipients))
    }

    /// `now` + the rule's SLA while the alert can still escalate; nil otherwise.
    func slaDue(for alert: Alert) -> Date? {
        guard alert.escalationLevel < AlertBookConfiguration.maxEscalationLevel, !alert.shadow,
            let sla = book.rules[alert.rule]?.effectiveSLA ?? alert.severity.responseSLA
        else { return nil }
        return now.addingTimeInterval(sla)
    }

    private func suppressionDetail(_ suppression: AlertSuppression, of i: Int) -> String {
        switch suppression {
        case .silenced(let id):
            guard let silence = silences.first(where: { $0.id == id }) else { return "silenced by \(id)" }
            return "silenced by \(id) (\(silence.matchers.map(\.description).joined(separator: ", "))) until "
                + "\(AlertTextRenderer.timestamp(silence.endsAt)), set by \(silence.createdBy): \(silence.reason)"
        case .inhibited(let fingerprint):
            let entity = alerts[i].entity
            let source = activeAlerts(on: entity).map { alerts[$0] }.first { $0.fingerprint == fingerprint }
            return "inhibited by \(source?.rule ?? "another rule")'s alert \(fingerprint) on \(entity)"
        }
    }

    private func releaseDetail(_ suppression: AlertSuppression) -> String {
        switch suppression {
        case .silenced(let id):
            guard let silence = silences.first(where: { $0.id == id }) else { return "silence \(id) no longer applies" }
            return now >= silence.endsAt
                ? "silence \(id) ended at \(AlertTextRenderer.timestamp(silence.endsAt))"
                : "silence \(id) no longer matches"
        case .inhibited(let fingerprint):
            return "inhibiting alert \(fingerprint) is no longer active"
        }
    }

    // MARK: - Result

    /// The step's changes: changed alerts in the order they first changed, audit lines, and one notification
    /// per intent and recipient — most severe alerts first, so the hourly budget goes to them; past the budget
    /// a notification waits for the digest (critical ones never do).
    func changeSet() -> AlertChangeSet {
        var result = AlertChangeSet(alerts: changed.map { alerts[$0] }, audit: audit)
        var counts = recentNotifications
        var seen: Set<String> = []
        let ordered = intents.enumerated().sorted {
            let (a, b) = (alerts[$0.element.alert], alerts[$1.element.alert])
            return (a.severity.rank, $0.offset) < (b.severity.rank, $1.offset)
        }
        for (_, intent) in ordered {
            let alert = alerts[intent.alert]
            var queued: [String] = []
            var digested: [String] = []
            var bypassed = false
            for recipient in intent.recipients {
                let count = counts[recipient, default: 0]
                let over = count >= book.configuration.throttlePerHour
                let throttled = over && alert.severity != .critical
                bypassed = bypassed || (over && !throttled)
                var notification = AlertNotification(
                    alert: alert.id, tenant: alert.tenant, fingerprint: alert.fingerprint, recipient: recipient,
                    severity: alert.severity, reason: intent.reason, escalationLevel: alert.escalationLevel,
                    status: throttled ? .digest : .queued, createdAt: now)
                if let suffix = intent.idSuffix { notification.id += suffix }
                guard seen.insert(notification.id).inserted else { continue }
                result.notifications.append(notification)
                if throttled {
                    digested.append(recipient.rawValue)
                } else {
                    counts[recipient] = count + 1
                    queued.append(recipient.rawValue)
                }
            }
            let what = "\(intent.reason.rawValue), level \(alert.escalationLevel)"
            if !queued.isEmpty {
                result.audit.append(
                    AlertAuditEntry(
                        alert: alert.id, tenant: alert.tenant, at: now, actor: "pulse", action: .notified,
                        fromState: alert.state, toState: alert.state,
                        detail: "notified \(queued.joined(separator: ", ")) (\(what))"
                            + (bypassed ? "; critical, so past the hourly limit it is still sent at once" : "")))
            }
            if !digested.isEmpty {
                result.audit.append(
                    AlertAuditEntry(
                        alert: alert.id, tenant: alert.tenant, at: now, actor: "pulse", action: .throttled,
                        fromState: alert.state, toState: alert.state,
                        detail: "to \(digested.joined(separator: ", ")) (throttled → digest: over "
                            + "\(book.configuration.throttlePerHour) notifications in the hour; \(what))"))
            }
        }
        return result
    }
}

extension AlertSuppression {
    /// The audit action for entering this suppression.
    fileprivate var action: AlertAction {
        switch self {
        case .silenced: .silenced
        case .inhibited: .inhibited
        }
    }

    /// The audit action for leaving it.
    fileprivate var releaseAction: AlertAction {
        switch self {
        case .silenced: .unsilenced
        case .inhibited: .uninhibited
        }
    }
}
