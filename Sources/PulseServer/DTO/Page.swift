/// A page of a list: `{"items": [...], "total": N, "limit": L, "offset": O}`.
public struct Page<Item: Encodable & Sendable>: Encodable, Sendable {
    public var items: [Item]
    /// How many items match in all (not only on this page).
    public var total: Int
    public var limit: Int
    public var offset: Int

    public init(items: [Item], total: Int, limit: Int, offset: Int) {
        self.items = items
        self.total = total
        self.limit = limit
        self.offset = offset
    }

    /// The page of `all` that `paging` selects.
    init(all: [Item], paging: Paging) {
        let start = min(paging.offset, all.count)
        let end = min(all.count, start + paging.limit)
        self.init(items: Array(all[start..<end]), total: all.count, limit: paging.limit, offset: paging.offset)
    }
}

/// `?limit=&offset=` of a list route (limit 1…1000, default 100).
struct Paging: Sendable {
    var limit: Int
    var offset: Int
    static let maxLimit = 1000
}
