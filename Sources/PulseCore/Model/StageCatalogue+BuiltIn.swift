import Foundation

extension StageCatalogue {
    /// Classic B2B opportunity pipeline: Prospecting → Qualified → Proposal → Negotiation → Closed Won/Lost.
    ///
    /// Milestones follow `../shared/bench/pandas_metrics.py`: reaching Proposal counts as a proposal
    /// and reaching Negotiation as an agreement.
    public static let b2b = StageCatalogue(
        id: "b2b", name: "B2B opportunity pipeline",
        stages: [
            .init(key: "Prospecting", name: "Prospecting", category: .open, probability: 0.05),
            .init(key: "Qualified", name: "Qualified", category: .open, milestone: .call, probability: 0.2),
            .init(key: "Proposal", name: "Proposal", category: .open, milestone: .proposal, probability: 0.4),
            .init(key: "Negotiation", name: "Negotiation", category: .open, milestone: .agreement, probability: 0.7),
            .init(key: "Won", name: "Closed Won", category: .won, milestone: .sale, probability: 1),
            .init(key: "Lost", name: "Closed Lost", category: .lost, probability: 0),
        ])

    /// The BDR partner-list pipeline of crm-reporting-spec.md §2.
    public static let bdr = StageCatalogue(
        id: "bdr", name: "BDR partner-list pipeline",
        stages: [
            .init(key: "LEAD", name: "Lead", category: .open, probability: 0.02),
            .init(key: "CALL_BOOKED", name: "Call Booked", category: .open, milestone: .callBooked, probability: 0.1),
            .init(key: "CALL_CONDUCTED", name: "Call Conducted", category: .open, milestone: .call, probability: 0.2),
            .init(
                key: "PROPOSAL_SOFT_YES", name: "Proposal (Soft-Yes)", category: .open, milestone: .proposal,
                probability: 0.4),
            .init(
                key: "AGREEMENT_HARD_YES", name: "Agreement (Hard-Yes)", category: .open, milestone: .agreement,
                probability: 0.7),
            .init(
                key: "PARTNER_LIST_SENT", name: "Partner List Sent", category: .open, milestone: .listOut,
                probability: 0.8),
            .init(key: "SOLD", name: "Sold", category: .won, milestone: .sale, probability: 1),
            .init(key: "LIST_OUT_NOT_SOLD", name: "List Out – Not Sold", category: .lost, probability: 0),
            .init(key: "FREE_QA_OFFERED", name: "Free Q&A Offered", category: .lost, probability: 0),
        ])

    /// The catalogues Pulse ships, by id.
    public static let builtIn: [String: StageCatalogue] = [b2b.id: b2b, bdr.id: bdr]
}
