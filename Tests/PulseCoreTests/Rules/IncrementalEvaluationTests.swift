import Foundation
import Testing

@testable import PulseCore

/// `EvaluationData.apply` keeps the index current and reports what it touched; evaluation is deterministic.
@Suite struct IncrementalEvaluationTests {
    typealias F = EvaluationFixture
    let tenantRef = EntityRef(.tenant, Tenant.defaultID.rawValue)

    @Test func anActivityTouchesItsDealWithItsRollUps() {
        var data = F.data()
        var batch = IngestBatch()
        batch.activities = [Activity(id: "new", kind: .note, deal: "d3", occurredAt: F.day(-1), body: "hi")]
        let touched = data.apply(batch)
        #expect(
            touched == [
                EntityRef(.deal, "d3"), EntityRef(.account, "a2"), EntityRef(.rep, "r3"), EntityRef(.team, "west"),
                tenantRef,
            ])
        // The activity without rep or account is indexed under its deal's account and owner.
        let account = F.entity(EntityRef(.account, "a2"), in: data)
        #expect(data.daysSinceActivity(account, now: F.now, kinds: [.note]) == 1)
        let rep = F.entity(EntityRef(.rep, "r3"), in: data)
        #expect(data.daysSinceActivity(rep, now: F.now, kinds: [.note]) == 1)
    }

    @Test func lateActivitiesKeepPerEntityTimeOrder() {
        var data = F.data()
        var batch = IngestBatch()
        batch.activities = [
            Activity(id: "late", kind: .emailIn, deal: "d1", occurredAt: F.day(-10), body: "late arrival"),
            Activity(id: "future", kind: .meeting, deal: "d1", occurredAt: F.day(5)),
        ]
        _ = data.apply(batch)
        let rows = data.activitiesByDeal["d1"]!
        let times = rows.map { data.activityTime[Int($0)] }
        #expect(times == times.sorted())
        #expect(rows.count == 4)
        // The future meeting is not "the latest activity" at now.
        let deal = F.entity(EntityRef(.deal, "d1"), in: data)
        #expect(data.daysSinceActivity(deal, now: F.now, kinds: []) == 3)
    }

    @Test func aReplacedActivityMovesBetweenEntities() {
        var data = F.data()
        var batch = IngestBatch()
        batch.activities = [Activity(id: "x6", kind: .emailOut, deal: "d1", rep: "r1", occurredAt: F.day(-29))]
        let touched = data.apply(batch)
        #expect(touched.contains(EntityRef(.deal, "d1")))
        #expect(data.activitiesByDeal["d3"] == nil)
        #expect(data.activities.count == F.activities.count)
    }

    @Test func stageChangesAppendToHistoryAndMoveTheDeal() {
        var data = F.data()
        var batch = IngestBatch()
        batch.stageChanges = [DealStageChange(deal: "d1", stage: "Won", enteredAt: F.day(-1), outcome: .won)]
        let touched = data.apply(batch)
        #expect(touched.isSuperset(of: [EntityRef(.deal, "d1"), EntityRef(.account, "a1"), EntityRef(.rep, "r1")]))
        let d1 = data.deal("d1")!
        #expect(d1.stage == "Won" && d1.outcome == .won && d1.closedAt == F.day(-1))
        #expect(d1.stageHistory.map(\.stage) == ["Prospecting", "Qualified", "Won"])
        // A move older than the history only adds an entry.
        var older = IngestBatch()
        older.stageChanges = [DealStageChange(deal: "d1", stage: "Proposal", enteredAt: F.day(-5))]
        _ = data.apply(older)
        #expect(data.deal("d1")!.stage == "Won")
        #expect(data.deal("d1")!.stageHistory.map(\.stage) == ["Prospecting", "Qualified", "Proposal", "Won"])
    }

    @Test func anOlderDealVersionLosesToTheStoredOne() {
        var data = F.data()
        var newer = IngestBatch()
        var d = F.deals.first { $0.id == "d3" }!
        d.amountCents = 700_000
        d.updatedAt = F.day(-1)
        newer.deals = [d]
        _ = data.apply(newer)
        var older = IngestBatch()
        d.amountCents = 1
        d.updatedAt = F.day(-2)
        older.deals = [d]
        _ = data.apply(older)
        #expect(data.deal("d3")!.amountCents == 700_000)
    }

    @Test func aDealChangingOwnerTouchesBothOwnersAndMovesItsActivities() {
        var data = F.data()
        var batch = IngestBatch()
        var d = F.deals.first { $0.id == "d3" }!
        d.owner = "r1"
        batch.deals = [d]
        let touched = data.apply(batch)
        #expect(touched.isSuperset(of: [EntityRef(.rep, "r1"), EntityRef(.rep, "r3"), EntityRef(.team, "west")]))
        #expect(data.dealsByOwner["r3"] == nil)
        #expect(data.dealsByOwner["r1"]!.contains(data.dealRow["d3"]!))
    }

    @Test func otherTenantsRecordsAreIgnored() {
        var data = F.data()
        var batch = IngestBatch()
        batch.deals = [Deal(id: "foreign", tenant: "other", stage: "Prospecting")]
        #expect(data.apply(batch).isEmpty)
        #expect(data.deal("foreign") == nil)
    }

    @Test func touchedEvaluationCoversOnlyTheTouchedEntitiesOfEachScope() {
        var data = F.data()
        let rules = [
            F.rule("deal-open", .deal, .attribute(.init(attribute: "deal.status", values: ["open"]))),
            F.rule("account-any", .account, .not(.ref("none"))),
            F.rule("tenant-any", .tenant, .not(.ref("none"))),
            F.rule("segment-any", .segment, .not(.ref("none")), segmentBy: ["industry"]),
        ]
        var batch = IngestBatch()
        batch.engagement = [EngagementEvent(id: "new", account: "a2", kind: .portalLogin, occurredAt: F.day(-1))]
        let touched = data.apply(batch)
        let results = RuleEvaluator(rules: rules).evaluate(
            data, now: F.now, touched: touched, scopes: [.deal, .account, .rep])
        #expect(results.map { "\($0.rule) \($0.entity)" } == ["account-any account:a2"])
        let withTenant = RuleEvaluator(rules: rules).evaluate(data, now: F.now, touched: touched)
        #expect(withTenant.map(\.rule) == ["account-any", "tenant-any"])
    }

    @Test func fullEvaluationIsSortedByRuleThenEntityAndSkipsDisabledRules() {
        let data = F.data()
        var disabled = F.rule("a-disabled", .deal, .not(.ref("none")))
        disabled.enabled = false
        let rules = [
            F.rule("z-deal", .deal, .noActivity(.init(days: 14))), disabled, F.rule("b-rep", .rep, .not(.ref("none"))),
        ]
        let results = RuleEvaluator(rules: rules).evaluate(data, now: F.now)
        #expect(results.map(\.rule) == ["b-rep", "b-rep", "b-rep", "b-rep"] + Array(repeating: "z-deal", count: 13))
        let deals = results.filter { $0.rule == "z-deal" }.map(\.entity)
        #expect(deals == deals.sorted())
    }

    @Test func theSameInputGivesTheSameOutputWhateverTheInputOrder() {
        let rules = [
            F.rule(
                "text", .deal, .text(.init(phrases: ["budget approved", "heroic"], window: .last(.days(30)))),
                message: RuleMessage(
                    title: "{{deal.name}} at {{deal.stage_name}}", facts: ["{{deal.days_in_stage}} days"],
                    impact: "{{deal.amount}}", impactMetric: "deal.amount")),
            F.rule(
                "contacts", .account, .distinctContacts(.init(window: .last(.days(30)), op: .greaterOrEqual, value: 1))),
            F.rule(
                "count", .tenant,
                .countWhere(.init(of: .deal, condition: .noActivity(.init(days: 1)), op: .greaterOrEqual, value: 1))),
        ]
        let a = RuleEvaluator(rules: rules).evaluate(F.data(), now: F.now)
        let shuffled = EvaluationData(
            tenant: F.tenant, accounts: F.accounts.reversed(), contacts: F.contacts.reversed(), reps: F.reps.reversed(),
            deals: F.deals.reversed(), activities: F.activities.reversed(), engagement: F.engagement.reversed(),
            tickets: F.tickets.reversed(), subscriptions: [], targets: F.targets.reversed(), now: F.now)
        let b = RuleEvaluator(rules: rules.reversed()).evaluate(shuffled, now: F.now)
        #expect(a == b)
        #expect(a == RuleEvaluator(rules: rules).evaluate(F.data(), now: F.now))
        #expect(a.contains { $0.isFiring })
    }

    @Test func aMatchCarriesTemplateVariablesOwnerRelatedAndImpact() throws {
        let data = F.data()
        let rule = F.rule(
            "stuck", .deal, .compare(.init(metric: "deal.smi", op: .lessThan, value: .number(0.07))),
            message: RuleMessage(
                title: "{{deal.name}}", facts: ["{{deal.stage_name}} for {{deal.days_in_stage}} days"],
                why: ["Deals past {{deal.stage_win_rate_days}} days win {{deal.stage_win_rate}}"],
                actions: ["Call {{owner.name}}"], impact: "{{deal.amount}} at risk", impactMetric: "deal.amount"))
        let m = try #require(F.match(rule, EntityRef(.deal, "d1"), data: data))
        #expect(m.entityName == "Globex renewal")
        #expect(m.owner == "r1")
        #expect(m.related == ["deal": "d1", "account": "a1", "team": "east"])
        #expect(m.impactCents == 4_500_000)
        #expect(m.facts["deal.stage_name"] == .text("Qualified"))
        #expect(m.facts["deal.stage_win_rate"] == .number(0.625, .fraction))
        #expect(m.facts["owner.name"] == .text("Ann Lee"))
        #expect(m.facts["rule.title"] == .text("Stuck"))
        #expect(m.facts["severity"] == .text("high"))
        #expect(m.facts["now"] == .date(F.now))
        let why = try #require(MessageTemplate.fill(rule.message.why[0], facts: m.facts))
        #expect(why == "Deals past 20 days win 62.5%")
    }

    @Test func dealQualityMatchesTheMetricsReportForEveryOpenDeal() {
        let data = F.data()
        let frame = MetricsFrame(deals: F.deals, activities: [], accounts: F.accounts)
        let report = frame.dealQuality(in: .until(F.now))
        for row in report.deals {
            let e = F.entity(EntityRef(.deal, row.deal.rawValue), in: data)
            #expect(data.metric(.dealDQS, e, now: F.now) == row.dqs, "DQS of \(row.deal)")
        }
        let smi = frame.stageMomentum(now: F.now)
        for row in smi.deals {
            let e = F.entity(EntityRef(.deal, row.deal.rawValue), in: data)
            #expect(data.metric(.dealSMI, e, now: F.now) == row.smi, "SMI of \(row.deal)")
        }
    }
}
