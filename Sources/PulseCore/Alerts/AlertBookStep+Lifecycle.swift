import Foundation

extension AlertBookStep {
    /// A firing with no active alert for its fingerprint: a new alert (pending when the rule has `pendingFor`),
    /// marked reopened when the previous one auto-resolved within the flap window. A firing within the flap
    /// window after a user resolved the previous alert is held back (the CRM may not show the fix yet).
    mutating func raise(rule: Rule, entity: EntityRef, match: RuleMatch, fingerprint: String) {
        let window = book.configuration.flapWindow.timeInterval
        var previous: Alert?
        if let j = latestResolved(fingerprint: fingerprint), let resolvedAt = alerts[j].resolvedAt,
            now.timeIntervalSince(resolvedAt) < window
        {
            if alerts[j].resolvedBy != AlertBook.engineActor { return }
            previous = alerts[j]
        }
        let seconds = Int64(now.timeIntervalSince1970.rounded(.down))
        var id = Alert.ID("\(fingerprint)-\(seconds)")
        var n = 1
        while contains(id: id) {
            n += 1
            id = Alert.ID("\(fingerprint)-\(seconds)-\(n)")
        }
        let pendingFor = rule.pendingFor?.seconds ?? 0
        let state: AlertState = pendingFor > 0 ? .pending : .open
        let routing = org.recipients(roles: rule.recipients, entity: entity, owner: match.owner, related: match.related)
        let alert = Alert(
            id: id, tenant: book.configuration.tenant, fingerprint: fingerprint, rule: rule.id,
            severity: rule.severity, category: rule.category, entity: entity, entityName: match.entityName,
            owner: match.owner, recipients: routing.reps, assignee: match.owner,
            labels: book.labels(rule: rule, entity: entity, match: match), state: state, shadow: rule.shadow,
            raisedAt: now, openedAt: state == .open ? now : nil, lastFiringAt: now, updatedAt: now,
            content: AlertComposer.content(rule: rule, match: match, org: org, now: now), facts: match.facts,
            impactCents: match.impactCents, reopenedFrom: previous?.id)
        let i = add(alert, isNew: true)
        var detail = "\(alert.content.title) — \(alert.content.entityLine)"
        if let fact = alert.content.facts.first { detail += "; \(fact)" }
        if let previous, let resolvedAt = previous.resolvedAt {
            detail +=
                "; fired again \(Self.span(now.timeIntervalSince(resolvedAt))) after alert \(previous.id) "
                + "resolved (flap window \(book.configuration.flapWindow))"
        }
        if state == .pending {
            detail += "; pending: notifies once it has held for \(rule.pendingFor.map(\.description) ?? "")"
        }
        if rule.shadow { detail += "; shadow rule: recorded, never notified" }
        detail +=
            "; recipients: \(routing.reps.isEmpty ? "nobody" : routing.reps.map(\.rawValue).joined(separator: ", "))"
        if !routing.notes.isEmpty { detail += " (\(routing.notes.joined(separator: "; ")))" }
        record(i, previous == nil ? .raised : .reopened, from: nil, to: state, detail)
    }

    /// A firing of an active alert: refreshes its facts, text, labels and routing (never its severity); cancels
    /// a pending resolution; opens a pending alert whose `pendingFor` has passed. No new notification.
    mutating func fire(_ i: Int, rule: Rule, match: RuleMatch) {
        let now = self.now
        let old = alerts[i]
        let routing = org.escalationRecipients(
            level: old.escalationLevel, roles: rule.recipients, entity: old.entity, owner: match.owner,
            related: match.related)
        let labels = book.labels(rule: rule, entity: old.entity, match: match)
        let content = AlertComposer.content(rule: rule, match: match, org: org, now: now)
        modify(i) {
            $0.lastFiringAt = now
            $0.clearSince = nil
            $0.facts = match.facts
            $0.content = content
            $0.impactCents = match.impactCents
            $0.entityName = match.entityName
            $0.labels = labels
            $0.recipients = routing.reps
            if $0.assignee == nil || $0.assignee == old.owner { $0.assignee = match.owner }
            $0.owner = match.owner
            $0.shadow = rule.shadow
        }
        if let since = old.clearSince {
            record(
                i, .updated, "condition holds again (clear since \(AlertTextRenderer.timestamp(since))); not resolved")
        }
        if old.shadow != rule.shadow {
            record(i, .updated, rule.shadow ? "rule is in shadow mode: no more notifications" : "rule left shadow mode")
            if rule.shadow { modify(i) { $0.slaDueAt = nil } }
        }
        if old.owner != match.owner {
            record(
                i, .updated,
                "owner changed from \(old.owner?.rawValue ?? "nobody") to \(match.owner?.rawValue ?? "nobody")")
        }
        openIfPendingPassed(i, rule: rule)
    }

