import PulseCore

/// Finds who an outbox row goes to in one tenant: the enabled Pulse user linked to a rep (their preferences,
/// address and time zone), else the rep itself with the standard preferences.
public struct RecipientDirectory: Sendable {
    let usersByID: [String: User]
    let usersByRep: [Rep.ID: User]
    let reps: [Rep.ID: Rep]

    public init(users: [User], reps: [Rep]) {
        let enabled = users.filter { !$0.disabled }.sorted { $0.id.rawValue < $1.id.rawValue }
        usersByID = Dictionary(enabled.map { ($0.id.rawValue, $0) }, uniquingKeysWith: { first, _ in first })
        var byRep: [Rep.ID: User] = [:]
        for user in enabled { if let rep = user.rep, byRep[rep] == nil { byRep[rep] = user } }
        usersByRep = byRep
        self.reps = Dictionary(reps.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The recipient for a rep id (alert rows), or nil when neither a user nor a rep has that id.
    public func recipient(rep id: Rep.ID) -> DeliveryRecipient? {
        if let user = usersByRep[id] { return DeliveryRecipient(user: user, id: id.rawValue) }
        return reps[id].map(DeliveryRecipient.init(rep:))
    }

    /// The recipient an outbox row names: a rep id for alert rows, a user id for report rows.
    public func recipient(for item: OutboxItem) -> DeliveryRecipient? {
        switch item.kind {
        case .alert: recipient(rep: Rep.ID(rawValue: item.recipient))
        case .report: usersByID[item.recipient].map { DeliveryRecipient(user: $0) }
        }
    }
}
