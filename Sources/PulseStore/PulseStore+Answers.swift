import PulseCore

extension PulseStore {
    /// What the batch-level data-quality gates need to know about stored data (existing deals, subscription
    /// accounts, opted-out contacts, events already ingested), as `pulse ingest` and `POST /api/events` both ask it.
    public func answers(to questions: StoreQuestions) async throws -> StoreAnswers {
        var answers = StoreAnswers()
        for (tenant, ids) in questions.deals where !ids.isEmpty {
            answers.deals[tenant] = try await existingDealIDs(ids, tenant: tenant)
        }
        for (tenant, ids) in questions.subscriptions where !ids.isEmpty {
            answers.subscriptionAccounts[tenant] = try await subscriptionAccounts(ids, tenant: tenant)
        }
        for (tenant, ids) in questions.contacts where !ids.isEmpty {
            answers.optedOutContacts[tenant] = try await optedOutContacts(ids, tenant: tenant)
        }
        if !questions.events.isEmpty { answers.events = try await existingEventIDs(questions.events) }
        return answers
    }
}
