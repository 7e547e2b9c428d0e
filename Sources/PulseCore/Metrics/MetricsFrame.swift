import Foundation

/// Deals and activities as dictionary-encoded columns (Int32 codes, Int64 seconds and cents), built once
/// from the model and read by every metric in single passes.
///
/// Partner sublist items (`Deal.parent != nil`) are not pipeline items of their own: they are folded into the
/// sales table (a sold partner is one sale with its amount) and get no deal row, so lists out, conversion, win
/// rate, PVS, SMI and DQS count main items only, whether or not the caller passes sublists in.
///
/// Building it is the data step (like loading a data frame); metrics only read it. Label tables are
/// sorted by byte order, so code order is key order and per-rep tables come out sorted. Rows are clustered:
/// open deals first in input order, then closed deals by close time; activities by kind, then time. So a
/// window over closes or activities of one kind is a contiguous row range found by binary search.
public struct MetricsFrame: Sendable {
    /// Marks a missing time or amount in an Int64 column; no window contains it.
    public static let missing = Int64.min

    /// Stage category codes of `dealCategory`.
    public static let open: UInt8 = 0
    public static let won: UInt8 = 1
    public static let lost: UInt8 = 2

    /// Every rep seen in deals or activities, sorted: index = rep code.
    public let reps: [Rep.ID]
    /// Every industry seen on deals (or their accounts), sorted: index = industry code.
    public let industries: [String]
    /// Every lead source seen on deals, sorted.
    public let leadSources: [String]
    /// Every product seen on deals, sorted.
    public let products: [String]

    /// Deal ids in row order (open deals in input order, then closed deals by close time); row i of every deal
    /// column describes `dealIDs[i]`.
    public let dealIDs: [Deal.ID]
    /// Rep, industry, lead-source and product codes per deal; −1 when unknown.
    public let dealRep: ContiguousArray<Int32>
    public let dealIndustry: ContiguousArray<Int32>
    public let dealLeadSource: ContiguousArray<Int32>
    public let dealProduct: ContiguousArray<Int32>
    /// Amount in cents, or `missing`.
    public let dealAmount: ContiguousArray<Int64>
    /// Epoch seconds of creation, close (closed deals only) and entry into the current stage, or `missing`.
    public let dealCreated: ContiguousArray<Int64>
    public let dealClosed: ContiguousArray<Int64>
    public let dealStageEntered: ContiguousArray<Int64>
    /// `open`, `won` or `lost`.
    public let dealCategory: ContiguousArray<UInt8>
    /// Furthest milestone rank the deal's stages mark (current stage and history), −1 for none.
    public let dealStageRank: ContiguousArray<Int8>
    /// First time each funnel milestone was reached (date field or stage entry), or `missing`.
    public let dealCallAt: ContiguousArray<Int64>
    public let dealProposalAt: ContiguousArray<Int64>
    public let dealAgreementAt: ContiguousArray<Int64>
    public let dealListOutAt: ContiguousArray<Int64>
    public let dealSaleAt: ContiguousArray<Int64>
    /// The "list" milestone of the BDR index: list-out where the pipeline has one, else proposal.
    public let dealBDRListAt: ContiguousArray<Int64>

    /// Rep code per activity (the activity's rep, else its deal's owner), −1 when unknown.
    public let activityRep: ContiguousArray<Int32>
    /// `ActivityKind.code` per activity.
    public let activityKind: ContiguousArray<UInt8>
    /// Epoch seconds per activity.
    public let activityTime: ContiguousArray<Int64>

    /// Sales, sorted by time: a won deal row without sublist items in the input (`totalSalesFromList` sales,
    /// at least 1, with its amount), or one won partner sublist item (1 sale with its amount).
    public let saleTime: ContiguousArray<Int64>
    /// Rep code per sale (the item's owner, else its lead's owner), −1 when unknown.
    public let saleRep: ContiguousArray<Int32>
    /// Number of sales a row stands for.
    public let saleCount: ContiguousArray<Int32>
    /// Amount in cents per sale row (0 when unknown).
    public let saleAmount: ContiguousArray<Int64>
    /// Partner sublist items seen in the input (folded into the sales table, no deal rows).
    public let sublistItemCount: Int

    /// Number of open deals: rows 0..<openCount are open, the rest closed.
    public let openCount: Int
    /// Start row of each activity kind's rows (by `ActivityKind.code`), plus the end: kind k is rows
    /// kindStart[k]..<kindStart[k + 1].
    public let kindStart: [Int]

