import Foundation

/// The alert lifecycle as a pure state machine: evaluations and the clock in, an `AlertChangeSet` out.
///
/// It never reads or writes storage and never looks at the wall clock: the caller passes the alerts it has,
/// the silences, the org chart, the notification counts of the last hour and `now`, then saves the change set
/// in one transaction. The same inputs always give the same change set.
public struct AlertBook: Sendable {
    /// Loaded rules by id; evaluations of rules missing here or disabled are ignored.
    public let rules: [Rule.ID: Rule]
    public let configuration: AlertBookConfiguration
    /// The actor name of the engine in audit lines and `resolvedBy`.
    public static let engineActor = "pulse"

    public init(rules: [Rule], configuration: AlertBookConfiguration = .init()) {
        var table: [Rule.ID: Rule] = [:]
        for rule in rules { table[rule.id] = rule }
        self.rules = table
        self.configuration = configuration
    }

    /// The fingerprint of a rule's alerts on an entity: tenant, rule id, entity and the rule's static labels.
    /// Owner, severity and facts are not part of it, so a reassigned deal keeps its alert.
    public func fingerprint(rule: Rule, entity: EntityRef) -> String {
        AlertFingerprint.make(tenant: configuration.tenant, rule: rule.id, entity: entity, labels: rule.labels)
    }

    /// An alert's labels: the rule's static labels, then `rule`, `severity`, `scope`, `entity` (`deal:D1`),
    /// `owner`, `category` and the match's related ids (`account`, `team` …); the computed names win over
    /// static labels of the same name, so `severity=critical` always means the alert's severity.
    public func labels(rule: Rule, entity: EntityRef, match: RuleMatch) -> [String: String] {
        var labels = rule.labels
        for (name, value) in match.related where !value.isEmpty { labels[name] = value }
        labels["rule"] = rule.id
        labels["severity"] = rule.severity.rawValue
        labels["scope"] = entity.scope.rawValue
        labels["entity"] = entity.description
        if let owner = match.owner { labels["owner"] = owner.rawValue } else { labels["owner"] = nil }
        if !rule.category.isEmpty { labels["category"] = rule.category }
        return labels
    }

    /// New / updated / resolved alerts, audit lines and notifications for a batch of evaluations.
    ///
    /// - `active`: the tenant's unresolved alerts. Resolved alerts may be included too (those resolved within
    ///   `flapWindow`, e.g. from `AlertStore.latestAlert(fingerprint:)`): a firing whose previous alert
    ///   auto-resolved within the window is marked `reopened`, one whose previous alert a user resolved within
    ///   the window is held back until the window has passed.
    /// - Evaluations of unknown or disabled rules are ignored; of two evaluations of one rule and entity, the
    ///   last counts.
    public func process(
        _ evaluations: [RuleEvaluation], active: [Alert], silences: [Silence], org: OrgChart,
        recentNotifications: [Rep.ID: Int], now: Date
    ) -> AlertChangeSet {
        var step = AlertBookStep(
            book: self, alerts: active, silences: silences, org: org, recent: recentNotifications, now: now)
        var latest: [Pair: RuleEvaluation] = [:]
        for evaluation in evaluations { latest[Pair(rule: evaluation.rule, entity: evaluation.entity)] = evaluation }
        var touched: Set<EntityRef> = []
        for key in latest.keys.sorted() {
            guard let evaluation = latest[key], let rule = rules[key.rule], rule.enabled else { continue }
            touched.insert(key.entity)
            let fingerprint = fingerprint(rule: rule, entity: key.entity)
            if let i = step.active(fingerprint: fingerprint) {
                if let match = evaluation.match {
                    step.fire(i, rule: rule, match: match)
                } else {
                    step.clear(i, rule: rule)
                }
            } else if let match = evaluation.match {
                step.raise(rule: rule, entity: key.entity, match: match, fingerprint: fingerprint)
            }
        }
        // Suppression after every state change of the batch, so a rule raised later in the batch still
        // inhibits, and an inhibitor resolved in this batch releases its targets in this same step.
        for entity in touched.sorted() {
            for i in step.activeAlerts(on: entity) { step.reconcile(i) }
        }
        return step.changeSet()
    }

    /// Time-based transitions: pending → open after `pendingFor`, clear → resolved after `resolveAfter`,
    /// snooze expiry, silences starting and ending, inhibition changes, and SLA escalation
    /// owner → manager → executive. Alerts of unknown or disabled rules are left as they are.
    public func tick(
        active: [Alert], silences: [Silence], org: OrgChart, recentNotifications: [Rep.ID: Int], now: Date
    ) -> AlertChangeSet {
        var step = AlertBookStep(
            book: self, alerts: active, silences: silences, org: org, recent: recentNotifications, now: now)
        var reminders: [Int] = []
        for i in step.indices where step.alerts[i].isActive {
            guard let rule = rules[step.alerts[i].rule], rule.enabled else { continue }
            step.advanceClock(i, rule: rule)
            if step.endSnooze(i) { reminders.append(i) }
        }
        for i in step.indices where step.alerts[i].isActive { step.reconcile(i) }
        for i in reminders { step.remind(i) }
        for i in step.indices where step.alerts[i].isActive {
            guard let rule = rules[step.alerts[i].rule], rule.enabled else { continue }
            step.escalateIfDue(i, rule: rule)
        }
        return step.changeSet()
    }

    /// A rule and an entity: one evaluation slot.
    private struct Pair: Hashable, Comparable {
        var rule: Rule.ID
        var entity: EntityRef

        static func < (a: Pair, b: Pair) -> Bool { (a.rule, a.entity) < (b.rule, b.entity) }
    }
}
