import Foundation
import PulseCore
import PulseEngine
import Testing

/// Small hand-built data at fixed dates for the built-in pack tests, and the evaluation of one built-in rule on it
/// with the real loader and evaluator.
///
/// `now` is Thursday 15 October 2026, 12:00 UTC: mid ISO week (Monday 12 October), day 15 of the month and of Q4.
/// Amounts are in whole dollars; times are given as days (or hours) before or after `now`.
struct PackFixture {
    static let now = Date(timeIntervalSince1970: 1_792_065_600)
    static let tenant = Tenant(id: Tenant.defaultID, name: "Acme Sales")

    /// The built-in pack, loaded once through `RuleLoader`.
    static let pack = RuleLoader.load(directory: nil)
    static var rules: [Rule] { pack.rules }

    static func rule(_ id: Rule.ID) -> Rule? { pack.rules.first { $0.id == id } }

    var accounts: [Account] = [Account(id: "acc-1", name: "Acme Corp", owner: "csm-1", createdAt: PackFixture.at(-400))]
    var contacts: [Contact] = []
    var reps: [Rep] = [
        Rep(id: "rep-12", name: "Sarah Johnson", role: .rep, manager: "mgr-1", team: "east"),
        Rep(id: "mgr-1", name: "Maria Lopez", role: .manager, team: "east"),
        Rep(id: "bdr-1", name: "Ben Carter", role: .bdr, manager: "mgr-1", team: "east"),
        Rep(id: "csm-1", name: "Chloe Kim", role: .csm, manager: "mgr-1", team: "east"),
        Rep(id: "exec-1", name: "Evan Price", role: .executive),
        Rep(id: "ops-1", name: "Omar Diaz", role: .revops),
    ]
    var deals: [Deal] = []
    var activities: [Activity] = []
    var engagement: [EngagementEvent] = []
    var tickets: [SupportTicket] = []
    var targets: [KpiTarget] = KpiTarget.defaults()
    /// Trained models the rules score with (issue 5: `churn-risk-high`); none by default.
    var models = ScoringModels()

    /// `days` after `now` (negative = before).
    static func at(_ days: Double) -> Date { now.addingTimeInterval(days * 86_400) }

    // MARK: Builders

    /// An open deal (or a closed one with `outcome`), in `stage` for `daysInStage` days, created `createdDaysAgo`.
    mutating func deal(
        _ id: String, name: String? = nil, stage: String = "Qualified", daysInStage: Double = 2,
        amount: Int64? = 45_000, createdDaysAgo: Double = 30, closeInDays: Double? = 30,
        pipeline: String = "b2b", leadSource: String? = nil, industry: String? = nil, segment: String? = nil,
        outcome: DealOutcome? = nil, closedDaysAgo: Double? = nil, account: String? = "acc-1",
        owner: String = "rep-12", competitor: String? = nil, agreementDaysAgo: Double? = nil,
        partnerListDueInDays: Double? = nil, partnerListSentDaysAgo: Double? = nil
    ) {
        let created = PackFixture.at(-createdDaysAgo)
        var history = [StageChange(stage: stage, enteredAt: PackFixture.at(-daysInStage))]
        if createdDaysAgo > daysInStage {
            let first = pipeline == "bdr" ? "LEAD" : "Prospecting"
            if first != stage { history.insert(StageChange(stage: first, enteredAt: created), at: 0) }
        }
        var closedAt: Date?
        var finalStage = stage
        if let outcome {
            closedAt = PackFixture.at(-(closedDaysAgo ?? 1))
            finalStage = outcome == .won ? "Won" : "Lost"
            if pipeline == "b2b" { history.append(StageChange(stage: finalStage, enteredAt: closedAt!)) }
        }
        deals.append(
            Deal(
                id: Deal.ID(id), name: name ?? id, account: account.map { Account.ID($0) }, owner: Rep.ID(owner),
                pipeline: pipeline, stage: pipeline == "b2b" ? finalStage : stage, stageHistory: history,
                amountCents: amount.map { $0 * 100 }, leadSource: leadSource, industry: industry, segment: segment,
                createdAt: created, expectedCloseDate: closeInDays.map { PackFixture.at($0) }, closedAt: closedAt,
                outcome: outcome, competitor: competitor, agreementDate: agreementDaysAgo.map { PackFixture.at(-$0) },
                partnerListDueDate: partnerListDueInDays.map { PackFixture.at($0) },
                partnerListSentDate: partnerListSentDaysAgo.map { PackFixture.at(-$0) }))
    }

