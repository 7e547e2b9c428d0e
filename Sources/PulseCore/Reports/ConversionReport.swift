import Foundation

/// `conversion`: call → proposal, proposal → agreement, agreement → list-out and list-out → first sale for the
/// deals that entered the pipeline in the range, in total and per rep (crm-reporting-spec.md §3.4).
public struct ConversionReport: TabularReport, Hashable, Codable {
    /// Milestone counts and step rates of one cohort.
    public struct Funnel: Hashable, Sendable, Codable {
        /// "ALL" or a rep id.
        public var scope: String
        public var cohort: Int
        public var calls: Int
        public var proposals: Int
        public var agreements: Int
        public var listsOut: Int
        public var sales: Int
        public var callToProposal: Double?
        public var proposalToAgreement: Double?
        public var agreementToListOut: Double?
        public var listOutToSale: Double?

        init(scope: String, _ f: ConversionFunnel) {
            func reached(_ m: Milestone) -> Int { f.steps.first { $0.milestone == m }?.reached ?? 0 }
            func rate(_ m: Milestone) -> Double? { f.steps.first { $0.milestone == m }?.rateFromPrevious }
            self.scope = scope
            cohort = f.cohort
            calls = reached(.call)
            proposals = reached(.proposal)
            agreements = reached(.agreement)
            listsOut = reached(.listOut)
            sales = reached(.sale)
            callToProposal = rate(.proposal)
            proposalToAgreement = rate(.agreement)
            agreementToListOut = rate(.listOut)
            listOutToSale = rate(.sale)
        }
    }

    public var from: Date
    public var to: Date
    public var total: Funnel
    public var byRep: [Funnel]

    /// `MetricsFrame.conversion` over the range, milestones counted up to `to`.
    public init(data: ReportData, query: ReportQuery) {
        from = query.from
        to = query.to
        total = Funnel(scope: "ALL", data.frame(matching: query).conversion(in: query.window, now: query.to))
        byRep = data.repIDs(matching: query).map { rep in
            var one = query
            one.reps = [rep]
            return Funnel(scope: rep.rawValue, data.frame(matching: one).conversion(in: query.window, now: query.to))
        }
    }

    public var table: ReportTable {
        ReportTable(
            columns: [
                "scope", "cohort", "calls", "proposals", "agreements", "lists_out", "sales", "call_to_proposal",
                "proposal_to_agreement", "agreement_to_list_out", "list_out_to_sale",
            ],
            rows: ([total] + byRep).map {
                [
                    $0.scope, "\($0.cohort)", "\($0.calls)", "\($0.proposals)", "\($0.agreements)", "\($0.listsOut)",
                    "\($0.sales)", ReportFormat.rate($0.callToProposal), ReportFormat.rate($0.proposalToAgreement),
                    ReportFormat.rate($0.agreementToListOut), ReportFormat.rate($0.listOutToSale),
                ]
            })
    }
}