    /// Number of deal rows.
    public var dealCount: Int { dealIDs.count }
    /// Number of activity rows.
    public var activityCount: Int { activityTime.count }

    /// Builds the frame. A deal's industry falls back to its account's; stage categories and milestones
    /// come from the deal's catalogue (an `outcome` overrides the category). Sublist items only add sales.
    public init(
        deals: [Deal], activities: [ActivityFact], accounts: [Account] = [],
        catalogues: [String: StageCatalogue] = StageCatalogue.builtIn
    ) {
        var accountIndustry: [Account.ID: String] = [:]
        for account in accounts { if let industry = account.industry { accountIndustry[account.id] = industry } }
        let tables = catalogues.mapValues(StageTable.init)

        var repCodes = Interner()
        var industryCodes = Interner()
        var leadCodes = Interner()
        var productCodes = Interner()
        let n = deals.count
        var rep = ContiguousArray<Int32>(repeating: -1, count: n)
        var industry = rep
        var lead = rep
        var product = rep
        var amount = ContiguousArray<Int64>(repeating: Self.missing, count: n)
        var created = amount
        var closed = amount
        var entered = amount
        var callAt = amount
        var proposalAt = amount
        var agreementAt = amount
        var listOutAt = amount
        var saleAt = amount
        var bdrListAt = amount
        var category = ContiguousArray<UInt8>(repeating: Self.open, count: n)
        var stageRank = ContiguousArray<Int8>(repeating: -1, count: n)
        var ids: [Deal.ID] = []
        ids.reserveCapacity(n)
        // Leads whose partner sublist items are in the input: their sales come from those items.
        var leadsWithSublists = Set<Deal.ID>()
        var sublistItems = 0
        for deal in deals { if let parent = deal.parent { leadsWithSublists.insert(parent) } }
        var sales = SaleRows()
        var sublistSalesWithoutOwner: [(sale: Int, lead: Deal.ID)] = []

        var lastPipeline = ""
        var table = StageTable.empty
        var i = -1
        for deal in deals {
            if deal.pipeline != lastPipeline {
                lastPipeline = deal.pipeline
                table = tables[deal.pipeline] ?? .empty
            }
            if let lead = deal.parent {
                sublistItems += 1
                let owner = deal.owner.map { repCodes.code($0.rawValue) } ?? -1
                let category =
                    deal.outcome.map { $0 == .won ? Self.won : Self.lost } ?? table.stages[deal.stage]?.category
                guard category == Self.won else { continue }
                let at = deal.closedAt ?? deal.stageEnteredAt ?? deal.firstSaleDate
                guard let at else { continue }
                if owner < 0 { sublistSalesWithoutOwner.append((sales.time.count, lead)) }
                sales.append(time: TimeWindow.seconds(at), rep: owner, count: 1, amount: deal.amountCents ?? 0)
                continue
            }
            i += 1
            ids.append(deal.id)
            if let owner = deal.owner { rep[i] = repCodes.code(owner.rawValue) }
            if let name = deal.industry ?? deal.account.flatMap({ accountIndustry[$0] }) {
                industry[i] = industryCodes.code(name)
            }
            if let source = deal.leadSource { lead[i] = leadCodes.code(source) }
            if let name = deal.product { product[i] = productCodes.code(name) }
            if let cents = deal.amountCents { amount[i] = cents }
            if let date = deal.createdAt { created[i] = TimeWindow.seconds(date) }

            var times = [Int64](repeating: Self.missing, count: Milestone.allCases.count)
            func note(_ rank: Int, _ date: Date?) {
                guard let date else { return }
                let t = TimeWindow.seconds(date)
                if times[rank] == Self.missing || t < times[rank] { times[rank] = t }
            }
            let current = table.stages[deal.stage]
            var rank = current?.rank ?? -1
            var stageEntry = Self.missing
            for change in deal.stageHistory {
                if change.stage == deal.stage { stageEntry = TimeWindow.seconds(change.enteredAt) }
                if let info = table.stages[change.stage], info.rank >= 0 {
                    rank = max(rank, info.rank)
                    note(Int(info.rank), change.enteredAt)
                }
            }
            note(Milestone.call.rank, deal.callDate)
            note(Milestone.agreement.rank, deal.agreementDate)
            note(Milestone.listOut.rank, deal.partnerListSentDate)
            note(Milestone.sale.rank, deal.firstSaleDate)

            var cat = current?.category ?? Self.open
            if let outcome = deal.outcome { cat = outcome == .won ? Self.won : Self.lost }
            category[i] = cat
            entered[i] = stageEntry
            if cat != Self.open {
                closed[i] = deal.closedAt.map(TimeWindow.seconds) ?? stageEntry
                if cat == Self.won, times[Milestone.sale.rank] == Self.missing {
                    times[Milestone.sale.rank] = closed[i]
                }
                if cat == Self.won, closed[i] != Self.missing, !leadsWithSublists.contains(deal.id) {
                    sales.append(
                        time: closed[i], rep: rep[i], count: Int32(max(1, deal.totalSalesFromList ?? 1)),
                        amount: deal.amountCents ?? 0)
                }
            }
            stageRank[i] = rank
            callAt[i] = times[Milestone.call.rank]
            proposalAt[i] = times[Milestone.proposal.rank]
            agreementAt[i] = times[Milestone.agreement.rank]
            listOutAt[i] = times[Milestone.listOut.rank]
            saleAt[i] = times[Milestone.sale.rank]
            bdrListAt[i] = table.hasListOut ? listOutAt[i] : proposalAt[i]
        }
        let rows = i + 1
        if !sublistSalesWithoutOwner.isEmpty {
            let leadRow = Dictionary(ids.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
            for (sale, lead) in sublistSalesWithoutOwner { sales.rep[sale] = leadRow[lead].map { rep[$0] } ?? -1 }
        }

        let m = activities.count
        var actRep = ContiguousArray<Int32>(repeating: -1, count: m)
        var actKind = ContiguousArray<UInt8>(repeating: 0, count: m)
        var actTime = ContiguousArray<Int64>(repeating: 0, count: m)
        var ownerOfDeal: [Deal.ID: Int32]?
        var lastRep = ""
        var lastCode: Int32 = -1
        for (j, fact) in activities.enumerated() {
            actKind[j] = fact.kind.code
            actTime[j] = TimeWindow.seconds(fact.occurredAt)
            if let r = fact.rep {
                if r.rawValue != lastRep {
                    lastRep = r.rawValue
                    lastCode = repCodes.code(lastRep)
                }
                actRep[j] = lastCode
            } else if let dealID = fact.deal {
                if ownerOfDeal == nil {
                    var map: [Deal.ID: Int32] = [:]
                    for (i, id) in ids.enumerated() where rep[i] >= 0 { map[id] = rep[i] }
                    for deal in deals where deal.parent != nil {
                        if let owner = deal.owner {
                            map[deal.id] = repCodes.code(owner.rawValue)
                        } else if let lead = deal.parent, let code = map[lead] {
                            map[deal.id] = code
                        }
                    }
                    ownerOfDeal = map
                }
                actRep[j] = ownerOfDeal?[dealID] ?? -1
            }
        }

        let repOrder = repCodes.sorted()
        let industryOrder = industryCodes.sorted()
        let leadOrder = leadCodes.sorted()
        let productOrder = productCodes.sorted()
        Interner.remap(&rep, repOrder.remap)
        Interner.remap(&actRep, repOrder.remap)
        Interner.remap(&sales.rep, repOrder.remap)
        Interner.remap(&industry, industryOrder.remap)
        Interner.remap(&lead, leadOrder.remap)
        Interner.remap(&product, productOrder.remap)

        // Cluster deals: open ones in input order, then closed ones by close time (stable).
        var open: [Int] = []
        var shut: [Int] = []
        for i in 0..<rows { if category[i] == Self.open { open.append(i) } else { shut.append(i) } }
        shut.sort { closed[$0] < closed[$1] || (closed[$0] == closed[$1] && $0 < $1) }
        let order = open + shut
        func permuted<T>(_ column: ContiguousArray<T>) -> ContiguousArray<T> {
            var out = ContiguousArray<T>()
            out.reserveCapacity(order.count)
            for i in order { out.append(column[i]) }
            return out
        }
        // Cluster activities by kind, then time (stable).
        var kindCounts = [Int](repeating: 0, count: ActivityKind.allCases.count + 1)
        for k in actKind { kindCounts[Int(k) + 1] += 1 }
        for k in 1..<kindCounts.count { kindCounts[k] += kindCounts[k - 1] }
        let actOrder = ActivityOrder.byKindThenTime(kind: actKind, time: actTime)
        func permutedActivities<T>(_ column: ContiguousArray<T>) -> ContiguousArray<T> {
            var out = ContiguousArray<T>()
            out.reserveCapacity(m)
            for j in actOrder { out.append(column[j]) }
            return out
        }

        reps = repOrder.labels.map { Rep.ID($0) }
        industries = industryOrder.labels
        leadSources = leadOrder.labels
        products = productOrder.labels
        dealIDs = order.map { ids[$0] }
        openCount = open.count
        kindStart = kindCounts
        dealRep = permuted(rep)
        dealIndustry = permuted(industry)
        dealLeadSource = permuted(lead)
        dealProduct = permuted(product)
        dealAmount = permuted(amount)
        dealCreated = permuted(created)
        dealClosed = permuted(closed)
        dealStageEntered = permuted(entered)
        dealCategory = permuted(category)
        dealStageRank = permuted(stageRank)
        dealCallAt = permuted(callAt)
        dealProposalAt = permuted(proposalAt)
        dealAgreementAt = permuted(agreementAt)
        dealListOutAt = permuted(listOutAt)
        dealSaleAt = permuted(saleAt)
        dealBDRListAt = permuted(bdrListAt)
        activityRep = permutedActivities(actRep)
        activityKind = permutedActivities(actKind)
        activityTime = permutedActivities(actTime)
        let saleOrder = sales.time.indices.sorted { (sales.time[$0], $0) < (sales.time[$1], $1) }
        saleTime = ContiguousArray(saleOrder.map { sales.time[$0] })
        saleRep = ContiguousArray(saleOrder.map { sales.rep[$0] })
        saleCount = ContiguousArray(saleOrder.map { sales.count[$0] })
        saleAmount = ContiguousArray(saleOrder.map { sales.amount[$0] })
        sublistItemCount = sublistItems
    }

    /// Sale rows under construction.
    private struct SaleRows {
        var time = ContiguousArray<Int64>()
        var rep = ContiguousArray<Int32>()
        var count = ContiguousArray<Int32>()
        var amount = ContiguousArray<Int64>()

        mutating func append(time t: Int64, rep r: Int32, count c: Int32, amount a: Int64) {
            time.append(t)
            rep.append(r)
            count.append(c)
            amount.append(a)
        }
    }

    /// Rows of the sales table whose time is in `window`.
    public func saleRows(in window: TimeWindow) -> Range<Int> {
        let lower = lowerBound(saleTime, window.start, from: 0, to: saleTime.count)
        let upper = lowerBound(saleTime, window.end, from: lower, to: saleTime.count)
        return lower..<upper
    }

    /// Rows of open deals.
    public var openRows: Range<Int> { 0..<openCount }

    /// Rows of closed deals whose close time is in `window` (binary search on the clustered close times).
    public func closedRows(in window: TimeWindow) -> Range<Int> {
        let lower = lowerBound(dealClosed, window.start, from: openCount, to: dealCount)
        let upper = lowerBound(dealClosed, window.end, from: lower, to: dealCount)
        return lower..<upper
    }

    /// Rows of activities of one kind whose time is in `window`.
    public func activityRows(kind: ActivityKind, in window: TimeWindow) -> Range<Int> {
        let k = Int(kind.code)
        let lower = lowerBound(activityTime, window.start, from: kindStart[k], to: kindStart[k + 1])
        let upper = lowerBound(activityTime, window.end, from: lower, to: kindStart[k + 1])
        return lower..<upper
    }

    private func lowerBound(_ column: ContiguousArray<Int64>, _ value: Int64, from: Int, to: Int) -> Int {
        var low = from
        var high = to
        while low < high {
            let mid = (low + high) / 2
            if column[mid] < value { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// Calls `body(rep code, time)` for every activity of kind `code` whose time is in `window`; rep code −1
    /// when unknown. One tight pass over the kind, time and rep columns.
    @inline(__always)
    func scanActivities(kind code: UInt8, in window: TimeWindow, _ body: (Int, Int64) -> Void) {
        guard let kind = ActivityKind.allCases.first(where: { $0.code == code }) else { return }
        let rows = activityRows(kind: kind, in: window)
        activityTime.withUnsafeBufferPointer { time in
            activityRep.withUnsafeBufferPointer { rep in
                for j in rows { body(Int(rep[j]), time[j]) }
            }
        }
    }

    /// Code of a rep id in `reps`, if the frame has it.
    public func repCode(_ rep: Rep.ID) -> Int? {
        let i = reps.partitionPoint { $0.rawValue.utf8.lexicographicallyPrecedes(rep.rawValue.utf8) }
        return i < reps.count && reps[i] == rep ? i : nil
    }
}
