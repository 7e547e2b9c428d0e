import Foundation

/// The demo data as a lazy sequence of NDJSON events; only one entity's events are held at a time.
public struct DemoEventSequence: Sequence, Sendable {
    let generator: DemoGenerator

    public func makeIterator() -> Iterator { Iterator(generator: generator) }

    /// Walks reference data, leads, opportunities and accounts, generating each entity when it is reached.
    public struct Iterator: IteratorProtocol {
        private enum Phase { case reference, leads, opportunities, accounts, done }

        private let generator: DemoGenerator
        private var phase = Phase.reference
        private var index = 0
        private var buffer: [PulseEvent] = []
        private var position = 0

        init(generator: DemoGenerator) { self.generator = generator }

        public mutating func next() -> PulseEvent? {
            while position >= buffer.count {
                buffer.removeAll(keepingCapacity: true)
                position = 0
                guard refill() else { return nil }
            }
            defer { position += 1 }
            return buffer[position]
        }

        private mutating func emit(_ id: String, _ time: Date, _ payload: PulseEvent.Payload) {
            buffer.append(
                PulseEvent(
                    id: "evt-" + id, occurredAt: generator.stamp(time), tenant: generator.parameters.tenant,
                    payload: payload))
        }

        private mutating func emit(_ activities: [Activity]) {
            for activity in activities {
                emit(activity.id.rawValue, activity.occurredAt, .activity(activity))
            }
        }

        /// Fills the buffer with the next entity's events; false when everything was emitted.
        private mutating func refill() -> Bool {
            let p = generator.parameters
            let yearAgo = p.now.addingTimeInterval(-365 * 86_400)
            switch phase {
            case .reference:
                emit("tenant-" + p.tenant.rawValue, yearAgo, .tenant(generator.tenant))
                for rep in generator.roster.all { emit(rep.id.rawValue, yearAgo, .rep(rep)) }
                for product in generator.products { emit(product.id.rawValue, yearAgo, .product(product)) }
                for target in generator.targets { emit(target.id.rawValue, yearAgo, .target(target)) }
                phase = .leads
            case .leads:
                guard index < p.leads else {
                    (phase, index) = (.opportunities, 0)
                    emit(generator.leads.newStarterCalls())
                    return true
                }
                let lead = generator.leads.lead(index)
                for deal in lead.deals { emit(deal.id.rawValue, deal.updatedAt ?? p.now, .deal(deal)) }
                emit(lead.activities)
                index += 1
            case .opportunities:
                guard index < p.opportunities else {
                    (phase, index) = (.accounts, 0)
                    return refill()
                }
                let opportunity = generator.opportunities.opportunity(index)
                emit(opportunity.deal.id.rawValue, opportunity.deal.updatedAt ?? p.now, .deal(opportunity.deal))
                let met = opportunity.deal.createdAt ?? p.now
                for contact in opportunity.contacts { emit(contact.id.rawValue, met, .contact(contact)) }
                emit(opportunity.activities)
                index += 1
            case .accounts:
                guard index < p.accounts else {
                    phase = .done
                    return false
                }
                let a = generator.accounts.account(index)
                emit(a.account.id.rawValue, a.account.createdAt ?? p.now, .account(a.account))
                for contact in a.contacts { emit(contact.id.rawValue, a.account.createdAt ?? p.now, .contact(contact)) }
                for sub in a.subscriptions { emit(sub.id.rawValue, sub.startDate, .subscription(sub)) }
                for event in a.engagement { emit(event.id.rawValue, event.occurredAt, .engagement(event)) }
                for ticket in a.tickets { emit(ticket.id.rawValue, ticket.openedAt, .ticket(ticket)) }
                if let churn = a.churn { emit(churn.id.rawValue, churn.churnedAt, .churn(churn)) }
                emit(a.activities)
                index += 1
            case .done:
                return false
            }
            return true
        }
    }
}
