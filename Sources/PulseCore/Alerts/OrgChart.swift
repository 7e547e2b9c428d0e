import Foundation

/// The selling organisation as a routing table: who owns what, who manages whom, who the executives are.
///
/// Resolves a rule's `RecipientRole`s for one alert. A role that resolves to nobody falls back one level up
/// (owner → manager → executive), so an alert is addressed to nobody only when the tenant has no reps at all.
public struct OrgChart: Sendable {
    /// Every rep by id (a later duplicate id replaces an earlier one).
    public let reps: [Rep.ID: Rep]
    private let byRole: [RepRole: [Rep.ID]]

    public init(reps: [Rep]) {
        var table: [Rep.ID: Rep] = [:]
        for rep in reps { table[rep.id] = rep }
        self.reps = table
        var roles: [RepRole: [Rep.ID]] = [:]
        for rep in table.values { roles[rep.role, default: []].append(rep.id) }
        self.byRole = roles.mapValues { $0.sorted() }
    }

    /// True when the tenant has no reps (then every alert has no recipients).
    public var isEmpty: Bool { reps.isEmpty }

    /// The rep with this id, if the org chart has one.
    public func rep(_ id: Rep.ID) -> Rep? { reps[id] }

    /// Every rep with this role, sorted by id.
    public func members(_ role: RepRole) -> [Rep.ID] { byRole[role] ?? [] }

    /// "Sarah Johnson (rep_12)", or the bare id for a rep the org chart does not know.
    public func displayName(_ id: Rep.ID) -> String {
        guard let rep = reps[id] else { return id.rawValue }
        return "\(rep.name) (\(id.rawValue))"
    }

    /// The rep's manager: `Rep.manager` when the org chart knows them, else the managers of the rep's team.
    public func managers(of id: Rep.ID) -> [Rep.ID] {
        guard let rep = reps[id] else { return [] }
        if let manager = rep.manager, reps[manager] != nil { return [manager] }
        guard let team = rep.team else { return [] }
        return managers(ofTeam: team).filter { $0 != id }
    }

    /// Reps with role manager on this team.
    public func managers(ofTeam team: String) -> [Rep.ID] {
        members(.manager).filter { reps[$0]?.team == team }
    }

    /// Who one role means for an alert, without fallback (may be empty).
    ///
    /// - owner: the match's owner; for team / segment / tenant scopes, the managers (of the team for a team).
    /// - manager: the owner's manager; for team / segment / tenant scopes, the managers (of the team for a team).
    /// - executive, revops: every rep with that role.
    /// - csm: the account owner (`related["account_owner"]`, or the owner of an account-scope alert) when their
    ///   role is csm.
    public func resolve(
        _ role: RecipientRole, entity: EntityRef, owner: Rep.ID?, related: [String: String] = [:]
    ) -> [Rep.ID] {
        switch role {
        case .owner:
            if let owner { return reps[owner] == nil ? [] : [owner] }
            return groupManagers(entity)
        case .manager:
            if let owner { return managers(of: owner) }
            return groupManagers(entity)
        case .executive:
            return members(.executive)
        case .revops:
            return members(.revops)
        case .csm:
            let candidate = related["account_owner"].map { Rep.ID($0) } ?? (entity.scope == .account ? owner : nil)
            guard let candidate, reps[candidate]?.role == .csm else { return [] }
            return [candidate]
        }
    }

    /// The recipients of a rule's roles with fallbacks, deduplicated in role order, and a note for each fallback.
    public func recipients(
        roles: [RecipientRole], entity: EntityRef, owner: Rep.ID?, related: [String: String] = [:]
    ) -> RecipientResolution {
        var result = RecipientResolution()
        for role in roles.isEmpty ? [.owner] : roles {
            var current = role
            var found = resolve(current, entity: entity, owner: owner, related: related)
            while found.isEmpty, let next = Self.fallback(current) {
                result.notes.append("\(current.rawValue): nobody → \(next.rawValue)")
                current = next
                found = resolve(current, entity: entity, owner: owner, related: related)
            }
            if found.isEmpty { result.notes.append("\(current.rawValue): nobody") }
            for id in found where !result.reps.contains(id) { result.reps.append(id) }
        }
        if result.reps.isEmpty { lastResort(&result) }
        return result
    }

    /// Who an escalation level goes to: 0 = the rule's roles, 1 = the owner's manager(s), 2 = the executives.
    public func escalationRecipients(
        level: Int, roles: [RecipientRole], entity: EntityRef, owner: Rep.ID?, related: [String: String] = [:]
    ) -> RecipientResolution {
        switch level {
        case ...0: recipients(roles: roles, entity: entity, owner: owner, related: related)
        case 1: recipients(roles: [.manager], entity: entity, owner: owner, related: related)
        default: recipients(roles: [.executive], entity: entity, owner: owner, related: related)
        }
    }

    /// The next level up when a role resolves to nobody.
    static func fallback(_ role: RecipientRole) -> RecipientRole? {
        switch role {
        case .owner, .csm: .manager
        case .manager, .revops: .executive
        case .executive: nil
        }
    }

    private func groupManagers(_ entity: EntityRef) -> [Rep.ID] {
        if entity.scope == .team {
            let team = managers(ofTeam: entity.id)
            if !team.isEmpty { return team }
        }
        return members(.manager)
    }

    /// When every role came up empty: the executives, else the managers, else revops, else every rep.
    private func lastResort(_ result: inout RecipientResolution) {
        guard !reps.isEmpty else {
            result.notes.append("no recipients: the tenant has no reps")
            return
        }
        for role in [RepRole.executive, .manager, .revops] where !members(role).isEmpty {
            result.reps = members(role)
            result.notes.append("nobody for the rule's roles → every \(role.rawValue)")
            return
        }
        result.reps = reps.keys.sorted()
        result.notes.append("nobody for the rule's roles → every rep")
    }
}