    /// A closed B2B deal that spent `daysInQualified` days in Qualified, then moved on and was won or lost.
    mutating func closedDeal(
        _ id: String, won: Bool, closedDaysAgo: Double, amount: Int64 = 10_000, cycleDays: Double = 50,
        daysInQualified: Double = 10, industry: String? = nil, segment: String? = nil, owner: String = "rep-12"
    ) {
        let closed = PackFixture.at(-closedDaysAgo)
        let created = closed.addingTimeInterval(-cycleDays * 86_400)
        let qualified = created.addingTimeInterval(86_400)
        let proposal = qualified.addingTimeInterval(daysInQualified * 86_400)
        deals.append(
            Deal(
                id: Deal.ID(id), name: id, account: "acc-1", owner: Rep.ID(owner), stage: won ? "Won" : "Lost",
                stageHistory: [
                    StageChange(stage: "Prospecting", enteredAt: created),
                    StageChange(stage: "Qualified", enteredAt: qualified),
                    StageChange(stage: "Proposal", enteredAt: min(proposal, closed)),
                    StageChange(stage: won ? "Won" : "Lost", enteredAt: closed),
                ],
                amountCents: amount * 100, industry: industry, segment: segment, createdAt: created,
                expectedCloseDate: closed, closedAt: closed, outcome: won ? .won : .lost))
    }

    mutating func contact(_ id: String, name: String? = nil, role: StakeholderRole = .user, account: String = "acc-1") {
        contacts.append(
            Contact(id: Contact.ID(id), account: Account.ID(account), name: name ?? id.capitalized, role: role))
    }

    /// An activity on a deal (and its account) `daysAgo` days before now (negative = in the future).
    mutating func activity(
        deal: String? = "D1", account: String? = "acc-1", kind: ActivityKind, daysAgo: Double, text: String? = nil,
        contacts: [String] = [], rep: String = "rep-12", scheduledInDays: Double? = nil
    ) {
        activities.append(
            Activity(
                id: Activity.ID("act-\(activities.count + 1)"), kind: kind, deal: deal.map { Deal.ID($0) },
                account: account.map { Account.ID($0) }, rep: Rep.ID(rep),
                contact: contacts.first.map { Contact.ID($0) }, occurredAt: PackFixture.at(-daysAgo),
                scheduledAt: scheduledInDays.map { PackFixture.at($0) }, subject: nil, body: text,
                participants: contacts))
    }

    mutating func account(
        _ id: String, name: String? = nil, plan: String? = nil, seats: Int? = nil, renewalInDays: Double? = nil,
        arr: Int64? = 120_000, churned: Bool = false
    ) {
        accounts.removeAll { $0.id.rawValue == id }
        accounts.append(
            Account(
                id: Account.ID(id), name: name ?? id, arrCents: arr.map { $0 * 100 }, plan: plan, seats: seats,
                renewalDate: renewalInDays.map { PackFixture.at($0) }, owner: "csm-1", createdAt: PackFixture.at(-400),
                churned: churned))
    }

    mutating func engagement(
        account: String = "acc-1", kind: EngagementKind = .featureUsed, daysAgo: Double, count: Int = 1,
        feature: String? = nil, contact: String? = nil, errors: Int? = nil
    ) {
        engagement.append(
            EngagementEvent(
                id: EngagementEvent.ID("eng-\(engagement.count + 1)"), account: Account.ID(account),
                contact: contact.map { Contact.ID($0) }, kind: kind, occurredAt: PackFixture.at(-daysAgo),
                feature: feature, count: count, errorCount: errors))
    }

