import Foundation

/// A customer leaving (or coming back): the label churn models learn from.
public struct ChurnEvent: Identifiable, Hashable, Sendable, Codable {
    public typealias ID = Identifier<ChurnEvent>
    public var id: ID
    public var tenant: Tenant.ID
    public var account: Account.ID
    public var churnedAt: Date
    public var reason: String?
    public var refundCents: Int64?
    public var precedingUpgrade: Bool
    public var precedingDowngrade: Bool
    public var isReactivation: Bool
    public var feedback: String?

    public init(
        id: ID, tenant: Tenant.ID = Tenant.defaultID, account: Account.ID, churnedAt: Date, reason: String? = nil,
        refundCents: Int64? = nil, precedingUpgrade: Bool = false, precedingDowngrade: Bool = false,
        isReactivation: Bool = false, feedback: String? = nil
    ) {
        self.id = id
        self.tenant = tenant
        self.account = account
        self.churnedAt = churnedAt
        self.reason = reason
        self.refundCents = refundCents
        self.precedingUpgrade = precedingUpgrade
        self.precedingDowngrade = precedingDowngrade
        self.isReactivation = isReactivation
        self.feedback = feedback
    }
}
