import Foundation
import PulseCore

/// Persistence of the alert book: alerts, their audit trail, silences, feedback and the notifications waiting
/// for delivery. Every backend implements it next to `PulseStore`; state survives restarts.
public protocol AlertStore: Sendable {
    /// Saves a change set in one transaction: alerts inserted or replaced by id (new ones get the next `number`),
    /// audit lines appended, notifications inserted unless their id exists (never twice), feedback appended,
    /// silences inserted or replaced. Returns every saved alert with its number.
    @discardableResult
    func save(_ changes: AlertChangeSet) async throws -> [Alert]

    /// Alerts not resolved, for the alert book's state.
    func activeAlerts(tenant: Tenant.ID) async throws -> [Alert]
    /// Alerts not resolved on any of these entities (what an incremental evaluation of them needs).
    func activeAlerts(tenant: Tenant.ID, entities: Set<EntityRef>) async throws -> [Alert]
    /// Alerts matching a filter, most severe first, then newest first.
    func alerts(_ filter: AlertFilter) async throws -> [Alert]
    /// How many alerts match a filter (its `limit` and `offset` are ignored): the total of a paged listing.
    func alertCount(_ filter: AlertFilter) async throws -> Int
    /// The alert with this number, if any.
    func alert(number: Int64, tenant: Tenant.ID) async throws -> Alert?
    /// The alert with this id, if any.
    func alert(id: Alert.ID) async throws -> Alert?
    /// The latest alert (any state) with this fingerprint, if any.
    func latestAlert(fingerprint: String, tenant: Tenant.ID) async throws -> Alert?
    /// An alert's audit trail, oldest first.
    func audit(alert: Alert.ID) async throws -> [AlertAuditEntry]
    /// The tenant's whole audit trail in a time range, oldest first.
    func audit(tenant: Tenant.ID, from: Date, to: Date) async throws -> [AlertAuditEntry]
    /// Silences, newest first; expired ones only when asked.
    func silences(tenant: Tenant.ID, includeExpired: Bool, now: Date) async throws -> [Silence]
    /// All feedback of a tenant, oldest first.
    func feedback(tenant: Tenant.ID) async throws -> [AlertFeedback]
    /// Notifications, oldest first; `status` filters when given.
    func notifications(tenant: Tenant.ID, status: AlertNotification.Status?, limit: Int) async throws
        -> [AlertNotification]
    /// Sets the status of the tenant's notifications with these ids (the delivery side marks them `sent`);
    /// returns how many changed. Unknown ids are ignored.
    @discardableResult
    func setNotificationStatus(_ status: AlertNotification.Status, ids: [String], tenant: Tenant.ID) async throws
        -> Int
    /// Notifications per recipient created at or after `since` with status `queued` or `sent` (throttling input).
    func notificationCounts(tenant: Tenant.ID, since: Date) async throws -> [Rep.ID: Int]
    /// Per rule: how many alerts were raised and how many are in each state (for `pulse rules stats`).
    func alertCountsByRule(tenant: Tenant.ID) async throws -> [Rule.ID: [AlertState: Int]]
}
