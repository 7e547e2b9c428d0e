import Foundation

/// The opted-out-contacts gate: engagement events of a contact who opted out of tracking are dropped at ingest.
///
/// A contact's status comes from the run when the run has the contact (its winning version), else from the store.
/// Pure: the store's answer (`StoreAnswers.optedOutContacts`) arrives as an argument.
struct OptOutGate {
    private struct Key: Hashable {
        var tenant: Tenant.ID
        var contact: Contact.ID
    }

    /// Whether each contact placed in the run opted out (the latest placed version).
    private var inRun: [Key: Bool] = [:]

    /// Notes a contact record that won its place in the run.
    mutating func note(_ contact: Contact) {
        inRun[Key(tenant: contact.tenant, contact: contact.id)] = contact.optedOut
    }

    /// Adds to `questions` the contacts of these usage rows whose status the run does not give.
    func ask(about usage: some Sequence<EngagementEvent>, into questions: inout StoreQuestions) {
        for event in usage {
            guard let contact = event.contact, inRun[Key(tenant: event.tenant, contact: contact)] == nil else {
                continue
            }
            questions.contacts[event.tenant, default: []].insert(contact)
        }
    }

    /// Whether the usage row's contact opted out (in the run, else as the store answered).
    func drops(_ event: EngagementEvent, answers: StoreAnswers) -> Bool {
        guard let contact = event.contact else { return false }
        if let optedOut = inRun[Key(tenant: event.tenant, contact: contact)] { return optedOut }
        return answers.optedOutContacts[event.tenant]?.contains(contact) ?? false
    }
}
