import Foundation
import Testing

@testable import PulseCore

/// Each condition kind fires on data made for it and stays clear on a near miss, with the facts it read.
@Suite struct ConditionTests {
    let data = EvaluationFixture.data()
    typealias F = EvaluationFixture

    func fires(_ condition: Condition, _ ref: EntityRef, segmentBy: [String] = []) -> RuleMatch? {
        F.match(F.rule("r", ref.scope, condition, segmentBy: segmentBy), ref, data: data)
    }

    @Test func compareFiresOnALowSMIAndNotOnAFreshStage() throws {
        let c = Condition.compare(.init(metric: "deal.smi", op: .lessThan, value: .number(0.07)))
        let m = try #require(fires(c, EntityRef(.deal, "d1")))
        #expect(m.facts["deal.smi"] == .number(0.05, .score))
        #expect(m.facts["deal.smi.threshold"] == .number(0.07, .score))
        #expect(fires(c, EntityRef(.deal, "d2")) == nil)
    }

    @Test func moneyThresholdsAreWholeCurrencyUnitsAndFactsKeepCents() throws {
        let atLeast = Condition.compare(.init(metric: "deal.amount", op: .greaterOrEqual, value: .number(45_000)))
        let m = try #require(fires(atLeast, EntityRef(.deal, "d1")))
        #expect(m.facts["deal.amount"] == .money(4_500_000))
        #expect(m.facts["deal.amount.threshold"] == .money(4_500_000))
        let above = Condition.compare(.init(metric: "deal.amount", op: .greaterThan, value: .number(45_000)))
        #expect(fires(above, EntityRef(.deal, "d1")) == nil)
    }

    @Test func compareAgainstAKpiTargetUsesTheDefaultWhenTheTenantSetsNone() throws {
        let below = Condition.compare(
            .init(metric: "rep.calls_this_week", op: .lessThan, value: .target("calls_per_bdr_week", factor: 1)))
        let m = try #require(fires(below, EntityRef(.rep, "r2")))
        #expect(m.facts["rep.calls_this_week"] == .number(1, .count))
        #expect(m.facts["rep.calls_this_week.threshold"] == .number(25, .count))
        let scaled = Condition.compare(
            .init(metric: "rep.calls_this_week", op: .lessThan, value: .target("calls_per_bdr_week", factor: 0.04)))
        #expect(fires(scaled, EntityRef(.rep, "r2")) == nil)
        let unknown = Condition.compare(
            .init(metric: "rep.calls_this_week", op: .lessThan, value: .target("no_such_kpi", factor: 1)))
        #expect(fires(unknown, EntityRef(.rep, "r2")) == nil)
    }

    @Test func compareAgainstAnotherMetricRecordsBoth() throws {
        let c = Condition.compare(
            .init(metric: "deal.days_in_stage", op: .lessThan, value: .metric("deal.age_days"), alias: "stuck"))
        let m = try #require(fires(c, EntityRef(.deal, "d1")))
        #expect(m.facts["stuck"] == .number(20, .days))
        #expect(m.facts["deal.age_days"] == .number(40, .days))
    }

    @Test func attributeMatchesCaseInsensitivelyAndEmptyStandsForMissing() {
        let open = Condition.attribute(.init(attribute: "deal.status", values: ["OPEN"]))
        #expect(fires(open, EntityRef(.deal, "d1")) != nil)
        #expect(fires(open, EntityRef(.deal, "w0")) == nil)
        let named = Condition.not(.attribute(.init(attribute: "deal.competitor", values: [""])))
        #expect(fires(named, EntityRef(.deal, "d2"))?.facts["deal.competitor"] == .text("Initrode"))
        #expect(fires(named, EntityRef(.deal, "d1")) == nil)
    }

    @Test func textFindsAPhraseAndReportsItsExcerpt() throws {
        let c = Condition.text(.init(phrases: ["budget approved"], window: .last(.days(7))))
        let m = try #require(fires(c, EntityRef(.deal, "d1")))
        #expect(m.facts["text.phrase"] == .text("budget approved"))
        #expect(m.facts["text.count"] == .number(1, .count))
        #expect(m.facts["text.at"] == .date(F.day(-3)))
        let excerpt = try #require(m.facts["text.excerpt"]?.description)
        #expect(excerpt.contains("budget approved") && excerpt.count <= 120)
        #expect(fires(c, EntityRef(.deal, "d2")) == nil)
    }

