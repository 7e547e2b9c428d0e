import Foundation

extension AlertBook {
    /// Someone takes the alert: open, pending or snoozed → acknowledged. Stops escalation (and a pending alert
    /// will not notify). Acknowledging twice or a resolved alert is an error.
    public func acknowledge(_ alert: Alert, by user: String, now: Date) throws(AlertActionError) -> AlertChangeSet {
        if alert.state == .resolved { throw .alreadyResolved(alert, action: "acknowledged") }
        if alert.state == .acknowledged { throw .alreadyAcknowledged(alert) }
        var changed = alert
        changed.state = .acknowledged
        changed.acknowledgedAt = now
        changed.acknowledgedBy = user
        changed.snoozedUntil = nil
        changed.slaDueAt = nil
        changed.updatedAt = now
        let escalation = alert.escalationLevel > 0 ? " at escalation level \(alert.escalationLevel)" : ""
        return Self.changes(
            changed, from: alert.state, action: .acknowledged, by: user, now: now,
            "acknowledged by \(user)\(escalation); escalation stopped")
    }

    /// Puts the alert aside until `until` (which must be after `now`): → snoozed, no escalation meanwhile.
    /// When the time comes, `tick` reopens it and reminds its recipients. Snoozing again moves the time.
    public func snooze(_ alert: Alert, until: Date, by user: String, now: Date) throws(AlertActionError)
        -> AlertChangeSet
    {
        if alert.state == .resolved { throw .alreadyResolved(alert, action: "snoozed") }
        if until <= now { throw .snoozeNotInFuture(alert, until: until, now: now) }
        var changed = alert
        changed.state = .snoozed
        changed.snoozedUntil = until
        changed.slaDueAt = nil
        changed.updatedAt = now
        return Self.changes(
            changed, from: alert.state, action: .snoozed, by: user, now: now,
            "snoozed until \(AlertTextRenderer.timestamp(until)) by \(user)")
    }

    /// A user closes the alert (with an optional note). If the condition still holds, no new alert is raised
    /// for it within the flap window; after that a new alert opens.
    public func resolve(_ alert: Alert, by user: String, note: String?, now: Date) throws(AlertActionError)
        -> AlertChangeSet
    {
        if alert.state == .resolved { throw .alreadyResolved(alert, action: "resolved again") }
        var changed = alert
        changed.state = .resolved
        changed.resolvedAt = now
        changed.resolvedBy = user
        changed.resolutionNote = note
        changed.slaDueAt = nil
        changed.snoozedUntil = nil
        changed.suppression = nil
        changed.updatedAt = now
        let text = note.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
        return Self.changes(
            changed, from: alert.state, action: .resolved, by: user, now: now,
            "resolved by \(user)" + (text.map { ": \($0)" } ?? ""))
    }

    /// Makes a rep (who must be in the org chart) the alert's assignee. Assigning to the current assignee or
    /// assigning a resolved alert is an error.
    public func assign(_ alert: Alert, to rep: Rep.ID, by user: String, org: OrgChart, now: Date)
        throws(AlertActionError) -> AlertChangeSet
    {
        if alert.state == .resolved { throw .alreadyResolved(alert, action: "assigned") }
        guard org.rep(rep) != nil else { throw .unknownRep(alert, rep: rep, org: org) }
        if alert.assignee == rep { throw .alreadyAssigned(alert, to: rep) }
        var changed = alert
        changed.assignee = rep
        changed.updatedAt = now
        return Self.changes(
            changed, from: alert.state, action: .assigned, by: user, now: now,
            "assigned to \(org.displayName(rep)) by \(user)"
                + (alert.assignee.map { " (was \($0.rawValue))" } ?? ""))
    }

    /// A verdict on the alert, in any state. Each user has one verdict per alert: a later one replaces the
    /// earlier (the store keeps both lines; `RuleStats` counts only the latest per user and alert).
    public func feedback(
        _ alert: Alert, verdict: AlertFeedback.Verdict, by user: String, note: String?, now: Date
    ) -> AlertChangeSet {
        let text = note.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
        let entry = AlertFeedback(
            alert: alert.id, tenant: alert.tenant, rule: alert.rule, verdict: verdict, by: user, at: now, note: text)
        let audit = AlertAuditEntry(
            alert: alert.id, tenant: alert.tenant, at: now, actor: user, action: .feedback, fromState: alert.state,
            toState: alert.state, detail: "\(user) marked it \(verdict.rawValue)" + (text.map { ": \($0)" } ?? ""))
        return AlertChangeSet(audit: [audit], feedback: [entry])
    }

    private static func changes(
        _ alert: Alert, from: AlertState, action: AlertAction, by user: String, now: Date, _ detail: String
    ) -> AlertChangeSet {
        AlertChangeSet(
            alerts: [alert],
            audit: [
                AlertAuditEntry(
                    alert: alert.id, tenant: alert.tenant, at: now, actor: user, action: action, fromState: from,
                    toState: alert.state, detail: detail)
            ])
    }
}
