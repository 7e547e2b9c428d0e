import Foundation
import Logging
import PulseCore
import PulseStore

/// What every controller needs: the store, the engines, the configuration, the clock and the route table.
struct APIContext: Sendable {
    let configuration: PulseConfiguration
    let store: ServerStore
    let engines: EngineRegistry
    let routes: RouteTable
    let clock: @Sendable () -> Date
    let logger: Logger
    /// The authentication cache, cleared when a token is revoked or a user changes.
    let principals: PrincipalCache
    /// Encoded alert listings, valid while the tenant's alert feed has not moved.
    let alertLists = AlertListCache()

    /// Writes one access/configuration audit line for the caller.
    func audit(_ principal: Principal, _ action: String, target: String, detail: String = "") async throws {
        try await store.appendAudit([
            AuditLogEntry(
                tenant: principal.tenant, at: clock(), actor: principal.user.id.rawValue, action: action,
                target: target, detail: detail)
        ])
    }
}

extension Principal {
    /// Whether the caller may see a record owned by `rep` (records without an owner only for whole-tenant roles).
    func sees(rep: Rep.ID?) -> Bool {
        guard let visibleReps else { return true }
        guard let rep else { return false }
        return visibleReps.contains(rep)
    }

    /// Whether the caller may see (and act on) an alert: of their tenant, and owned by, addressed to or assigned
    /// to one of their visible reps.
    func sees(_ alert: Alert) -> Bool {
        guard alert.tenant == tenant else { return false }
        guard let visibleReps else { return true }
        if let owner = alert.owner, visibleReps.contains(owner) { return true }
        if let assignee = alert.assignee, visibleReps.contains(assignee) { return true }
        return alert.recipients.contains { visibleReps.contains($0) }
    }
}
