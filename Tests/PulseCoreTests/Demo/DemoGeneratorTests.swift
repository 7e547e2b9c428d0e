import Foundation
import Testing

@testable import PulseCore

/// Everything one generator run produced, grouped by kind.
private struct Collected {
    var events: [PulseEvent] = []
    var deals: [Deal] = []
    var activities: [Activity] = []
    var accounts: [Account] = []
    var engagement: [EngagementEvent] = []
    var tickets: [SupportTicket] = []
    var churn: [ChurnEvent] = []
    var reps: [Rep] = []

    init(_ parameters: DemoParameters) {
        for event in DemoGenerator(parameters: parameters).events {
            events.append(event)
            switch event.payload {
            case .deal(let deal): deals.append(deal)
            case .activity(let activity): activities.append(activity)
            case .account(let account): accounts.append(account)
            case .engagement(let e): engagement.append(e)
            case .ticket(let ticket): tickets.append(ticket)
            case .churn(let c): churn.append(c)
            case .rep(let rep): reps.append(rep)
            default: break
            }
        }
    }

    var bdrDeals: [Deal] { deals.filter { $0.pipeline == StageCatalogue.bdr.id } }
    var mainLeads: [Deal] { bdrDeals.filter { $0.parent == nil } }
}

private let fixedNow = Date(timeIntervalSince1970: 1_751_241_600)  // 2025-06-30T00:00:00Z
private let standard = Collected(DemoParameters(seed: 42, now: fixedNow))

@Test func theSameSeedAndNowGiveIdenticalEvents() {
    let again = Collected(DemoParameters(seed: 42, now: fixedNow))
    #expect(again.events == standard.events)
}

@Test func aDifferentSeedGivesDifferentData() {
    let other = Collected(DemoParameters(seed: 43, now: fixedNow))
    #expect(other.events != standard.events)
    #expect(other.deals.map(\.stageHistory) != standard.deals.map(\.stageHistory))
}

@Test func eventIdsAreUnique() {
    #expect(Set(standard.events.map(\.id)).count == standard.events.count)
    #expect(Set(standard.deals.map(\.id)).count == standard.deals.count)
    #expect(Set(standard.activities.map(\.id)).count == standard.activities.count)
}

@Test func oneHundredFiftyLeadsGiveAboutFifteenHundredPipelineItemsAndFiveThousandActivities() {
    #expect(standard.mainLeads.count == 150)
    #expect((1_200...1_800).contains(standard.bdrDeals.count), "BDR items: \(standard.bdrDeals.count)")
    // About 3,000 on the BDR pipeline and customers, and about 1,700 on the B2B opportunities (e-mails, calls,
    // meetings and demos every few days while a deal is worked).
    #expect((4_000...5_600).contains(standard.activities.count), "activities: \(standard.activities.count)")
    let opportunities = standard.deals.filter { $0.pipeline == StageCatalogue.b2b.id }
    #expect(opportunities.count == 300)
    #expect(standard.accounts.count == 200)
}

@Test func leadsSpanNinetyDaysBackAndThirtyDaysForward() {
    let days = standard.mainLeads.compactMap(\.callDate).map { Days.between(fixedNow, $0) }
    #expect(days.count == 150)
    #expect(days.min()! >= -91 && days.min()! <= -80)
    #expect(days.max()! <= 31 && days.max()! >= 20)
    let scheduled = standard.mainLeads.filter { $0.callDate! > fixedNow }
    #expect(scheduled.allSatisfy { $0.stage == "CALL_BOOKED" })
    #expect(scheduled.count >= 20)
}

