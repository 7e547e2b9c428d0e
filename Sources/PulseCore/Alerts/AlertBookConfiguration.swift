import Foundation

/// Settings of the alert book that are not per rule: tenant, throttle, damping defaults.
public struct AlertBookConfiguration: Hashable, Sendable {
    /// The tenant the book works for: new alerts get it, other tenants' alerts and silences are ignored.
    public var tenant: Tenant.ID
    /// Per recipient, at most this many notifications are queued per hour; the rest get status `digest`.
    /// Critical alerts bypass the limit (they are queued and still count towards it). `Int.max` = no limit.
    public var throttlePerHour: Int
    /// How long a condition must stay clear before its alert resolves, for rules without `resolve_after`;
    /// nil = at once.
    public var defaultResolveAfter: RuleDuration?
    /// A condition that fires again less than this long after its alert auto-resolved opens a new alert marked
    /// `reopened` (reason `reopened`); a manually resolved alert is not raised again within this window.
    public var flapWindow: RuleDuration
    /// Notify the recipients (reason `resolved`) when an alert that notified them resolves by itself.
    public var notifyOnResolve: Bool

    public init(
        tenant: Tenant.ID = Tenant.defaultID, throttlePerHour: Int = 10, defaultResolveAfter: RuleDuration? = nil,
        flapWindow: RuleDuration = .hours(1), notifyOnResolve: Bool = false
    ) {
        self.tenant = tenant
        self.throttlePerHour = throttlePerHour
        self.defaultResolveAfter = defaultResolveAfter
        self.flapWindow = flapWindow
        self.notifyOnResolve = notifyOnResolve
    }

    /// The highest escalation level: 0 = owner, 1 = manager(s), 2 = executive(s).
    public static let maxEscalationLevel = 2
}
