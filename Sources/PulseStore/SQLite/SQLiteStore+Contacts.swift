import Foundation
import GRDB
import PulseCore

extension SQLiteStore {
    public func optedOutContacts(_ ids: Set<Contact.ID>, tenant: Tenant.ID) async throws -> Set<Contact.ID> {
        guard !ids.isEmpty else { return [] }
        // Opted-out contacts are few: read the tenant's and intersect, rather than look every id up.
        let optedOut = try await read { db in
            let statement = try db.cachedStatement(sql: "SELECT id FROM contacts WHERE tenant = ? AND opted_out = 1")
            var found = Set<Contact.ID>()
            try statement.forEachRow(in: db, bind: { $0.id(tenant) }) { row in found.insert(row.id(0)!) }
            return found
        }
        return optedOut.intersection(ids)
    }
}
