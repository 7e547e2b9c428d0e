import Foundation

extension EvaluationData {
    /// `refs` plus what they roll up to: each deal's account, owner and owner's team, each rep's team, and the
    /// tenant — the entities whose rules an ingested change can affect.
    public func rollUp(_ refs: Set<EntityRef>) -> Set<EntityRef> {
        var out = refs
        for ref in refs {
            switch ref.scope {
            case .deal:
                guard let deal = deal(Deal.ID(ref.id)) else { continue }
                if let account = deal.account { out.insert(EntityRef(.account, account.rawValue)) }
                if let owner = deal.owner {
                    out.insert(EntityRef(.rep, owner.rawValue))
                    if let team = rep(owner)?.team { out.insert(EntityRef(.team, team)) }
                }
            case .rep:
                if let team = rep(Rep.ID(ref.id))?.team { out.insert(EntityRef(.team, team)) }
            default:
                break
            }
        }
        if !refs.isEmpty { out.insert(EntityRef(.tenant, tenant.id.rawValue)) }
        return out
    }
}