    /// An evaluation that no longer fires: a pending alert resolves at once (it never notified); any other
    /// waits until the condition has been clear for `resolveAfter` (rule's, else the configuration's).
    mutating func clear(_ i: Int, rule: Rule) {
        let now = self.now
        let alert = alerts[i]
        if alert.state == .pending {
            resolveAutomatically(
                i,
                "resolved by pulse: condition cleared before the \(rule.pendingFor.map(\.description) ?? "") pending period ended"
            )
            return
        }
        let since = alert.clearSince ?? now
        if alert.clearSince == nil { modify(i) { $0.clearSince = now } }
        if !resolveIfClearLongEnough(i, rule: rule), alert.clearSince == nil {
            let wait = resolveAfter(rule)
            record(
                i, .updated,
                "condition cleared; resolves at \(AlertTextRenderer.timestamp(since.addingTimeInterval(wait))) unless it holds again"
            )
        }
    }

    /// Clock-driven changes of one alert: pending → open, clear → resolved.
    mutating func advanceClock(_ i: Int, rule: Rule) {
        if alerts[i].state == .pending, alerts[i].clearSince == nil {
            openIfPendingPassed(i, rule: rule)
        } else if alerts[i].clearSince != nil {
            _ = resolveIfClearLongEnough(i, rule: rule)
        }
    }

    /// Ends a snooze whose time has come: back to open. True when someone was told before and should be
    /// reminded (see `remind`).
    mutating func endSnooze(_ i: Int) -> Bool {
        let now = self.now
        let alert = alerts[i]
        guard alert.state == .snoozed, let until = alert.snoozedUntil, now >= until else { return false }
        modify(i) {
            $0.state = .open
            $0.snoozedUntil = nil
            if $0.openedAt == nil { $0.openedAt = now }
        }
        record(i, .unsnoozed, from: .snoozed, to: .open, "snooze ended (until \(AlertTextRenderer.timestamp(until)))")
        return alert.notifiedAt != nil
    }

    /// After a snooze: tells the current recipients again (reason `reopened`; the notification id carries
    /// `|snooze@<Unix seconds>` so a second snooze can remind again) and restarts the SLA clock — unless the
    /// alert is suppressed, in shadow mode or already clearing.
    mutating func remind(_ i: Int) {
        let alert = alerts[i]
        guard alert.state == .open, !alert.shadow, alert.suppression == nil, alert.clearSince == nil else { return }
        let due = slaDue(for: alert)
        modify(i) { $0.slaDueAt = due }
        let seconds = Int64(now.timeIntervalSince1970.rounded(.down))
        want(Intent(alert: i, reason: .reopened, recipients: alert.recipients, idSuffix: "|snooze@\(seconds)"))
    }

