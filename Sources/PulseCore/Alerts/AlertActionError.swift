import Foundation

/// A user action on an alert that cannot be done: the alert is gone or resolved, the action was already done,
/// or its argument is wrong. `message` says which alert, what is wrong and what to do instead.
public struct AlertActionError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of refusal this is (stable, for scripts and HTTP mapping).
    public enum Code: String, Hashable, Sendable, CaseIterable {
        case notFound = "alert_not_found"
        case alreadyResolved = "already_resolved"
        case alreadyAcknowledged = "already_acknowledged"
        case alreadyAssigned = "already_assigned"
        case snoozeNotInFuture = "snooze_not_in_future"
        case unknownRep = "unknown_rep"
    }

    public var code: Code
    public var message: String
    /// The alert acted on, when there is one.
    public var alert: Alert.ID?

    public init(code: Code, message: String, alert: Alert.ID? = nil) {
        self.code = code
        self.message = message
        self.alert = alert
    }

    public var description: String { message }

    /// For callers that look an alert up by the number or id a user typed and find nothing.
    public static func notFound(_ reference: String, tenant: Tenant.ID) -> AlertActionError {
        AlertActionError(
            code: .notFound,
            message: "no alert \(reference) in tenant \(tenant); list alerts with `pulse alerts` "
                + "(add --state resolved to see resolved ones)")
    }

    static func alreadyResolved(_ alert: Alert, action: String) -> AlertActionError {
        AlertActionError(
            code: .alreadyResolved,
            message: "\(AlertTextRenderer.label(alert)) is already resolved (by \(alert.resolvedBy ?? "?") at "
                + "\(alert.resolvedAt.map(AlertTextRenderer.timestamp) ?? "?")); it cannot be \(action) — "
                + "if the condition fires again, a new alert opens",
            alert: alert.id)
    }

    static func alreadyAcknowledged(_ alert: Alert) -> AlertActionError {
        AlertActionError(
            code: .alreadyAcknowledged,
            message: "\(AlertTextRenderer.label(alert)) is already acknowledged by \(alert.acknowledgedBy ?? "?") at "
                + "\(alert.acknowledgedAt.map(AlertTextRenderer.timestamp) ?? "?"); nothing to do",
            alert: alert.id)
    }

    static func alreadyAssigned(_ alert: Alert, to rep: Rep.ID) -> AlertActionError {
        AlertActionError(
            code: .alreadyAssigned,
            message: "\(AlertTextRenderer.label(alert)) is already assigned to \(rep); nothing to do",
            alert: alert.id)
    }

    static func snoozeNotInFuture(_ alert: Alert, until: Date, now: Date) -> AlertActionError {
        AlertActionError(
            code: .snoozeNotInFuture,
            message: "cannot snooze \(AlertTextRenderer.label(alert)) until \(AlertTextRenderer.timestamp(until)): "
                + "that is not in the future (now is \(AlertTextRenderer.timestamp(now))); give a later time",
            alert: alert.id)
    }

    static func unknownRep(_ alert: Alert, rep: Rep.ID, org: OrgChart) -> AlertActionError {
        let known = org.reps.keys.map(\.rawValue)
        let near =
            known
            .map { ($0, EditDistance.between($0, rep.rawValue)) }
            .filter { $0.1 <= max(2, rep.rawValue.count / 3) }
            .sorted { ($0.1, $0.0) < ($1.1, $1.0) }
            .prefix(3).map(\.0)
        let hint: String
        if !near.isEmpty {
            hint = "did you mean \(near.joined(separator: ", "))?"
        } else if known.isEmpty {
            hint = "the tenant has no reps; ingest reps first"
        } else {
            let sample = known.sorted().prefix(5).joined(separator: ", ")
            hint = "known reps include \(sample)\(known.count > 5 ? " (\(known.count) in total)" : "")"
        }
        return AlertActionError(
            code: .unknownRep,
            message: "cannot assign \(AlertTextRenderer.label(alert)) to \(rep): no rep with that id; \(hint)",
            alert: alert.id)
    }
}
