import Foundation

@testable import PulseCore

/// Fixed times, a small org chart, rules and matches for the alert book tests.
enum AF {
    /// 2026-11-25 09:00 UTC.
    static let t0 = Date(timeIntervalSince1970: 1_795_597_200)
    static let hour: TimeInterval = 3600

    static func at(hours: Double) -> Date { t0.addingTimeInterval(hours * hour) }
    static func at(minutes: Double) -> Date { t0.addingTimeInterval(minutes * 60) }

    static let reps: [Rep] = [
        Rep(id: "rep_12", name: "Sarah Johnson", role: .rep, manager: "mgr_1", team: "emea"),
        Rep(id: "rep_7", name: "Tom Baker", role: .rep, manager: "mgr_1", team: "emea"),
        Rep(id: "rep_30", name: "Nia Okafor", role: .rep, team: "apac"),
        Rep(id: "mgr_1", name: "Maria Lopez", role: .manager, manager: "exec_1", team: "emea"),
        Rep(id: "mgr_2", name: "Ken Sato", role: .manager, manager: "exec_1", team: "apac"),
        Rep(id: "exec_1", name: "Chris Wong", role: .executive),
        Rep(id: "ops_1", name: "Dana Reyes", role: .revops),
        Rep(id: "csm_1", name: "Lee Park", role: .csm, manager: "mgr_1", team: "emea"),
    ]
    static let org = OrgChart(reps: reps)

    static func rule(
        _ id: String, _ severity: Severity = .high, scope: RuleScope = .deal, recipients: [RecipientRole] = [.owner],
        inhibits: [String] = [], sla: RuleDuration? = nil, pendingFor: RuleDuration? = nil,
        resolveAfter: RuleDuration? = nil, shadow: Bool = false, enabled: Bool = true, labels: [String: String] = [:],
        message: RuleMessage = RuleMessage(facts: ["Days quiet: {{days}}"]), category: String = "risk"
    ) -> Rule {
        Rule(
            id: id, title: id.replacingOccurrences(of: "-", with: " ").capitalized, scope: scope, condition: .all([]),
            severity: severity, sla: sla, recipients: recipients, message: message, labels: labels,
            inhibits: inhibits, pendingFor: pendingFor, resolveAfter: resolveAfter, enabled: enabled, shadow: shadow,
            category: category)
    }

    static let velocity = rule(
        "velocity-crisis", .critical, recipients: [.owner, .manager], inhibits: ["stalled-deal"])
    static let stalled = rule("stalled-deal", .high)

    static func deal(_ id: String) -> EntityRef { EntityRef(.deal, id) }

    static func match(
        _ deal: String = "D1", owner: Rep.ID? = "rep_12", days: Double = 15, related: [String: String] = [:]
    ) -> RuleMatch {
        RuleMatch(
            entityName: "\(deal) - Acme Corp", owner: owner, related: ["account": "A1"].merging(related) { $1 },
            facts: ["days": .number(days, .days)])
    }

    static func firing(_ rule: Rule, _ deal: String = "D1", at now: Date, match: RuleMatch? = nil) -> RuleEvaluation {
        RuleEvaluation(rule: rule.id, entity: self.deal(deal), now: now, match: match ?? self.match(deal))
    }

    static func clear(_ rule: Rule, _ deal: String = "D1", at now: Date) -> RuleEvaluation {
        RuleEvaluation(rule: rule.id, entity: self.deal(deal), now: now, match: nil)
    }

    static func silence(
        _ id: String, _ matchers: [String], from: Date = t0, until: Date, reason: String = "quarter close"
    ) -> Silence {
        Silence(
            id: id, tenant: Tenant.defaultID, matchers: matchers.compactMap(LabelMatcher.init(parsing:)),
            startsAt: from, endsAt: until, createdBy: "ana", reason: reason, createdAt: from)
    }
}

/// Plays the store for the alert book: keeps every alert (resolved ones too, so reopen detection works),
/// the audit trail and the notification outbox (an id is written once), and counts the last hour's
/// notifications for throttling as `AlertStore.notificationCounts` does.
struct BookHarness {
    var book: AlertBook
    var org: OrgChart = AF.org
    var silences: [Silence] = []
    var alerts: [Alert] = []
    var audit: [AlertAuditEntry] = []
    var notifications: [AlertNotification] = []
    var feedback: [AlertFeedback] = []
    private var nextNumber: Int64 = 1

    init(_ rules: [Rule], configuration: AlertBookConfiguration = .init()) {
        book = AlertBook(rules: rules, configuration: configuration)
    }

    var active: [Alert] { alerts.filter(\.isActive) }

    func recent(_ now: Date) -> [Rep.ID: Int] {
        var counts: [Rep.ID: Int] = [:]
        for n in notifications where n.status != .digest && n.createdAt > now.addingTimeInterval(-3600) {
            counts[n.recipient, default: 0] += 1
        }
        return counts
    }

    /// The active alert of a rule on a deal.
    func alert(_ rule: Rule, _ deal: String = "D1") -> Alert? {
        active.first { $0.rule == rule.id && $0.entity == AF.deal(deal) }
    }

    func alerts(_ rule: Rule, _ deal: String = "D1") -> [Alert] {
        alerts.filter { $0.rule == rule.id && $0.entity == AF.deal(deal) }
    }

    func audit(of alert: Alert) -> [AlertAuditEntry] { audit.filter { $0.alert == alert.id } }

    @discardableResult
    mutating func process(_ evaluations: [RuleEvaluation], at now: Date) -> AlertChangeSet {
        let changes = book.process(
            evaluations, active: alerts, silences: silences, org: org, recentNotifications: recent(now), now: now)
        save(changes)
        return changes
    }

    @discardableResult
    mutating func tick(at now: Date) -> AlertChangeSet {
        let changes = book.tick(
            active: active, silences: silences, org: org, recentNotifications: recent(now), now: now)
        save(changes)
        return changes
    }

    mutating func save(_ changes: AlertChangeSet) {
        for var alert in changes.alerts {
            if let i = alerts.firstIndex(where: { $0.id == alert.id }) {
                alerts[i] = alert
            } else {
                alert.number = nextNumber
                nextNumber += 1
                alerts.append(alert)
            }
        }
        audit += changes.audit
        for n in changes.notifications where !notifications.contains(where: { $0.id == n.id }) {
            notifications.append(n)
        }
        feedback += changes.feedback
    }
}