    mutating func ticket(
        account: String = "acc-1", openedDaysAgo: Double, closedDaysAgo: Double? = nil,
        priority: TicketPriority = .medium, satisfaction: Int? = nil
    ) {
        tickets.append(
            SupportTicket(
                id: SupportTicket.ID("tkt-\(tickets.count + 1)"), account: Account.ID(account),
                openedAt: PackFixture.at(-openedDaysAgo), closedAt: closedDaysAgo.map { PackFixture.at(-$0) },
                priority: priority, satisfaction: satisfaction))
    }

    /// Sets a KPI target (replacing the default or an earlier one for the same metric and rep).
    mutating func target(_ metric: String, _ value: Double, period: KpiPeriod = .month, rep: String? = nil) {
        targets.removeAll { $0.metric == metric && $0.rep?.rawValue == rep }
        targets.append(
            KpiTarget(
                id: KpiTarget.ID("t-\(metric)-\(rep ?? "tenant")"), metric: metric, period: period, target: value,
                rep: rep.map { Rep.ID($0) }))
    }

    // MARK: Evaluation

    var data: EvaluationData {
        var data = EvaluationData(
            tenant: PackFixture.tenant, accounts: accounts, contacts: contacts, reps: reps, deals: deals,
            activities: activities, engagement: engagement, tickets: tickets, subscriptions: [], targets: targets,
            now: PackFixture.now)
        data.models = models
        return data
    }

    /// Firing matches of the built-in rule `id` on this data, by entity.
    func matches(_ id: Rule.ID) -> [EntityRef: RuleMatch] {
        guard let rule = PackFixture.rule(id) else { return [:] }
        let evaluations = RuleEvaluator(rules: [rule]).evaluate(data, now: PackFixture.now)
        var out: [EntityRef: RuleMatch] = [:]
        for evaluation in evaluations { if let match = evaluation.match { out[evaluation.entity] = match } }
        return out
    }

    /// The match of rule `id` for `entity`, nil when it does not fire.
    func match(_ id: Rule.ID, _ entity: EntityRef) -> RuleMatch? { matches(id)[entity] }

    /// Whether rule `id` fires for `entity`.
    func fires(_ id: Rule.ID, _ entity: EntityRef) -> Bool { match(id, entity) != nil }

    /// The rule's message lines filled from a match, as the alert shows them (lines without a value dropped).
    static func filled(_ id: Rule.ID, _ match: RuleMatch) -> (
        title: String?, facts: [String], why: [String], actions: [String], impact: String?
    ) {
        let message = rule(id)?.message ?? RuleMessage()
        let facts = match.facts
        func fill(_ lines: [String]) -> [String] { lines.compactMap { MessageTemplate.fill($0, facts: facts) } }
        return (
            message.title.flatMap { MessageTemplate.fill($0, facts: facts) }, fill(message.facts), fill(message.why),
            fill(message.actions), message.impact.flatMap { MessageTemplate.fill($0, facts: facts) }
        )
    }

    static let deal1 = EntityRef(.deal, "D1")
    static let account1 = EntityRef(.account, "acc-1")
    static let bdr = EntityRef(.rep, "bdr-1")
    static let tenantRef = EntityRef(.tenant, Tenant.defaultID.rawValue)
}

extension PackFixture {
    /// One spec trigger of RULEPACK.md: the rule id, its scope and its severity on Pulse's scale.
    struct Trigger: Sendable, CustomTestStringConvertible {
        var id: String
        var scope: RuleScope
        var severity: Severity
        var testDescription: String { id }
    }

