import Foundation

/// Something a rep did with a prospect or customer: a call, meeting, demo, email or note.
public struct Activity: Identifiable, Hashable, Sendable, Codable {
    public typealias ID = Identifier<Activity>
    public var id: ID
    public var tenant: Tenant.ID
    public var kind: ActivityKind
    public var deal: Deal.ID?
    public var account: Account.ID?
    public var rep: Rep.ID?
    public var contact: Contact.ID?
    /// When it happened, or is planned to (the time metrics and heatmaps use).
    public var occurredAt: Date
    public var scheduledAt: Date?
    public var completedAt: Date?
    public var subject: String?
    /// Free text: email body, call notes. Keyword rules ("budget approved") search it.
    public var body: String?
    /// Contact ids or e-mail addresses of everyone who took part.
    public var participants: [String]
    public var durationSeconds: Int?

    public init(
        id: ID, tenant: Tenant.ID = Tenant.defaultID, kind: ActivityKind, deal: Deal.ID? = nil,
        account: Account.ID? = nil, rep: Rep.ID? = nil, contact: Contact.ID? = nil, occurredAt: Date,
        scheduledAt: Date? = nil, completedAt: Date? = nil, subject: String? = nil, body: String? = nil,
        participants: [String] = [], durationSeconds: Int? = nil
    ) {
        self.id = id
        self.tenant = tenant
        self.kind = kind
        self.deal = deal
        self.account = account
        self.rep = rep
        self.contact = contact
        self.occurredAt = occurredAt
        self.scheduledAt = scheduledAt
        self.completedAt = completedAt
        self.subject = subject
        self.body = body
        self.participants = participants
        self.durationSeconds = durationSeconds
    }
}

/// The kinds of activity Pulse understands.
public enum ActivityKind: String, Hashable, Sendable, Codable, CaseIterable {
    case callBooked = "call_booked"
    case callConducted = "call_conducted"
    case meeting
    case demo
    case emailIn = "email_in"
    case emailOut = "email_out"
    case note
}

/// The slim activity row metrics need (who, what, when), read in bulk without text fields.
public struct ActivityFact: Hashable, Sendable {
    public var deal: Deal.ID?
    public var rep: Rep.ID?
    public var kind: ActivityKind
    public var occurredAt: Date

    public init(deal: Deal.ID?, rep: Rep.ID?, kind: ActivityKind, occurredAt: Date) {
        self.deal = deal
        self.rep = rep
        self.kind = kind
        self.occurredAt = occurredAt
    }

    public init(_ activity: Activity) {
        self.init(deal: activity.deal, rep: activity.rep, kind: activity.kind, occurredAt: activity.occurredAt)
    }
}