@Test func everyStageHistoryIsOrderedKnownAndConsistentWithTheDates() {
    for deal in standard.deals {
        let catalogue = StageCatalogue.builtIn[deal.pipeline]!
        #expect(!deal.stageHistory.isEmpty)
        #expect(deal.stageHistory.last?.stage == deal.stage)
        #expect(deal.stageHistory.allSatisfy { catalogue.stage($0.stage) != nil })
        let times = deal.stageHistory.map(\.enteredAt)
        #expect(times == times.sorted(), "\(deal.id) history out of order")
        #expect(times.allSatisfy { $0 <= fixedNow }, "\(deal.id) has a future stage entry")
        #expect(deal.createdAt == times.first)
        let category = catalogue.stage(deal.stage)!.category
        #expect((category != .open) == deal.isClosed, "\(deal.id) outcome does not match its stage")
        if let closedAt = deal.closedAt {
            #expect(closedAt == deal.stageEnteredAt)
            #expect(deal.outcome == (category == .won ? .won : .lost))
        }
        if deal.pipeline == StageCatalogue.bdr.id, deal.parent == nil {
            #expect(deal.enteredAt("CALL_CONDUCTED").map { $0 == deal.callDate } ?? true)
            #expect(deal.enteredAt("AGREEMENT_HARD_YES") == deal.agreementDate)
            #expect(deal.enteredAt("PARTNER_LIST_SENT") == deal.partnerListSentDate)
            if let agreement = deal.agreementDate {
                #expect(deal.partnerListDueDate! > agreement)
            }
            if let sent = deal.partnerListSentDate { #expect(sent > deal.agreementDate!) }
            if let sale = deal.firstSaleDate {
                #expect(sale > deal.partnerListSentDate!)
                #expect(deal.totalSalesFromList! >= 1)
            }
        }
    }
}

@Test func partnerListsHoldThreeToTwentyPartnersAndSublistsPointAtTheirLead() {
    let sizes = standard.mainLeads.compactMap(\.partnerListSize)
    #expect(!sizes.isEmpty)
    #expect(sizes.allSatisfy { (3...20).contains($0) })
    let ids = Set(standard.mainLeads.map(\.id))
    let sublists = standard.bdrDeals.filter { $0.parent != nil }
    #expect(sublists.allSatisfy { ids.contains($0.parent!) })
    let byParent = Dictionary(grouping: sublists, by: { $0.parent! })
    for lead in standard.mainLeads {
        let partners = byParent[lead.id] ?? []
        #expect((3...20).contains(partners.count))
        if let size = lead.partnerListSize { #expect(partners.count == size) }
        let sold = partners.filter { $0.stage == "SOLD" }.count
        #expect(sold == (lead.totalSalesFromList ?? 0))
    }
}

@Test func theFunnelConvertsAtRealisticRatesWithSomeOverdueLists() {
    let leads = Collected(DemoParameters(seed: 7, now: fixedNow, leads: 2_000, accounts: 0)).mainLeads
    let past = leads.filter { $0.callDate! <= fixedNow }
    let conducted = past.filter { $0.enteredAt("CALL_CONDUCTED") != nil }
    let proposals = conducted.filter { $0.enteredAt("PROPOSAL_SOFT_YES") != nil }
    let agreements = proposals.filter { $0.agreementDate != nil }
    let sent = agreements.filter { $0.partnerListSentDate != nil }
    #expect(abs(Double(conducted.count) / Double(past.count) - 0.8) < 0.04)
    #expect(abs(Double(proposals.count) / Double(conducted.count) - 0.43) < 0.06)
    #expect(abs(Double(agreements.count) / Double(proposals.count) - 0.5) < 0.08)
    // 70% of lists go out, often late, so some agreed lists are still overdue at `now`.
    #expect((0.45...0.75).contains(Double(sent.count) / Double(agreements.count)))
    let overdue = leads.filter {
        $0.partnerListSentDate == nil && ($0.partnerListDueDate.map { $0 < fixedNow } ?? false)
    }
    #expect(overdue.count >= 10)
    #expect(leads.contains { $0.stage == "SOLD" })
    #expect(leads.contains { $0.stage == "LIST_OUT_NOT_SOLD" })
    #expect(leads.contains { $0.stage == "FREE_QA_OFFERED" })
}

@Test func callsAreBookedMostlyForTheComingWeekAndLeadsPickUpOverTheQuarter() {
    let leads = Collected(DemoParameters(seed: 7, now: fixedNow, leads: 2_000, accounts: 0)).mainLeads
    let days = leads.map { Days.between(fixedNow, $0.callDate!) }
    let ahead = days.filter { $0 >= 0 }
    #expect(abs(Double(ahead.count) / Double(days.count) - 0.25) < 0.03)
    // 70% are drawn in the next 7 days; weekend calls move on to Monday, up to 2 days later.
    let soon = Double(ahead.filter { $0 < 9 }.count) / Double(ahead.count)
    #expect((0.66...0.8).contains(soon), "\(soon)")
    #expect(ahead.allSatisfy { $0 <= 30 })
    // Density 0.6 → 1.4 over the 90 days: the last 30 days hold 1.27 / 0.73 ≈ 1.7 times the first 30.
    let first = days.filter { (-90 ... -61).contains($0) }.count
    let last = days.filter { (-30 ... -1).contains($0) }.count
    #expect((1.4...2.1).contains(Double(last) / Double(first)), "\(first) → \(last)")
}

@Test func bdrsWithMoreDriveTakeMoreLeadsAndMakeMoreColdCalls() {
    let generator = DemoGenerator(parameters: DemoParameters(seed: 7, now: fixedNow, leads: 3_000, accounts: 0))
    let drive = generator.roster.bdrDrive
    #expect(drive.count == 60)
    #expect(drive.allSatisfy { (0.6...1.4).contains($0) })
    #expect(drive.max()! - drive.min()! > 0.7)
    var leads: [Rep.ID: Int] = [:]
    var coldCalls: [Rep.ID: Int] = [:]
    for index in 0..<3_000 {
        let lead = generator.lead(index)
        leads[lead.deals[0].owner!, default: 0] += 1
        for call in lead.activities where call.deal == nil { coldCalls[call.rep!, default: 0] += 1 }
    }
    let strongest = generator.roster.bdrs[drive.firstIndex(of: drive.max()!)!].id
    let weakest = generator.roster.bdrs[drive.firstIndex(of: drive.min()!)!].id
    #expect(leads[strongest]! > leads[weakest]!)
    #expect(
        Double(coldCalls[strongest]!) / Double(leads[strongest]!) > Double(coldCalls[weakest]!)
            / Double(leads[weakest]!))
}

@Test func theDemoTargetsKeepTheSpecsCallTargetsAndScaleTeamTargetsWithTheBdrs() {
    func targets(_ leads: Int) -> [String: Double] {
        let generator = DemoGenerator(parameters: DemoParameters(seed: 7, now: fixedNow, leads: leads, accounts: 0))
        return Dictionary(uniqueKeysWithValues: generator.targets.map { ($0.metric, $0.target) })
    }
    let team = targets(150)  // 3 BDRs
    #expect(team["calls_per_bdr_week"] == 25 && team["upcoming_calls_next_week"] == 30)
    #expect(team["agreements_per_month"] == 9 && team["lists_out_per_month"] == 8 && team["win_rate"] == 0.45)
    let bigger = targets(600)  // 12 BDRs
    #expect(bigger["calls_per_bdr_week"] == 25 && bigger["upcoming_calls_next_week"] == 120)
    #expect(bigger["agreements_per_month"] == 36 && bigger["lists_out_per_month"] == 32)
}

@Test func theDefaultDataSetHasOverdueListsAndFutureScheduledCalls() {
    let overdue = standard.mainLeads.filter {
        $0.partnerListSentDate == nil && ($0.partnerListDueDate.map { $0 < fixedNow } ?? false)
    }
    #expect(!overdue.isEmpty)
    let upcoming = standard.activities.filter { $0.kind == .callBooked && ($0.scheduledAt ?? .distantPast) > fixedNow }
    #expect(upcoming.count >= 20)
}

@Test func activitiesHappenInOfficeHoursWithTextPhrasesAndNeverCompleteInTheFuture() {
    #expect(standard.activities.allSatisfy { $0.occurredAt <= fixedNow })
    #expect(standard.activities.allSatisfy { ($0.completedAt ?? fixedNow) <= fixedNow.addingTimeInterval(3 * 3600) })
    let calls = standard.activities.filter { $0.kind == .callConducted }
    #expect(calls.count >= 150)
    let zones = Dictionary(uniqueKeysWithValues: standard.reps.map { ($0.id, $0.timeZone) })
    for call in calls {
        let offset = TimeZone(identifier: zones[call.rep!]!)!.secondsFromGMT(for: call.occurredAt)
        let local = Int(call.occurredAt.timeIntervalSince1970) + offset
        let hour = (local % 86_400 + 86_400) % 86_400 / 3600
        #expect((7...19).contains(hour), "\(call.id) at local hour \(hour)")
    }
    let bodies = standard.activities.compactMap(\.body).joined(separator: "\n").lowercased()
    for phrase in ["budget approved", "send over the security questionnaire", "procurement", "legal review", "pricing"]
    {
        #expect(bodies.contains(phrase), "missing phrase \(phrase)")
    }
    #expect(DemoText.competitors.contains { bodies.contains($0.lowercased()) })
    let kinds = Set(standard.activities.map(\.kind))
    #expect(kinds == Set(ActivityKind.allCases))
}

@Test func theRosterHasBdrsAccountExecutivesManagersAndOneExecutive() {
    let reps = standard.reps
    #expect(reps.filter { $0.role == .executive }.count == 1)
    #expect(reps.filter { $0.role == .bdr }.count == 4)  // three BDRs and one who joined this week
    #expect(reps.filter { $0.role == .manager }.allSatisfy { $0.manager == "rep-exec" })
    #expect(
        reps.filter { $0.role == .bdr || $0.role == .rep || $0.role == .csm }.allSatisfy { rep in
            reps.contains { $0.id == rep.manager && $0.role == .manager }
        })
    #expect(Set(reps.map(\.timeZone)).count >= 2)
}

