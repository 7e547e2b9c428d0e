import Foundation
import PulseCore

/// What one engine step did: how much it evaluated and how the alert book changed.
public struct EvaluationOutcome: Sendable {
    public var now: Date
    /// (rule, entity) pairs evaluated.
    public var evaluated: Int
    /// Of those, how many found the condition holding.
    public var firing: Int
    /// Alerts raised in this step (new ids).
    public var opened: [Alert]
    /// Alerts that resolved in this step.
    public var resolved: [Alert]
    /// Alerts that escalated a level in this step.
    public var escalated: [Alert]
    /// Notifications written for delivery now / for the next digest.
    public var queuedNotifications: Int
    public var digestNotifications: Int
    /// Every alert saved in this step, with its number.
    public var saved: [Alert]
    public var duration: Duration

    init(now: Date, evaluations: [RuleEvaluation], changes: AlertChangeSet, saved: [Alert], duration: Duration) {
        self.now = now
        self.evaluated = evaluations.count
        self.firing = evaluations.reduce(0) { $0 + ($1.isFiring ? 1 : 0) }
        let byID = Dictionary(saved.map { ($0.id, $0) }, uniquingKeysWith: { _, last in last })
        func alerts(_ action: AlertAction) -> [Alert] {
            var seen = Set<Alert.ID>()
            return changes.audit.filter { $0.action == action }.compactMap { entry in
                guard seen.insert(entry.alert).inserted else { return nil }
                return byID[entry.alert]
            }
        }
        self.opened = alerts(.raised)
        self.resolved = alerts(.resolved)
        self.escalated = alerts(.escalated)
        self.queuedNotifications = changes.notifications.filter { $0.status == .queued }.count
        self.digestNotifications = changes.notifications.filter { $0.status == .digest }.count
        self.saved = saved
        self.duration = duration
    }
}
