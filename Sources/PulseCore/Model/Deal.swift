import Foundation

/// A pipeline item: an opportunity in the classic B2B pipeline, or a lead / partner list in the
/// BDR pipeline (a sublist is a deal whose `parent` is the list-out it was spawned from).
public struct Deal: Identifiable, Hashable, Sendable, Codable {
    public typealias ID = Identifier<Deal>
    public var id: ID
    public var tenant: Tenant.ID
    public var name: String?
    public var account: Account.ID?
    public var owner: Rep.ID?
    /// Id of the `StageCatalogue` this deal moves through ("b2b" or "bdr").
    public var pipeline: String
    /// Key of the current stage in that catalogue.
    public var stage: String
    /// Every stage the deal entered, oldest first; the last entry is the current stage.
    public var stageHistory: [StageChange]
    public var amountCents: Int64?
    public var currency: String
    public var leadSource: String?
    public var product: String?
    /// Industry of the deal; falls back to the account's industry when nil.
    public var industry: String?
    public var region: String?
    public var segment: String?
    public var createdAt: Date?
    public var expectedCloseDate: Date?
    public var closedAt: Date?
    public var outcome: DealOutcome?
    public var lossReason: String?
    public var competitor: String?
    /// The list-out this sublist was spawned from (BDR pipeline); nil for main pipeline items.
    public var parent: ID?
    /// BDR pipeline: when the discovery call took (or will take) place.
    public var callDate: Date?
    /// BDR pipeline: date the hard-yes agreement was reached.
    public var agreementDate: Date?
    /// BDR pipeline: date agreed with the lead to send the partner list.
    public var partnerListDueDate: Date?
    /// BDR pipeline: date the partner-list email was actually sent.
    public var partnerListSentDate: Date?
    /// BDR pipeline: first sale made from the list.
    public var firstSaleDate: Date?
    /// BDR pipeline: number of partners emailed.
    public var partnerListSize: Int?
    /// BDR pipeline: number of sales that came from the list.
    public var totalSalesFromList: Int?
    /// When the source last changed this record; with duplicate ids the newest wins.
    public var updatedAt: Date?

    public init(
        id: ID, tenant: Tenant.ID = Tenant.defaultID, name: String? = nil, account: Account.ID? = nil,
        owner: Rep.ID? = nil, pipeline: String = StageCatalogue.b2b.id, stage: String,
        stageHistory: [StageChange] = [], amountCents: Int64? = nil, currency: String = "USD",
        leadSource: String? = nil, product: String? = nil, industry: String? = nil, region: String? = nil,
        segment: String? = nil, createdAt: Date? = nil, expectedCloseDate: Date? = nil, closedAt: Date? = nil,
        outcome: DealOutcome? = nil, lossReason: String? = nil, competitor: String? = nil, parent: ID? = nil,
        callDate: Date? = nil, agreementDate: Date? = nil, partnerListDueDate: Date? = nil,
        partnerListSentDate: Date? = nil, firstSaleDate: Date? = nil, partnerListSize: Int? = nil,
        totalSalesFromList: Int? = nil, updatedAt: Date? = nil
    ) {
        self.id = id
        self.tenant = tenant
        self.name = name
        self.account = account
        self.owner = owner
        self.pipeline = pipeline
        self.stage = stage
        self.stageHistory = stageHistory
        self.amountCents = amountCents
        self.currency = currency
        self.leadSource = leadSource
        self.product = product
        self.industry = industry
        self.region = region
        self.segment = segment
        self.createdAt = createdAt
        self.expectedCloseDate = expectedCloseDate
        self.closedAt = closedAt
        self.outcome = outcome
        self.lossReason = lossReason
        self.competitor = competitor
        self.parent = parent
        self.callDate = callDate
        self.agreementDate = agreementDate
        self.partnerListDueDate = partnerListDueDate
        self.partnerListSentDate = partnerListSentDate
        self.firstSaleDate = firstSaleDate
        self.partnerListSize = partnerListSize
        self.totalSalesFromList = totalSalesFromList
        self.updatedAt = updatedAt
    }

    /// True once the deal is won or lost.
    public var isClosed: Bool { outcome != nil }

    /// When the deal entered its current stage, if known.
    public var stageEnteredAt: Date? { stageHistory.last(where: { $0.stage == stage })?.enteredAt }

    /// When the deal first entered `stage`, if it ever did.
    public func enteredAt(_ stage: String) -> Date? { stageHistory.first(where: { $0.stage == stage })?.enteredAt }

    /// Whole days from creation to close (the sales cycle), if both are known.
    public var cycleDays: Int? {
        guard let createdAt, let closedAt else { return nil }
        return Days.between(createdAt, closedAt)
    }
}

/// One entry of a deal's stage history.
public struct StageChange: Hashable, Sendable, Codable {
    public var stage: String
    public var enteredAt: Date

    public init(stage: String, enteredAt: Date) {
        self.stage = stage
        self.enteredAt = enteredAt
    }
}

/// How a closed deal ended.
public enum DealOutcome: String, Hashable, Sendable, Codable, CaseIterable {
    case won, lost
}
