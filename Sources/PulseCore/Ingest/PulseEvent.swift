import Foundation

/// One NDJSON event: an envelope (`id`, `type`, `occurredAt`, `tenant`) around a typed payload.
///
/// The wire form is one JSON object per line:
/// `{"id":"evt-1","type":"deal.upserted","occurredAt":"2025-06-01T10:00:00Z","tenant":"acme","payload":{…}}`.
/// Every type is documented in docs/events.md.
public struct PulseEvent: Hashable, Sendable {
    public var id: String
    public var occurredAt: Date
    public var tenant: Tenant.ID
    public var payload: Payload

    public init(id: String, occurredAt: Date, tenant: Tenant.ID = Tenant.defaultID, payload: Payload) {
        self.id = id
        self.occurredAt = occurredAt
        self.tenant = tenant
        self.payload = payload
    }

    /// The `type` string of the payload, e.g. "deal.upserted".
    public var type: EventType { payload.type }

    /// The typed payloads, one per event type.
    public enum Payload: Hashable, Sendable {
        case tenant(Tenant)
        case account(Account)
        case contact(Contact)
        case rep(Rep)
        case product(Product)
        case deal(Deal)
        case stageChange(DealStageChange)
        case activity(Activity)
        case engagement(EngagementEvent)
        case ticket(SupportTicket)
        case target(KpiTarget)
        case subscription(Subscription)
        case churn(ChurnEvent)

        /// The event type that carries this payload.
        public var type: EventType {
            switch self {
            case .tenant: .tenantUpserted
            case .account: .accountUpserted
            case .contact: .contactUpserted
            case .rep: .repUpserted
            case .product: .productUpserted
            case .deal: .dealUpserted
            case .stageChange: .dealStageChanged
            case .activity: .activityLogged
            case .engagement: .engagementRecorded
            case .ticket: .ticketUpserted
            case .target: .kpiTargetSet
            case .subscription: .subscriptionUpserted
            case .churn: .churnRecorded
            }
        }
    }
}

/// Every event type Pulse accepts.
public enum EventType: String, Hashable, Sendable, Codable, CaseIterable {
    case tenantUpserted = "tenant.upserted"
    case accountUpserted = "account.upserted"
    case contactUpserted = "contact.upserted"
    case repUpserted = "rep.upserted"
    case productUpserted = "product.upserted"
    case dealUpserted = "deal.upserted"
    case dealStageChanged = "deal.stage_changed"
    case activityLogged = "activity.logged"
    case engagementRecorded = "engagement.recorded"
    case ticketUpserted = "ticket.upserted"
    case kpiTargetSet = "kpi_target.set"
    case subscriptionUpserted = "subscription.upserted"
    case churnRecorded = "churn.recorded"
}
