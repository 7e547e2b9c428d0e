import Foundation

extension IngestBatch {
    /// The entities this batch's records name directly (deals, accounts, reps), without roll-ups; the engine
    /// adds each deal's account, owner and team from its data before re-evaluating only these.
    public var directlyTouchedEntities: Set<EntityRef> {
        var refs = Set<EntityRef>()
        for deal in deals {
            refs.insert(EntityRef(.deal, deal.id.rawValue))
            if let account = deal.account { refs.insert(EntityRef(.account, account.rawValue)) }
            if let owner = deal.owner { refs.insert(EntityRef(.rep, owner.rawValue)) }
        }
        for change in stageChanges { refs.insert(EntityRef(.deal, change.deal.rawValue)) }
        for activity in activities {
            if let deal = activity.deal { refs.insert(EntityRef(.deal, deal.rawValue)) }
            if let account = activity.account { refs.insert(EntityRef(.account, account.rawValue)) }
            if let rep = activity.rep { refs.insert(EntityRef(.rep, rep.rawValue)) }
        }
        for account in accounts { refs.insert(EntityRef(.account, account.id.rawValue)) }
        for contact in contacts {
            if let account = contact.account { refs.insert(EntityRef(.account, account.rawValue)) }
        }
        for rep in reps { refs.insert(EntityRef(.rep, rep.id.rawValue)) }
        for event in engagement { refs.insert(EntityRef(.account, event.account.rawValue)) }
        for ticket in tickets { refs.insert(EntityRef(.account, ticket.account.rawValue)) }
        for subscription in subscriptions { refs.insert(EntityRef(.account, subscription.account.rawValue)) }
        for churn in churnEvents { refs.insert(EntityRef(.account, churn.account.rawValue)) }
        for target in targets {
            if let rep = target.rep { refs.insert(EntityRef(.rep, rep.rawValue)) }
        }
        return refs
    }
}
