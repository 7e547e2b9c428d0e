import Foundation

/// Which reps' records a user may see: a rep their own, a manager their own and every rep whose manager chain
/// reaches them, an executive or admin the whole tenant (nil). Pure; the caller passes the tenant's reps.
public enum AccessScope {
    /// The reps whose deals, accounts, activities and alerts `user` may see; nil means every record of the tenant.
    ///
    /// A rep or manager without a CRM rep (`user.rep == nil`) sees nothing (an empty set), never everything.
    /// A manager's chain follows `Rep.manager`, or the team's managers when a rep names no known manager
    /// (`OrgChart.managers(of:)`, the same reading alert routing uses); cycles in the data are tolerated.
    public static func visibleReps(for user: User, reps: [Rep]) -> Set<Rep.ID>? {
        switch user.role {
        case .executive, .admin:
            return nil
        case .rep:
            return user.rep.map { [$0] } ?? []
        case .manager:
            guard let own = user.rep else { return [] }
            let org = OrgChart(reps: reps)
            var visible: Set<Rep.ID> = [own]
            for rep in org.reps.keys where reaches(rep, manager: own, org: org) { visible.insert(rep) }
            return visible
        }
    }

    /// Whether following `rep`'s managers upwards reaches `manager`.
    static func reaches(_ rep: Rep.ID, manager: Rep.ID, org: OrgChart) -> Bool {
        var seen: Set<Rep.ID> = [rep]
        var frontier = org.managers(of: rep)
        while !frontier.isEmpty {
            var next: [Rep.ID] = []
            for id in frontier where seen.insert(id).inserted {
                if id == manager { return true }
                next.append(contentsOf: org.managers(of: id))
            }
            frontier = next
        }
        return false
    }
}