    /// When the SLA has run out on an open, notified, unsuppressed alert: one level up (1 = the owner's
    /// manager(s), 2 = the executives; a level whose people already have it is skipped), notifications with
    /// reason `escalated`, and a new SLA at level 1 (none at the top level).
    mutating func escalateIfDue(_ i: Int, rule: Rule) {
        let alert = alerts[i]
        let top = AlertBookConfiguration.maxEscalationLevel
        guard alert.state == .open, !alert.shadow, alert.suppression == nil, let due = alert.slaDueAt, now >= due,
            alert.escalationLevel < top
        else { return }
        var level = alert.escalationLevel + 1
        var routing = org.escalationRecipients(
            level: level, roles: rule.recipients, entity: alert.entity, owner: alert.owner, related: alert.labels)
        while level < top, Set(routing.reps).isSubset(of: alert.recipients) {
            level += 1
            routing = org.escalationRecipients(
                level: level, roles: rule.recipients, entity: alert.entity, owner: alert.owner, related: alert.labels)
        }
        modify(i) {
            $0.escalationLevel = level
            $0.recipients = routing.reps
        }
        let next = slaDue(for: alerts[i])
        modify(i) { $0.slaDueAt = next }
        let sla = rule.effectiveSLA ?? alert.severity.responseSLA ?? 0
        var detail =
            "unacknowledged past its \(Self.span(sla)) SLA (due \(AlertTextRenderer.timestamp(due))) → level \(level) "
            + "(\(level == 1 ? "manager" : "executive")): "
            + (routing.reps.isEmpty ? "nobody" : routing.reps.map(\.rawValue).joined(separator: ", "))
        if !routing.notes.isEmpty { detail += " (\(routing.notes.joined(separator: "; ")))" }
        record(i, .escalated, from: .open, to: .open, detail)
        want(Intent(alert: i, reason: .escalated, recipients: routing.reps))
    }

    // MARK: - Helpers

    private mutating func openIfPendingPassed(_ i: Int, rule: Rule) {
        let now = self.now
        let alert = alerts[i]
        let pendingFor = TimeInterval(rule.pendingFor?.seconds ?? 0)
        guard alert.state == .pending, now.timeIntervalSince(alert.raisedAt) >= pendingFor else { return }
        modify(i) {
            $0.state = .open
            $0.openedAt = now
        }
        record(
            i, .opened, from: .pending, to: .open,
            "held for \(Self.span(now.timeIntervalSince(alert.raisedAt))) since \(AlertTextRenderer.timestamp(alert.raisedAt)) "
                + "(pending_for \(rule.pendingFor.map(\.description) ?? "0"))")
    }

    private func resolveAfter(_ rule: Rule) -> TimeInterval {
        (rule.resolveAfter ?? book.configuration.defaultResolveAfter)?.timeInterval ?? 0
    }

    /// Resolves the alert when its condition has been clear for `resolveAfter`; true when it did.
    private mutating func resolveIfClearLongEnough(_ i: Int, rule: Rule) -> Bool {
        guard let since = alerts[i].clearSince else { return false }
        let wait = resolveAfter(rule)
        guard now.timeIntervalSince(since) >= wait else { return false }
        resolveAutomatically(
            i,
            "resolved by pulse: condition cleared"
                + (wait > 0
                    ? " (clear since \(AlertTextRenderer.timestamp(since)), resolve_after \(Self.span(wait)))" : ""))
        return true
    }

    /// Resolution by the engine; tells the recipients when `notifyOnResolve` is on and they were told before.
    mutating func resolveAutomatically(_ i: Int, _ detail: String) {
        let now = self.now
        let from = alerts[i].state
        modify(i) {
            $0.state = .resolved
            $0.resolvedAt = now
            $0.resolvedBy = AlertBook.engineActor
            $0.slaDueAt = nil
            $0.suppression = nil
            $0.snoozedUntil = nil
            if $0.clearSince == nil { $0.clearSince = now }
        }
        record(i, .resolved, from: from, to: .resolved, detail)
        let alert = alerts[i]
        if book.configuration.notifyOnResolve, alert.notifiedAt != nil, !alert.shadow {
            want(Intent(alert: i, reason: .resolved, recipients: alert.recipients))
        }
    }

    /// "4h", "20m", "2d", "1h30m".
    static func span(_ seconds: TimeInterval) -> String {
        let s = Int64(seconds.rounded())
        if s >= 86_400, s % 86_400 == 0 { return "\(s / 86_400)d" }
        if s >= 3600 {
            let m = s % 3600 / 60
            return m == 0 ? "\(s / 3600)h" : "\(s / 3600)h\(m)m"
        }
        if s >= 60 { return "\(s / 60)m" }
        return "\(s)s"
    }
}
