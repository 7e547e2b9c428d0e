import Foundation
import PulseCore
import PulseEngine
import Testing

/// The built-in rule pack evaluated on the default demo data (seed 42, 150 leads, 300 opportunities, 200 accounts).
struct DemoPackRun {
    let now: Date
    /// Firing evaluations per rule id.
    var firing: [Rule.ID: Int] = [:]
    /// Firing evaluations on B2B opportunities (all deal rules together).
    var b2bDeals = 0
    /// Firing evaluations per severity.
    var bySeverity: [Severity: Int] = [:]
    var total: Int { firing.values.reduce(0, +) }

    init(now: Date) {
        self.now = now
        let generator = DemoGenerator(parameters: DemoParameters(seed: 42, now: now))
        var accounts: [Account] = []
        var contacts: [Contact] = []
        var reps: [Rep] = []
        var deals: [Deal] = []
        var activities: [Activity] = []
        var engagement: [EngagementEvent] = []
        var tickets: [SupportTicket] = []
        var subscriptions: [Subscription] = []
        var targets: [KpiTarget] = []
        for event in generator.events {
            switch event.payload {
            case .account(let a): accounts.append(a)
            case .contact(let c): contacts.append(c)
            case .rep(let r): reps.append(r)
            case .deal(let d): deals.append(d)
            case .activity(let a): activities.append(a)
            case .engagement(let e): engagement.append(e)
            case .ticket(let t): tickets.append(t)
            case .subscription(let s): subscriptions.append(s)
            case .target(let t): targets.append(t)
            default: break
            }
        }
        let data = EvaluationData(
            tenant: generator.tenant, accounts: accounts, contacts: contacts, reps: reps, deals: deals,
            activities: activities, engagement: engagement, tickets: tickets, subscriptions: subscriptions,
            targets: targets, now: now)
        let rules = RuleLoader.load(directory: nil).rules
        let severity = Dictionary(uniqueKeysWithValues: rules.map { ($0.id, $0.severity) })
        for evaluation in RuleEvaluator(rules: rules).evaluate(data, now: now) where evaluation.isFiring {
            firing[evaluation.rule, default: 0] += 1
            bySeverity[severity[evaluation.rule]!, default: 0] += 1
            if evaluation.entity.scope == .deal, evaluation.entity.id.hasPrefix("opp-") { b2bDeals += 1 }
        }
    }
}

/// Rules the demo data plants a situation for (RULEPACK.md ids); each must fire on the default demo.
private let planted: [Rule.ID] = [
    "velocity-crisis", "stalled-deal", "competitor-mentioned", "budget-approval-deadline", "deal-single-threaded",
    "deal-budget-concerns", "buying-signal-budget-approved", "buying-signal-stakeholders",
    "buying-signal-technical-evaluation", "buying-signal-procurement", "advancement-demo-new-stakeholders",
    "technical-validation-completed", "advancement-roi-requested", "advancement-legal-review", "new-stakeholder",
    "new-high-value-inbound-lead", "churn-ticket-spike", "churn-usage-decline", "churn-outreach-no-response",
    "renewal-approaching", "health-below-threshold", "engagement-declining", "feature-adoption-drop",
    "expansion-opportunity", "engagement-spike", "reference-opportunity", "error-rate-spike", "bdr-calls-below-target",
    "bdr-needs-support", "partner-lists-past-due", "pipeline-quality-warning", "win-rate-degradation", "win-rate-spike",
]

@Test(arguments: [
    Date(timeIntervalSince1970: 1_795_564_800), Date(timeIntervalSince1970: 1_751_241_600),
    Date(timeIntervalSince1970: 1_773_489_600),
])
func theFullPackOnTheDefaultDemoFiresEverySeverityAndEveryPlantedRule(now: Date) {
    let run = DemoPackRun(now: now)
    let counts = run.firing.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    print("Demo pack at \(now): \(run.total) firing, \(run.bySeverity), B2B deals \(run.b2bDeals); \(counts)")
    #expect(Set(run.bySeverity.keys) == Set(Severity.allCases), "\(run.bySeverity)")
    #expect(run.firing.count >= 25)
    for rule in planted { #expect(run.firing[rule, default: 0] >= 1, "\(rule) does not fire") }
    // The B2B pipeline's deal alerts stay readable: a few per rule, never one per open deal.
    #expect(run.b2bDeals <= 100, "\(run.b2bDeals) firing B2B deal evaluations")
}
