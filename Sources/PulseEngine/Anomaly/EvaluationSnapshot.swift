import Foundation
import PulseCore
import PulseStore

/// One tenant's stored records as `EvaluationData`, the way the engine loads them, for commands that read a
/// series without evaluating rules (`pulse anomalies`).
public enum EvaluationSnapshot {
    public static func load(from store: any PulseStore, tenant: Tenant.ID, now: Date) async throws -> EvaluationData {
        try await StoreSnapshot.load(from: store, tenant: tenant, now: now)
    }
}