    /// Every trigger of RULEPACK.md (and so of issue 3 item 2), in its order.
    static let specTriggers: [Trigger] = [
        .init(id: "velocity-crisis", scope: .deal, severity: .critical),
        .init(id: "stalled-deal", scope: .deal, severity: .high),
        .init(id: "competitor-mentioned", scope: .deal, severity: .critical),
        .init(id: "budget-approval-deadline", scope: .deal, severity: .critical),
        .init(id: "deal-single-threaded", scope: .deal, severity: .high),
        .init(id: "deal-budget-concerns", scope: .deal, severity: .high),
        .init(id: "buying-signal-budget-approved", scope: .deal, severity: .medium),
        .init(id: "buying-signal-stakeholders", scope: .deal, severity: .medium),
        .init(id: "buying-signal-technical-evaluation", scope: .deal, severity: .medium),
        .init(id: "buying-signal-procurement", scope: .deal, severity: .medium),
        .init(id: "advancement-demo-new-stakeholders", scope: .deal, severity: .medium),
        .init(id: "technical-validation-completed", scope: .deal, severity: .high),
        .init(id: "advancement-roi-requested", scope: .deal, severity: .medium),
        .init(id: "advancement-legal-review", scope: .deal, severity: .medium),
        .init(id: "new-stakeholder", scope: .deal, severity: .medium),
        .init(id: "new-high-value-inbound-lead", scope: .deal, severity: .high),
        .init(id: "churn-ticket-spike", scope: .account, severity: .high),
        .init(id: "churn-usage-decline", scope: .account, severity: .high),
        .init(id: "churn-outreach-no-response", scope: .account, severity: .high),
        .init(id: "renewal-approaching", scope: .account, severity: .high),
        .init(id: "health-below-threshold", scope: .account, severity: .critical),
        .init(id: "engagement-declining", scope: .account, severity: .high),
        .init(id: "feature-adoption-drop", scope: .account, severity: .high),
        .init(id: "expansion-ready-engagement", scope: .account, severity: .medium),
        .init(id: "expansion-opportunity", scope: .account, severity: .high),
        .init(id: "upsell-usage", scope: .account, severity: .medium),
        .init(id: "engagement-spike", scope: .account, severity: .medium),
        .init(id: "reference-opportunity", scope: .account, severity: .medium),
        .init(id: "bdr-calls-below-target", scope: .rep, severity: .high),
        .init(id: "bdr-needs-support", scope: .rep, severity: .medium),
        .init(id: "partner-lists-past-due", scope: .tenant, severity: .critical),
        .init(id: "upcoming-calls-low", scope: .tenant, severity: .high),
        .init(id: "win-rate-degradation", scope: .segment, severity: .critical),
        .init(id: "segment-performance-shift", scope: .segment, severity: .high),
        .init(id: "pipeline-quality-warning", scope: .tenant, severity: .high),
        .init(id: "win-rate-spike", scope: .segment, severity: .high),
        .init(id: "win-rate-anomaly", scope: .segment, severity: .high),
        .init(id: "custom-metric-anomaly", scope: .tenant, severity: .low),
        .init(id: "error-rate-spike", scope: .account, severity: .high),
        .init(id: "response-time-increase", scope: .tenant, severity: .medium),
        .init(id: "high-value-leads-cold", scope: .tenant, severity: .medium),
        .init(id: "forecast-miss", scope: .tenant, severity: .medium),
        .init(id: "milestone-agreements-target", scope: .tenant, severity: .low),
        .init(id: "goal-progress-behind", scope: .rep, severity: .low),
        .init(id: "pipeline-velocity-change", scope: .tenant, severity: .low),
        // Issue 5 (not in RULEPACK.md): the churn model's alert.
        .init(id: "churn-risk-high", scope: .account, severity: .high),
    ]
}

extension PackFixture: CustomTestStringConvertible {
    /// A short summary, so a failed expectation does not print every record.
    var testDescription: String {
        "PackFixture(\(deals.count) deals, \(activities.count) activities, \(engagement.count) engagement rows, "
            + "\(tickets.count) tickets, \(accounts.count) accounts)"
    }
}
