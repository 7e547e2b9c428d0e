import Foundation
import PulseCore
import PulseStore

/// Reads the demo data back from the store and fills a `DemoSummary` from the metrics engine.
///
/// Two metric snapshots are taken: one over the BDR pipeline (call KPIs, conversion funnel, BDR index) and one over
/// the B2B opportunities (win rate, PVS, DQS, LDVR). The metrics frame folds partner sublist items into sales
/// itself; sublist items that did not sell add nothing to any metric, so they are only counted by stage here and
/// never kept (a 100,000-lead demo has a million of them).
struct DemoSummaryBuilder {
    let parameters: DemoParameters
    let top: Int

    func build(from store: any PulseStore) async throws -> DemoSummary {
        var summary = try await pipelineSummary(from: store)
        summary.lowestHealth = try await lowestHealth(store: store)
        return summary
    }

    /// Everything but customer health. Deals, activity facts and frames live only inside this call, so they are
    /// released before the customer-health reads.
    private func pipelineSummary(from store: any PulseStore) async throws -> DemoSummary {
        let tenant = parameters.tenant
        let now = parameters.now
        let reps = try await store.reps(tenant: tenant)
        let storedTargets = try await store.targets(tenant: tenant)
        let targets = storedTargets.isEmpty ? KpiTarget.defaults(tenant: tenant) : storedTargets
        let repNames = Dictionary(reps.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let bdrs = Set(reps.filter { $0.role == .bdr }.map(\.id))

        let (bdrDeals, opportunities, sublists) = try await readDeals(from: store)
        // All activity facts go into the BDR frame unfiltered (no second copy): its call KPI is limited to the
        // BDRs and the leaderboard is filtered to them. The B2B metrics shown use no activities.
        let bdrFrame = MetricsFrame(deals: bdrDeals, activities: try await store.activityFacts(tenant: tenant))
        let bdr = PulseMetricsSnapshot(frame: bdrFrame, now: now, targets: targets, bdrs: bdrs)
        let b2b = PulseMetricsSnapshot(
            frame: MetricsFrame(deals: opportunities, activities: []), now: now, targets: targets)

        var summary = DemoSummary()
        summary.kpis = kpiLines(bdr: bdr, b2b: b2b)
        summary.conversions = bdr.conversion.steps.dropFirst().enumerated().map { offset, step in
            let previous = bdr.conversion.steps[offset]
            return DemoSummary.ConversionLine(
                label: Self.milestoneName(previous.milestone) + " → " + Self.milestoneName(step.milestone),
                rate: DemoSummaryRenderer.percent(step.rateFromPrevious),
                counts: DemoSummaryRenderer.grouped(step.reached) + " of "
                    + DemoSummaryRenderer.grouped(previous.reached))
        }
        summary.pipeline = pipelineHealth(
            bdrDeals: bdrDeals, sublists: sublists, opportunities: opportunities, bdr: bdr, b2b: b2b)
        summary.lowestMomentum = lowestMomentum(
            [(bdr.momentum, bdrDeals), (b2b.momentum, opportunities)], repNames: repNames)
        summary.leaderboard = bdr.bdrIndex.filter { bdrs.contains($0.rep) }
            .sorted { $0.index > $1.index || ($0.index == $1.index && $0.rep < $1.rep) }
            .prefix(top)
            .map {
                DemoSummary.LeaderboardLine(
                    name: repNames[$0.rep] ?? $0.rep.rawValue, calls: $0.calls, agreements: $0.agreements,
                    lists: $0.lists, sales: $0.sales, index: $0.index)
            }
        return summary
    }

    /// One pass over the stored deals: BDR main leads and sold partner items, B2B opportunities, and the partner
    /// sublist counted by stage. The store's array is released on return.
    private func readDeals(from store: any PulseStore) async throws -> ([Deal], [Deal], DemoSublistCounts) {
        var bdrDeals: [Deal] = []
        var opportunities: [Deal] = []
        var sublists = DemoSublistCounts()
        for deal in try await store.deals(tenant: parameters.tenant) {
            if deal.pipeline == StageCatalogue.bdr.id {
                if deal.parent != nil { sublists.add(deal) }
                if deal.parent == nil || deal.outcome == .won { bdrDeals.append(deal) }
            } else if deal.pipeline == StageCatalogue.b2b.id {
                opportunities.append(deal)
            }
        }
        return (bdrDeals, opportunities, sublists)
    }

    private func kpiLines(bdr: PulseMetricsSnapshot, b2b: PulseMetricsSnapshot) -> [DemoSummary.KpiLine] {
        var lines: [DemoSummary.KpiLine] = []
        for kpi in bdr.kpis where kpi.metric != "win_rate" {
            let value =
                kpi.metric == "calls_per_bdr_week"
                ? DemoSummaryRenderer.decimals(kpi.value, 1) : DemoSummaryRenderer.grouped(Int(kpi.value.rounded()))
            lines.append(
                .init(label: kpi.label, value: value, target: Self.number(kpi.target), light: .init(kpi.status)))
        }
        for kpi in b2b.kpis where kpi.metric == "win_rate" {
            lines.append(
                .init(
                    label: kpi.label + " (B2B)", value: DemoSummaryRenderer.percent(kpi.value),
                    target: DemoSummaryRenderer.percent(kpi.target), light: .init(kpi.status)))
        }
        return lines
    }

    private func pipelineHealth(
        bdrDeals: [Deal], sublists: DemoSublistCounts, opportunities: [Deal], bdr: PulseMetricsSnapshot,
        b2b: PulseMetricsSnapshot
    ) -> DemoSummary.PipelineHealthLines {
        let now = parameters.now
        let openLeads = bdrDeals.filter { $0.parent == nil && !$0.isClosed }
        let openOpportunities = opportunities.filter { !$0.isClosed }
        var health = DemoSummary.PipelineHealthLines()
        func byStage(_ open: [Deal], _ catalogue: StageCatalogue) -> [(String, Int)] {
            var counts: [String: Int] = [:]
            for deal in open { counts[deal.stage, default: 0] += 1 }
            return catalogue.stages.filter { $0.category == .open }.compactMap { stage in
                counts[stage.key].map { (stage.name, $0) }
            }
        }
        func joined(_ counts: [(String, Int)]) -> String {
            counts.isEmpty
                ? "none" : counts.map { "\($0.0) " + DemoSummaryRenderer.grouped($0.1) }.joined(separator: " · ")
        }
        health.openByStage = byStage(openLeads, .bdr)
        health.scheduledCalls = Int(bdr.kpis.first { $0.metric == "upcoming_calls_next_week" }?.value ?? 0)
        health.outstandingProposals = openLeads.filter { $0.stage == "PROPOSAL_SOFT_YES" }.count
        health.overdueLists =
            openLeads.filter {
                $0.partnerListSentDate == nil && ($0.partnerListDueDate.map { $0 < now } ?? false)
            }.count
        health.facts.append(
            (
                "Partner contacts on sublists",
                DemoSummaryRenderer.grouped(sublists.total) + ": "
                    + joined(
                        StageCatalogue.bdr.stages.compactMap { stage in
                            sublists.byStage[stage.key].map { (DemoSublistCounts.label(stage.key), $0) }
                        })
            ))
        health.facts.append(("B2B open opportunities by stage", joined(byStage(openOpportunities, .b2b))))
        if let pvs = b2b.velocity.overall.pvs {
            health.facts.append(
                ("PVS, pipeline velocity (B2B)", MoneyFormat.short(cents: Int64(pvs * 100)) + " per day"))
        }
        if let ldvr = b2b.cycle.lostDealVelocityRatio {
            health.facts.append(
                ("Lost-Deal Velocity Ratio (B2B, lost ÷ won cycle)", DemoSummaryRenderer.decimals(ldvr, 2)))
        }
        let scores = b2b.quality.deals.compactMap(\.dqs)
        if !scores.isEmpty {
            let mean = scores.reduce(0, +) / Double(scores.count)
            health.facts.append(
                (
                    "Deal Quality Score (B2B open)",
                    "mean \(DemoSummaryRenderer.decimals(mean, 2)), "
                        + "\(b2b.quality.lowCount) of \(DemoSummaryRenderer.grouped(scores.count)) below 0.4"
                ))
        }
        func stalled(_ report: StageMomentumReport, of open: Int, _ what: String) -> String {
            DemoSummaryRenderer.grouped(report.deals.filter(\.isStalled).count) + " of "
                + DemoSummaryRenderer.grouped(open) + " open " + what
        }
        health.facts.append(
            (
                "Stalled, 15+ days in their stage (SMI < 0.07)",
                stalled(bdr.momentum, of: openLeads.count, "BDR leads") + " · "
                    + stalled(b2b.momentum, of: openOpportunities.count, "B2B opportunities")
            ))
        return health
    }

    private func lowestMomentum(
        _ reports: [(StageMomentumReport, [Deal])], repNames: [Rep.ID: String]
    ) -> [DemoSummary.MomentumLine] {
        var rows: [(StageMomentumReport.DealRow, Deal)] = []
        for (report, deals) in reports {
            let candidates = report.lowestMomentumFirst.prefix(top).filter { $0.smi != nil }
            let wanted = Set(candidates.map(\.deal))
            let byID = Dictionary(
                deals.lazy.filter { wanted.contains($0.id) }.map { ($0.id, $0) },
                uniquingKeysWith: { first, _ in first })
            for row in candidates { if let deal = byID[row.deal] { rows.append((row, deal)) } }
        }
        rows.sort { ($0.0.smi ?? 1, $0.1.id) < ($1.0.smi ?? 1, $1.1.id) }
        return rows.prefix(top).map { row, deal in
            let catalogue = StageCatalogue.builtIn[deal.pipeline]
            return DemoSummary.MomentumLine(
                deal: deal.name ?? deal.id.rawValue, owner: deal.owner.map { repNames[$0] ?? $0.rawValue } ?? "–",
                stage: catalogue?.stage(deal.stage)?.name ?? deal.stage, daysInStage: row.daysInStage ?? 0,
                smi: row.smi ?? 0, amount: deal.amountCents.map { MoneyFormat.short(cents: $0) } ?? "–")
        }
    }

    private func lowestHealth(store: any PulseStore) async throws -> [DemoSummary.HealthLine] {
        let tenant = parameters.tenant
        let now = parameters.now
        // Churned customers are gone, and without tracking consent there is no engagement to judge.
        let accounts = try await store.accounts(tenant: tenant).filter { !$0.churned && $0.trackingConsent }
        guard !accounts.isEmpty else { return [] }
        let from = now.addingTimeInterval(-90 * 86_400)
        let engagement = try await store.engagement(tenant: tenant, from: from, to: now)
        let tickets = try await store.tickets(tenant: tenant)
        // Account activities (CSM e-mails and meetings), read a week at a time so millions of BDR activities
        // never sit in memory together.
        var activities: [Activity] = []
        var start = from
        while start < now {
            let end = min(now, start.addingTimeInterval(7 * 86_400))
            activities += try await store.activities(tenant: tenant, from: start, to: end).filter { $0.account != nil }
            start = end
        }
        let byID = Dictionary(accounts.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let scores = CustomerHealthScorer().score(
            accounts: accounts, engagement: engagement, tickets: tickets, activities: activities, now: now)
        return scores.prefix(top).map { health in
            let account = byID[health.account]
            let weakest = health.weakest
            return DemoSummary.HealthLine(
                account: account?.name ?? health.account.rawValue, score: Int(health.score.rounded()),
                weakest: weakest.map { $0.kind.rawValue.replacingOccurrences(of: "_", with: " ") } ?? "–",
                explanation: weakest?.explanation ?? "",
                arr: account?.arrCents.map { MoneyFormat.short(cents: $0) } ?? "–")
        }
    }

    static func milestoneName(_ milestone: Milestone) -> String {
        switch milestone {
        case .callBooked: "Call booked"
        case .call: "Call"
        case .proposal: "Proposal"
        case .agreement: "Agreement"
        case .listOut: "List out"
        case .sale: "First sale"
        }
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() ? DemoSummaryRenderer.grouped(Int(value)) : DemoSummaryRenderer.decimals(value, 1)
    }
}

extension DemoSummary.Light {
    init(_ status: KpiStatus) {
        switch status {
        case .onTrack: self = .green
        case .atRisk: self = .amber
        case .behind: self = .red
        }
    }
}
