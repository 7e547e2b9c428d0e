/// The kinds of record Pulse ingests; each has one NDJSON event type and can be the target of a CSV mapping.
public enum EntityKind: String, Hashable, Sendable, Codable, CaseIterable {
    case tenant, account, contact, rep, product, deal
    case stageChange = "stage_change"
    case activity, engagement, ticket
    case kpiTarget = "kpi_target"
    case subscription, churn

    /// The NDJSON event type that carries this kind.
    public var eventType: EventType {
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
        case .kpiTarget: .kpiTargetSet
        case .subscription: .subscriptionUpserted
        case .churn: .churnRecorded
        }
    }

    /// The kind an event type carries.
    public init(_ type: EventType) {
        self = Self.allCases.first { $0.eventType == type }!
    }

    /// The kind of a payload.
    public init(_ payload: PulseEvent.Payload) { self.init(payload.type) }
}
