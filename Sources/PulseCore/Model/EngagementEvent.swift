import Foundation

/// A customer's use of the product or portal: logins, documents, features, sessions.
public struct EngagementEvent: Identifiable, Hashable, Sendable, Codable {
    public typealias ID = Identifier<EngagementEvent>
    public var id: ID
    public var tenant: Tenant.ID
    public var account: Account.ID
    public var contact: Contact.ID?
    public var kind: EngagementKind
    public var occurredAt: Date
    /// Feature name for `featureUsed`.
    public var feature: String?
    /// Document name for `documentViewed` / `documentDownloaded`.
    public var document: String?
    public var sessionSeconds: Int?
    /// How many uses this row stands for (aggregated exports count several at once).
    public var count: Int
    public var errorCount: Int?
    public var subscription: Subscription.ID?

    public init(
        id: ID, tenant: Tenant.ID = Tenant.defaultID, account: Account.ID, contact: Contact.ID? = nil,
        kind: EngagementKind, occurredAt: Date, feature: String? = nil, document: String? = nil,
        sessionSeconds: Int? = nil, count: Int = 1, errorCount: Int? = nil, subscription: Subscription.ID? = nil
    ) {
        self.id = id
        self.tenant = tenant
        self.account = account
        self.contact = contact
        self.kind = kind
        self.occurredAt = occurredAt
        self.feature = feature
        self.document = document
        self.sessionSeconds = sessionSeconds
        self.count = count
        self.errorCount = errorCount
        self.subscription = subscription
    }
}

/// The kinds of engagement Pulse tracks.
public enum EngagementKind: String, Hashable, Sendable, Codable, CaseIterable {
    case portalLogin = "portal_login"
    case documentViewed = "document_viewed"
    case documentDownloaded = "document_downloaded"
    case featureUsed = "feature_used"
    case session
}
