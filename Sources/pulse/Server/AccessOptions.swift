import ArgumentParser
import Foundation
import PulseCore
import PulseStore

/// Options the user, token and outbox commands share: the database, the tenant and who is acting.
struct AccessOptions: ParsableArguments {
    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp("The tenant to work on.", valueName: "id"))
    var tenant: String = Tenant.defaultID.rawValue

    @Option(
        help: ArgumentHelp("Who is acting, for the audit log (default: $PULSE_USER, else $USER).", valueName: "name"))
    var by: String?

    init() {}

    var tenantID: Tenant.ID { Tenant.ID(tenant) }

    /// The audit log's actor for the command line: "cli:<name>".
    var actor: String {
        if let by, !by.isEmpty { return "cli:\(by)" }
        let env = ProcessInfo.processInfo.environment
        let name = env["PULSE_USER"].flatMap { $0.isEmpty ? nil : $0 } ?? env["USER"].flatMap { $0.isEmpty ? nil : $0 }
        return "cli:\(name ?? "unknown")"
    }

    /// Writes one line to the tenant's audit log for this command's actor.
    func audit(
        _ store: some AccessStore, _ action: String, target: String, detail: String = "", at: Date = Date()
    ) async throws {
        try await store.appendAudit([
            AuditLogEntry(tenant: tenantID, at: at, actor: actor, action: action, target: target, detail: detail)
        ])
    }
}
