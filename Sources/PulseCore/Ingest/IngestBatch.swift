import Foundation

/// Everything one ingest run wants to write, validated and deduplicated, applied by a store in one transaction.
public struct IngestBatch: Sendable, Equatable {
    public var tenants: [Tenant] = []
    public var accounts: [Account] = []
    public var contacts: [Contact] = []
    public var reps: [Rep] = []
    public var products: [Product] = []
    public var deals: [Deal] = []
    /// Stage moves for deals that already exist (from `deal.stage_changed` events).
    public var stageChanges: [DealStageChange] = []
    public var activities: [Activity] = []
    public var engagement: [EngagementEvent] = []
    public var tickets: [SupportTicket] = []
    public var targets: [KpiTarget] = []
    public var subscriptions: [Subscription] = []
    public var churnEvents: [ChurnEvent] = []
    /// Envelopes of the NDJSON events in the batch; an id already stored makes its event a no-op.
    public var events: [EventRecord] = []
    public var quarantine: [QuarantineRecord] = []
    public var corrections: [Correction] = []

    public init() {}

    /// Number of entity records (not events, quarantine or corrections) in the batch.
    public var recordCount: Int {
        tenants.count + accounts.count + contacts.count + reps.count + products.count + deals.count
            + stageChanges.count + activities.count + engagement.count + tickets.count + targets.count
            + subscriptions.count + churnEvents.count
    }
}

/// A stage move of an existing deal.
public struct DealStageChange: Hashable, Sendable, Codable {
    public var tenant: Tenant.ID
    public var deal: Deal.ID
    public var stage: String
    public var enteredAt: Date
    /// Set when the new stage closes the deal.
    public var outcome: DealOutcome?
    public var lossReason: String?

    public init(
        tenant: Tenant.ID = Tenant.defaultID, deal: Deal.ID, stage: String, enteredAt: Date,
        outcome: DealOutcome? = nil, lossReason: String? = nil
    ) {
        self.tenant = tenant
        self.deal = deal
        self.stage = stage
        self.enteredAt = enteredAt
        self.outcome = outcome
        self.lossReason = lossReason
    }
}

/// The envelope of one ingested event, kept so that re-ingesting the same event is a no-op.
public struct EventRecord: Hashable, Sendable, Codable {
    public var id: String
    public var type: String
    public var occurredAt: Date
    public var tenant: Tenant.ID
    /// File (or "api") and line the event came from.
    public var source: String
    public var line: Int

    public init(id: String, type: String, occurredAt: Date, tenant: Tenant.ID, source: String, line: Int) {
        self.id = id
        self.type = type
        self.occurredAt = occurredAt
        self.tenant = tenant
        self.source = source
        self.line = line
    }
}

/// A row a data-quality gate refused: where it came from, which field, and why.
public struct QuarantineRecord: Hashable, Sendable, Codable {
    public var source: String
    public var line: Int
    public var field: String?
    public var gate: QualityGate
    public var reason: String
    /// The offending input line, truncated to a few hundred characters.
    public var raw: String
    public var recordID: String?

    public init(
        source: String, line: Int, field: String?, gate: QualityGate, reason: String, raw: String,
        recordID: String? = nil
    ) {
        self.source = source
        self.line = line
        self.field = field
        self.gate = gate
        self.reason = reason
        self.raw = String(raw.prefix(500))
        self.recordID = recordID
    }
}

/// A value a gate fixed on its own (e.g. a sales-cycle figure that disagreed with the dates).
public struct Correction: Hashable, Sendable, Codable {
    public var source: String
    public var line: Int
    public var recordID: String
    public var field: String
    public var from: String
    public var to: String
    public var reason: String

    public init(source: String, line: Int, recordID: String, field: String, from: String, to: String, reason: String) {
        self.source = source
        self.line = line
        self.recordID = recordID
        self.field = field
        self.from = from
        self.to = to
        self.reason = reason
    }
}

/// The data-quality gates of sales-intelligence-design.md §2.2, plus the parsing checks before them.
public enum QualityGate: String, Hashable, Sendable, Codable, CaseIterable {
    /// The line is not valid JSON / CSV, or the bytes are not UTF-8.
    case parse
    /// A required field is missing, has the wrong type, or the event type is unknown.
    case schema
    /// closed date before created date, or an unreadable / ambiguous date.
    case dateLogic = "date_logic"
    /// Stated sales-cycle days disagree with the dates (auto-corrected, so it only appears as a correction).
    case salesCycle = "sales_cycle"
    /// Outcome not one of won / lost, or a stage that the pipeline does not have.
    case outcome
    /// The same id twice; the newest record wins and the others are reported here.
    case duplicate
    /// A critical field (amount of a won deal, outcome or close date of a closed deal, ids) is empty.
    case criticalNull = "critical_null"
    /// The record points at something that does not exist (a stage change for an unknown deal).
    case reference
}
