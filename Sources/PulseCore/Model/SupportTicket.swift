import Foundation

/// A customer support ticket; ticket spikes and slow resolution feed health scores and churn alerts.
public struct SupportTicket: Identifiable, Hashable, Sendable, Codable {
    public typealias ID = Identifier<SupportTicket>
    public var id: ID
    public var tenant: Tenant.ID
    public var account: Account.ID
    public var openedAt: Date
    public var closedAt: Date?
    public var priority: TicketPriority
    public var subject: String?
    public var firstResponseMinutes: Int?
    public var resolutionHours: Double?
    /// Customer satisfaction 1–5, when rated.
    public var satisfaction: Int?
    public var escalated: Bool

    public init(
        id: ID, tenant: Tenant.ID = Tenant.defaultID, account: Account.ID, openedAt: Date, closedAt: Date? = nil,
        priority: TicketPriority = .medium, subject: String? = nil, firstResponseMinutes: Int? = nil,
        resolutionHours: Double? = nil, satisfaction: Int? = nil, escalated: Bool = false
    ) {
        self.id = id
        self.tenant = tenant
        self.account = account
        self.openedAt = openedAt
        self.closedAt = closedAt
        self.priority = priority
        self.subject = subject
        self.firstResponseMinutes = firstResponseMinutes
        self.resolutionHours = resolutionHours
        self.satisfaction = satisfaction
        self.escalated = escalated
    }

    /// True while the ticket has no close time.
    public var isOpen: Bool { closedAt == nil }
}

/// Ticket urgency.
public enum TicketPriority: String, Hashable, Sendable, Codable, CaseIterable {
    case low, medium, high, urgent
}
