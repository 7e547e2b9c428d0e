import Foundation

/// Something the tenant sells, with its list price (used to value deals that have no amount yet).
public struct Product: Identifiable, Hashable, Sendable, Codable {
    public typealias ID = Identifier<Product>
    public var id: ID
    public var tenant: Tenant.ID
    public var name: String
    public var series: String?
    public var listPriceCents: Int64?

    public init(
        id: ID, tenant: Tenant.ID = Tenant.defaultID, name: String, series: String? = nil,
        listPriceCents: Int64? = nil
    ) {
        self.id = id
        self.tenant = tenant
        self.name = name
        self.series = series
        self.listPriceCents = listPriceCents
    }
}
