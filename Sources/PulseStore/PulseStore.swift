import Foundation
import PulseCore

/// Persistence for Pulse: every backend (embedded SQLite, PostgreSQL) implements this and passes one test suite.
///
/// Methods are async and named for intent. Every write is one transaction: it lands whole or not at all.
public protocol PulseStore: Sendable {
    /// Writes a validated batch in one transaction. Event ids already stored make their events no-ops;
    /// a record whose id exists is replaced only by a newer or equal `updatedAt` (newest wins).
    func apply(_ batch: IngestBatch) async throws -> ApplySummary

    /// Writes a streamed run in one transaction: every chunk `chunks` delivers, in order, committed when the
    /// channel finishes, rolled back (nothing written) when it fails or a write fails. `expectedRows` (an estimate
    /// of the run's rows) lets an empty store load big tables without maintaining their indexes row by row.
    func apply(chunks: ChunkChannel, expectedRows: Int) async throws -> ApplySummary

    /// The subset of `ids` that already exist for the tenant.
    func existingDealIDs(_ ids: Set<Deal.ID>, tenant: Tenant.ID) async throws -> Set<Deal.ID>

    /// The subset of event ids that were already ingested.
    func existingEventIDs(_ ids: Set<String>) async throws -> Set<String>

    /// Whether any event envelope is stored; when not, an ingest run skips collecting and asking its event ids.
    func hasEvents() async throws -> Bool

    /// Whether the store holds no records and no events at all (a first load); an ingest run streams its write in
    /// many chunks only then, because only then is the streamed result identical to one whole batch.
    func isEmpty() async throws -> Bool

    /// Subscription id → account id, for usage rows that name only a subscription.
    func subscriptionAccounts(_ ids: Set<Subscription.ID>, tenant: Tenant.ID) async throws
        -> [Subscription.ID: Account.ID]

    /// The subset of `ids` that are the tenant's stored contacts who opted out of tracking (the ingest gate asks).
    func optedOutContacts(_ ids: Set<Contact.ID>, tenant: Tenant.ID) async throws -> Set<Contact.ID>

    func tenants() async throws -> [Tenant]
    func accounts(tenant: Tenant.ID) async throws -> [Account]
    func contacts(tenant: Tenant.ID) async throws -> [Contact]
    func reps(tenant: Tenant.ID) async throws -> [Rep]
    func products(tenant: Tenant.ID) async throws -> [Product]
    /// All deals of a tenant with their full stage history.
    func deals(tenant: Tenant.ID) async throws -> [Deal]
    func deal(_ id: Deal.ID, tenant: Tenant.ID) async throws -> Deal?
    /// Activities whose `occurredAt` is in [from, to), oldest first.
    func activities(tenant: Tenant.ID, from: Date, to: Date) async throws -> [Activity]
    /// Slim rows for metric computation (no text), all of the tenant's activities.
    func activityFacts(tenant: Tenant.ID) async throws -> [ActivityFact]
    /// Engagement events whose `occurredAt` is in [from, to).
    func engagement(tenant: Tenant.ID, from: Date, to: Date) async throws -> [EngagementEvent]
    func tickets(tenant: Tenant.ID) async throws -> [SupportTicket]
    func targets(tenant: Tenant.ID) async throws -> [KpiTarget]
    func subscriptions(tenant: Tenant.ID) async throws -> [Subscription]
    func churnEvents(tenant: Tenant.ID) async throws -> [ChurnEvent]

    /// Quarantined rows, newest batch first; `source` filters by file name when given.
    func quarantine(source: String?, limit: Int) async throws -> [QuarantineRecord]
    /// Corrections recorded by the gates, newest first.
    func corrections(limit: Int) async throws -> [Correction]
    /// Row counts per table, for summaries and tests.
    func counts() async throws -> StoreCounts
}

/// What `apply` did: per record kind, how many rows were new, replaced, or already there.
public struct ApplySummary: Sendable, Equatable {
    /// New rows, by kind ("deals", "activities", …).
    public var inserted: [String: Int] = [:]
    /// Existing rows replaced by a newer version.
    public var updated: [String: Int] = [:]
    /// Rows skipped because the same or a newer version was already stored, or the event id was seen.
    public var unchanged: [String: Int] = [:]
    public var quarantined: Int = 0
    public var corrections: Int = 0

    public init() {}

    public var totalInserted: Int { inserted.values.reduce(0, +) }
    public var totalUpdated: Int { updated.values.reduce(0, +) }
    public var totalUnchanged: Int { unchanged.values.reduce(0, +) }
}

/// Row counts per table.
public struct StoreCounts: Sendable, Equatable {
    public var byTable: [String: Int]

    public init(byTable: [String: Int]) { self.byTable = byTable }

    public subscript(_ table: String) -> Int { byTable[table, default: 0] }
}

/// Store failures, each with a sentence that says what to do.
public struct StoreError: Error, CustomStringConvertible, Sendable {
    public var code: String
    public var message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
