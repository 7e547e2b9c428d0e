/// Whose records a user's reports cover: a rep their own, a manager everyone reporting to them (transitively),
/// an executive or admin the whole tenant (nil).
public enum ReportAudience {
    /// The reps `user` may see given the roster; nil = everyone.
    public static func visibleReps(for user: User, roster: [Rep]) -> Set<Rep.ID>? {
        switch user.role {
        case .executive, .admin: return nil
        case .rep: return Set([user.rep].compactMap { $0 })
        case .manager:
            guard let me = user.rep else { return [] }
            var team: Set<Rep.ID> = [me]
            var changed = true
            while changed {
                changed = false
                for rep in roster where !team.contains(rep.id) {
                    if let manager = rep.manager, team.contains(manager) {
                        team.insert(rep.id)
                        changed = true
                    }
                }
            }
            return team
        }
    }
}
