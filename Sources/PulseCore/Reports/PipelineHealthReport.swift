import Foundation

/// `pipeline-health`: forward-looking pipeline as of the range's end — calls booked ahead, proposals awaiting a
/// decision, partner lists past their due date (crm-reporting-spec.md §3.5).
public struct PipelineHealthReport: TabularReport, Hashable, Codable {
    /// A deal in one of the lists.
    public struct Item: Hashable, Sendable, Codable {
        public var deal: String
        public var name: String
        public var owner: String?
        /// Proposals: days in the proposal stage; overdue lists: days past due.
        public var days: Int
    }

    /// One rep's counts.
    public struct RepRow: Hashable, Sendable, Codable {
        public var rep: String
        public var name: String
        public var scheduledCallsNextWeek: Int
        public var outstandingProposals: Int
        public var overduePartnerLists: Int
    }

    /// The "as of" time: the query's `to`.
    public var asOf: Date
    /// `call_booked` activities scheduled at or after `asOf`.
    public var scheduledCalls: Int
    /// Of those, scheduled in the next ISO week (the §7 "upcoming calls next week").
    public var scheduledCallsNextWeek: Int
    /// Target for next week's calls (`upcoming_calls_next_week`, default 30).
    public var scheduledCallsTarget: Double
    /// Open main items whose current stage marks the proposal milestone, oldest first.
    public var outstandingProposals: [Item]
    /// Open main items with a partner-list due date before `asOf` and no sent date, most overdue first.
    public var overduePartnerLists: [Item]
    public var byRep: [RepRow]

    public init(data: ReportData, query: ReportQuery) {
        let asOf = query.to
        let deals = data.deals(matching: query).filter { $0.parent == nil }
        let activities = data.activities(matching: query, deals: deals)
        let owners = Dictionary(data.deals.map { ($0.id, $0.owner) }, uniquingKeysWith: { a, _ in a })
        let nextWeekStart = UTCCalendar.weekStart(TimeWindow.seconds(asOf)) + 7 * Days.seconds
        let nextWeek = TimeWindow(startSeconds: nextWeekStart, endSeconds: nextWeekStart + 7 * Days.seconds)
        var perRep: [String: RepRow] = [:]
        let repIDs = data.repIDs(matching: query)
        for id in repIDs {
            perRep[id.rawValue] = RepRow(
                rep: id.rawValue, name: data.name(of: id), scheduledCallsNextWeek: 0, outstandingProposals: 0,
                overduePartnerLists: 0)
        }
        var scheduled = 0
        var scheduledNext = 0
        for a in activities where a.kind == .callBooked {
            let at = a.scheduledAt ?? a.occurredAt
            guard at >= asOf else { continue }
            scheduled += 1
            if nextWeek.contains(at) {
                scheduledNext += 1
                if let rep = (a.rep ?? a.deal.flatMap { owners[$0] ?? nil })?.rawValue {
                    perRep[rep]?.scheduledCallsNextWeek += 1
                }
            }
        }
        var proposals: [Item] = []
        var overdue: [Item] = []
        for deal in deals {
            let catalogue = StageCatalogue.builtIn[deal.pipeline]
            let stage = catalogue?.stage(deal.stage)
            let open = deal.outcome == nil && (stage?.category ?? .open) == .open
            guard open else { continue }
            if stage?.milestone == .proposal {
                let since = deal.stageEnteredAt ?? deal.createdAt ?? asOf
                proposals.append(
                    Item(
                        deal: deal.id.rawValue, name: deal.name ?? deal.id.rawValue, owner: deal.owner?.rawValue,
                        days: max(0, Days.between(since, asOf))))
                if let owner = deal.owner?.rawValue { perRep[owner]?.outstandingProposals += 1 }
            }
            if let due = deal.partnerListDueDate, due < asOf, deal.partnerListSentDate == nil,
                stage?.milestone != .listOut
            {
                overdue.append(
                    Item(
                        deal: deal.id.rawValue, name: deal.name ?? deal.id.rawValue, owner: deal.owner?.rawValue,
                        days: Days.between(due, asOf)))
                if let owner = deal.owner?.rawValue { perRep[owner]?.overduePartnerLists += 1 }
            }
        }
        let targets = data.targets.isEmpty ? KpiTarget.defaults() : data.targets
        self.asOf = asOf
        scheduledCalls = scheduled
        scheduledCallsNextWeek = scheduledNext
        scheduledCallsTarget =
            targets.first { $0.metric == "upcoming_calls_next_week" && $0.rep == nil && $0.team == nil }?.target ?? 30
        outstandingProposals = proposals.sorted { ($1.days, $0.deal) < ($0.days, $1.deal) }
        overduePartnerLists = overdue.sorted { ($1.days, $0.deal) < ($0.days, $1.deal) }
        byRep = repIDs.compactMap { perRep[$0.rawValue] }
    }

    /// Rows list (proposal, overdue_list, rep), deal or rep, name, owner, days or counts.
    public var table: ReportTable {
        var rows = [["summary", "scheduled_calls", "", "", "\(scheduledCalls)"]]
        rows.append(["summary", "scheduled_calls_next_week", "", "", "\(scheduledCallsNextWeek)"])
        rows.append(["summary", "outstanding_proposals", "", "", "\(outstandingProposals.count)"])
        rows.append(["summary", "overdue_partner_lists", "", "", "\(overduePartnerLists.count)"])
        rows += outstandingProposals.map { ["proposal", $0.deal, $0.name, $0.owner ?? "", "\($0.days)"] }
        rows += overduePartnerLists.map { ["overdue_list", $0.deal, $0.name, $0.owner ?? "", "\($0.days)"] }
        return ReportTable(columns: ["kind", "id", "name", "owner", "value"], rows: rows)
    }
}