@Test func someAccountsDeclineSomeExpandAndSomeChurn() {
    let generator = DemoGenerator(parameters: DemoParameters(seed: 42, now: fixedNow))
    let accounts = (0..<200).map(generator.account)
    let byProfile = Dictionary(grouping: accounts, by: \.profile)
    for profile in DemoAccountProfile.allCases { #expect((byProfile[profile]?.count ?? 0) >= 10, "\(profile)") }
    func usage(_ a: DemoAccount, days: ClosedRange<Int>) -> Int {
        a.engagement.filter { days.contains(Days.between(fixedNow, $0.occurredAt)) }.count
    }
    func ratio(_ profile: DemoAccountProfile) -> Double {
        let group = byProfile[profile]!.filter(\.account.trackingConsent)
        let early = group.map { usage($0, days: -90 ... -61) }.reduce(0, +)
        let late = group.map { usage($0, days: -30 ... -1) }.reduce(0, +)
        return Double(late) / Double(max(1, early))
    }
    #expect(ratio(.declining) < 0.5)
    #expect(ratio(.expanding) > 1.4)
    #expect((0.8...1.25).contains(ratio(.stable)))
    for churned in byProfile[.churned]! {
        #expect(churned.churn != nil && churned.account.churned)
        #expect(churned.engagement.allSatisfy { $0.occurredAt < churned.churn!.churnedAt })
    }
    let ticketsDeclining = byProfile[.declining]!.map(\.tickets.count).reduce(0, +) / byProfile[.declining]!.count
    let ticketsStable = byProfile[.stable]!.map(\.tickets.count).reduce(0, +) / byProfile[.stable]!.count
    #expect(ticketsDeclining > ticketsStable)
    // Declining customers used to answer, but no longer: nothing inbound in the last 30 days.
    let unanswered = byProfile[.declining]!.filter { a in
        a.activities.contains { $0.kind == .emailOut }
            && !a.activities.contains { $0.kind == .emailIn && Days.between(fixedNow, $0.occurredAt) >= -30 }
    }
    #expect(unanswered.count == byProfile[.declining]!.count)
    #expect(accounts.allSatisfy { !$0.account.trackingConsent ? $0.engagement.isEmpty : true })
}

@Test func theB2BPipelineHasWinsLossesWithReasonsAndLostDealsTakeLonger() {
    let opportunities = standard.deals.filter { $0.pipeline == StageCatalogue.b2b.id }
    let won = opportunities.filter { $0.outcome == .won }
    let lost = opportunities.filter { $0.outcome == .lost }
    #expect(won.count >= 40 && lost.count >= 40)
    #expect(lost.allSatisfy { $0.lossReason != nil })
    #expect(lost.contains { $0.competitor != nil })
    #expect(opportunities.allSatisfy { $0.leadSource != nil && $0.product != nil })
    // Amounts are known except on a prospect that went quiet before it was sized.
    #expect(
        opportunities.allSatisfy { ($0.amountCents ?? 0) > 0 || ($0.stage == "Prospecting" && $0.amountCents == nil) })
    #expect(opportunities.filter { $0.amountCents == nil }.count <= 2)
    func meanCycle(_ deals: [Deal]) -> Double {
        Double(deals.compactMap(\.cycleDays).reduce(0, +)) / Double(deals.count)
    }
    #expect(meanCycle(lost) > meanCycle(won))
    #expect(opportunities.filter { !$0.isClosed }.count >= 30)
}

@Test func theSplitMixStreamMatchesTheReferenceValues() {
    // Reference outputs of SplitMix64 for seed 1234567 (Vigna's splitmix64.c).
    var rng = SplitMix64(seed: 1_234_567)
    #expect(rng.next() == 6_457_827_717_110_365_317)
    #expect(rng.next() == 3_203_168_211_198_807_973)
    var a = SplitMix64(seed: 9, domain: 2, index: 3)
    var b = SplitMix64(seed: 9, domain: 2, index: 4)
    #expect(a.next() != b.next())
    #expect((0..<1_000).allSatisfy { _ in (3...20).contains(a.int(3...20)) })
}