    @Test func textHonoursKindsMinimumAndWindow() {
        let meetings = Condition.text(.init(phrases: ["budget approved"], kinds: [.meeting], window: .last(.days(7))))
        #expect(fires(meetings, EntityRef(.deal, "d1")) == nil)
        let twice = Condition.text(.init(phrases: ["budget approved"], window: .last(.days(7)), minimum: 2))
        #expect(fires(twice, EntityRef(.deal, "d1")) == nil)
        let old = Condition.text(.init(phrases: ["budget approved"], window: .last(.days(2))))
        #expect(fires(old, EntityRef(.deal, "d1")) == nil)
    }

    @Test func textMatchesWholeWordsOnly() {
        let roi = Condition.text(.init(phrases: ["ROI"], window: .last(.days(30))))
        #expect(fires(roi, EntityRef(.deal, "d1")) == nil)
        let hero = Condition.text(.init(phrases: ["hero"], window: .last(.days(30))))
        #expect(fires(hero, EntityRef(.deal, "d1")) == nil)
        let heroic = Condition.text(.init(phrases: ["HEROIC"], window: .last(.days(30)), alias: "word"))
        #expect(fires(heroic, EntityRef(.deal, "d1"))?.facts["word.phrase"] == .text("HEROIC"))
    }

    @Test func anExcludingPhraseCancelsTheHitInTheSameActivity() {
        let c = Condition.text(
            .init(phrases: ["approved"], excluding: ["has been approved"], window: .last(.days(7))))
        #expect(fires(c, EntityRef(.deal, "d1")) == nil)
        let other = Condition.text(.init(phrases: ["approved"], excluding: ["not approved"], window: .last(.days(7))))
        #expect(fires(other, EntityRef(.deal, "d1")) != nil)
    }

    @Test func aggregateComparesAWindowedMeasure() throws {
        let c = Condition.aggregate(
            .init(measure: "tickets_opened", window: .last(.days(7)), op: .greaterOrEqual, value: .number(2)))
        let m = try #require(fires(c, EntityRef(.account, "a1")))
        #expect(m.facts["tickets_opened"] == .number(2, .count))
        #expect(m.facts["tickets_opened.threshold"] == .number(2, .count))
        let three = Condition.aggregate(
            .init(measure: "tickets_opened", window: .last(.days(7)), op: .greaterOrEqual, value: .number(3)))
        #expect(fires(three, EntityRef(.account, "a1")) == nil)
    }

    @Test func moneyMeasuresCompareInWholeUnits() throws {
        let tenant = EntityRef(.tenant, Tenant.defaultID.rawValue)
        let c = Condition.aggregate(
            .init(measure: "won_amount", window: .last(.days(120)), op: .greaterOrEqual, value: .number(60_000)))
        let m = try #require(fires(c, tenant))
        #expect(m.facts["won_amount"] == .money(6_000_000))
        let more = Condition.aggregate(
            .init(measure: "won_amount", window: .last(.days(120)), op: .greaterThan, value: .number(60_000)))
        #expect(fires(more, tenant) == nil)
    }

    @Test func activityKindFiltersNarrowMeasures() {
        let emails = Condition.aggregate(
            .init(
                measure: "activities", kinds: ["email_out"], window: .last(.days(30)), op: .greaterOrEqual,
                value: .number(1)))
        #expect(fires(emails, EntityRef(.deal, "d2")) != nil)
        let calls = Condition.aggregate(
            .init(
                measure: "activities", kinds: ["call_conducted"], window: .last(.days(30)), op: .greaterOrEqual,
                value: .number(1)))
        #expect(fires(calls, EntityRef(.deal, "d2")) == nil)
    }

