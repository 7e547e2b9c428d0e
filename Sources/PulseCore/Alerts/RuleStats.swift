import Foundation

/// How one rule's alerts went: how many were raised, handled and resolved, and whether people found them
/// useful — precision = helpful ÷ (helpful + noise), as `pulse rules stats` prints it.
public struct RuleStats: Hashable, Sendable {
    public var rule: Rule.ID
    /// Alerts raised (every state, shadow ones included).
    public var raised: Int
    /// Alerts not yet resolved.
    public var active: Int
    /// Alerts someone acknowledged (at any point).
    public var acknowledged: Int
    /// Alerts resolved, split into `autoResolved` (the condition cleared) and `manuallyResolved` (a user).
    public var resolved: Int
    public var autoResolved: Int
    public var manuallyResolved: Int
    /// Alerts recorded by the rule in shadow mode.
    public var shadow: Int
    /// Latest verdict per user and alert.
    public var helpful: Int
    public var noise: Int
    /// helpful ÷ (helpful + noise); nil without feedback.
    public var precision: Double?
    /// Median of acknowledgedAt − openedAt (raisedAt when it never opened), in whole seconds, over acknowledged
    /// alerts.
    public var medianTimeToAcknowledge: TimeInterval?

    public init(
        rule: Rule.ID, raised: Int = 0, active: Int = 0, acknowledged: Int = 0, resolved: Int = 0,
        autoResolved: Int = 0, manuallyResolved: Int = 0, shadow: Int = 0, helpful: Int = 0, noise: Int = 0,
        precision: Double? = nil, medianTimeToAcknowledge: TimeInterval? = nil
    ) {
        self.rule = rule
        self.raised = raised
        self.active = active
        self.acknowledged = acknowledged
        self.resolved = resolved
        self.autoResolved = autoResolved
        self.manuallyResolved = manuallyResolved
        self.shadow = shadow
        self.helpful = helpful
        self.noise = noise
        self.precision = precision
        self.medianTimeToAcknowledge = medianTimeToAcknowledge
    }

    /// Statistics per rule, sorted by rule id: every rule with alerts or feedback, plus `rules` (zeros).
    /// A user who gave several verdicts on one alert counts once, with the latest (ties: the later line).
    public static func compute(alerts: [Alert], feedback: [AlertFeedback], rules: [Rule.ID] = []) -> [RuleStats] {
        var stats: [Rule.ID: RuleStats] = [:]
        for rule in rules { stats[rule] = RuleStats(rule: rule) }
        var waits: [Rule.ID: [TimeInterval]] = [:]
        for alert in alerts {
            var s = stats[alert.rule] ?? RuleStats(rule: alert.rule)
            s.raised += 1
            if alert.shadow { s.shadow += 1 }
            if alert.state == .resolved {
                s.resolved += 1
                if alert.resolvedBy == AlertBook.engineActor { s.autoResolved += 1 } else { s.manuallyResolved += 1 }
            } else {
                s.active += 1
            }
            if let at = alert.acknowledgedAt {
                s.acknowledged += 1
                let wait = at.timeIntervalSince(alert.openedAt ?? alert.raisedAt).rounded()
                waits[alert.rule, default: []].append(max(0, wait))
            }
            stats[alert.rule] = s
        }
        var latest: [VerdictKey: AlertFeedback] = [:]
        for entry in feedback {
            let key = VerdictKey(alert: entry.alert, by: entry.by)
            if let seen = latest[key], seen.at > entry.at { continue }
            latest[key] = entry
        }
        for entry in latest.values {
            var s = stats[entry.rule] ?? RuleStats(rule: entry.rule)
            switch entry.verdict {
            case .helpful: s.helpful += 1
            case .noise: s.noise += 1
            }
            stats[entry.rule] = s
        }
        for (rule, var s) in stats {
            if s.helpful + s.noise > 0 { s.precision = Double(s.helpful) / Double(s.helpful + s.noise) }
            s.medianTimeToAcknowledge = median(waits[rule] ?? [])
            stats[rule] = s
        }
        return stats.values.sorted { $0.rule < $1.rule }
    }

    /// The middle value (mean of the two middle ones for an even count); nil when empty.
    static func median(_ values: [TimeInterval]) -> TimeInterval? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }

    /// One user's verdict slot on one alert.
    private struct VerdictKey: Hashable {
        var alert: Alert.ID
        var by: String
    }
}