    @Test func noActivityCountsFromTheLatestActivityOrFromCreation() throws {
        let quiet14 = Condition.noActivity(.init(days: 14))
        #expect(fires(quiet14, EntityRef(.deal, "d1")) == nil)
        let m = try #require(fires(.noActivity(.init(days: 3)), EntityRef(.deal, "d1")))
        #expect(m.facts["no_activity.days"] == .number(3, .days))
        #expect(fires(quiet14, EntityRef(.deal, "d3"))?.facts["no_activity.days"] == .number(29, .days))
        let noCalls = Condition.noActivity(.init(days: 14, kinds: [.callConducted]))
        #expect(fires(noCalls, EntityRef(.deal, "d1"))?.facts["no_activity.days"] == .number(40, .days))
    }

    @Test func noActivityIsSkippedWhenNothingIsKnown() {
        var data = data
        var batch = IngestBatch()
        batch.deals = [Deal(id: "blank", stage: "Prospecting")]
        _ = data.apply(batch)
        let rule = F.rule("quiet", .deal, .noActivity(.init(days: 0)))
        #expect(F.match(rule, EntityRef(.deal, "blank"), data: data) == nil)
    }

    @Test func dateWithinAHorizonAndOverdue() throws {
        let renewal = Condition.date(.init(field: "account.renewal_date", direction: .within(.days(90))))
        let m = try #require(fires(renewal, EntityRef(.account, "a1")))
        #expect(m.facts["account.renewal_date.days_until"] == .number(30, .days))
        #expect(m.facts["account.renewal_date"] == .date(F.day(30)))
        let soon = Condition.date(.init(field: "account.renewal_date", direction: .within(.days(14))))
        #expect(fires(soon, EntityRef(.account, "a1")) == nil)

        let overdue = Condition.date(.init(field: "deal.partner_list_due", direction: .overdue(by: nil)))
        #expect(
            fires(overdue, EntityRef(.deal, "b1"))?.facts["deal.partner_list_due.days_overdue"] == .number(3, .days))
        #expect(fires(overdue, EntityRef(.deal, "b2")) == nil)
        let late = Condition.date(.init(field: "deal.partner_list_due", direction: .overdue(by: .days(5))))
        #expect(fires(late, EntityRef(.deal, "b1")) == nil)
    }

    @Test func distinctContactsResolvesEmailsAndRoles() throws {
        let two = Condition.distinctContacts(.init(window: .last(.days(7)), op: .greaterOrEqual, value: 2))
        let m = try #require(fires(two, EntityRef(.deal, "d1")))
        #expect(m.facts["contacts.count"] == .number(2, .count))
        #expect(m.facts["contacts.names"] == .text("Carla Champion, Pete Procure"))
        let three = Condition.distinctContacts(.init(window: .last(.days(7)), op: .greaterOrEqual, value: 3))
        #expect(fires(three, EntityRef(.deal, "d1")) == nil)
        let procurement = Condition.distinctContacts(
            .init(window: .last(.days(7)), roles: [.procurement], op: .greaterOrEqual, value: 1, alias: "buyers"))
        #expect(fires(procurement, EntityRef(.deal, "d1"))?.facts["buyers.names"] == .text("Pete Procure"))
        let legal = Condition.distinctContacts(
            .init(window: .last(.days(7)), roles: [.legal], op: .greaterOrEqual, value: 1))
        #expect(fires(legal, EntityRef(.deal, "d1")) == nil)
    }

    @Test func newOnlyContactsExcludeThoseSeenBeforeTheWindow() throws {
        let all = Condition.distinctContacts(.init(window: .last(.days(7)), op: .greaterOrEqual, value: 3))
        #expect(fires(all, EntityRef(.account, "a1")) != nil)
        let fresh = Condition.distinctContacts(
            .init(window: .last(.days(7)), newOnly: true, op: .greaterOrEqual, value: 3))
        #expect(fires(fresh, EntityRef(.account, "a1")) == nil)
        let two = Condition.distinctContacts(
            .init(window: .last(.days(7)), newOnly: true, op: .equal, value: 2))
        let m = try #require(fires(two, EntityRef(.account, "a1")))
        #expect(m.facts["contacts.names"] == .text("Carla Champion, Pete Procure"))
    }

    @Test func countWhereCountsChildrenWithExamplesAndAmount() throws {
        let overdue = Condition.date(.init(field: "deal.partner_list_due", direction: .overdue(by: nil)))
        let c = Condition.countWhere(.init(of: .deal, condition: overdue, op: .greaterOrEqual, value: 1))
        let m = try #require(fires(c, EntityRef(.tenant, Tenant.defaultID.rawValue)))
        #expect(m.facts["matching.count"] == .number(1, .count))
        #expect(m.facts["matching.examples"] == .text("Partner list Globex"))
        #expect(m.facts["matching.amount"] == .money(200_000))
        let two = Condition.countWhere(.init(of: .deal, condition: overdue, op: .greaterOrEqual, value: 2))
        #expect(fires(two, EntityRef(.tenant, Tenant.defaultID.rawValue)) == nil)
        #expect(fires(c, EntityRef(.rep, "r2")) != nil)
        #expect(fires(c, EntityRef(.rep, "r1")) == nil)
        #expect(fires(c, EntityRef(.team, "east")) != nil)
    }

    @Test func allAnyAndNotCombine() {
        let open = Condition.attribute(.init(attribute: "deal.status", values: ["open"]))
        let stalled = Condition.compare(.init(metric: "deal.smi", op: .lessThan, value: .number(0.07)))
        #expect(fires(.all([open, stalled]), EntityRef(.deal, "d1")) != nil)
        #expect(fires(.all([open, stalled]), EntityRef(.deal, "d2")) == nil)
        #expect(fires(.any([stalled, .not(open)]), EntityRef(.deal, "d2")) == nil)
        #expect(fires(.any([stalled, .not(open)]), EntityRef(.deal, "w0")) != nil)
        #expect(fires(.ref("unresolved"), EntityRef(.deal, "d1")) == nil)
    }

    @Test func agreementGoalPaceHasNoValueInTheFirstWeekOfTheMonth() throws {
        let rep = F.entity(EntityRef(.rep, "r2"), in: data)
        // 1 agreement of a target of 2 with 17.5 of 30 days gone.
        let pace = try #require(data.metric(.repAgreementGoalPace, rep, now: F.now))
        #expect(abs(pace - 1 / (2 * 17.5 / 30)) < 1e-9)
        let early = Date(timeIntervalSince1970: 1_749_124_800)  // 2025-06-05T12:00Z
        #expect(data.metric(.repAgreementGoalPace, rep, now: early) == nil)
    }

    @Test func stageWinRateUsesClosedDealsThatStayedAsLong() throws {
        let deal = F.entity(EntityRef(.deal, "d1"), in: data)
        #expect(data.metric(.dealStageWinRate, deal, now: F.now) == 5.0 / 8)
        #expect(data.metric(.dealStageWinRateDays, deal, now: F.now) == 20)
        // 30 days in Qualified: no closed deal stayed that long.
        #expect(data.metric(.dealStageWinRate, deal, now: F.day(10)) == nil)
    }

    @Test func segmentsAreKeyedByTheirDimensionsWithTheAccountIndustryAsFallback() {
        let keys = data.entities(of: .segment, segmentBy: ["industry"]).map(\.id)
        #expect(keys == ["industry=EdTech", "industry=Retail"])
        let pairs = data.entities(of: .segment, segmentBy: ["industry", "pipeline"]).map(\.id)
        #expect(pairs.contains("industry=EdTech|pipeline=bdr") && pairs.contains("industry=Retail|pipeline=b2b"))
        let rule = F.rule(
            "seg", .segment,
            .aggregate(.init(measure: "deals_won", window: .last(.days(120)), op: .greaterOrEqual, value: .number(1))),
            segmentBy: ["industry"])
        let results = RuleEvaluator(rules: [rule]).evaluate(data, now: F.now)
        #expect(results.map(\.entity.id) == ["industry=EdTech", "industry=Retail"])
        #expect(results[0].match?.related["segment"] == "industry=EdTech")
        #expect(results[0].match?.facts["deals_won"] == .number(5, .count))
        #expect(!results[1].isFiring)
    }
}
