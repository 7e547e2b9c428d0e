import Foundation
import PulseCore

/// Small factories for fully populated model values with whole-second dates.
enum Fixtures {
    /// 2025-06-02 09:00:00 UTC plus `days` days and `seconds` seconds.
    static func date(days: Int = 0, seconds: Int = 0) -> Date {
        Date(timeIntervalSince1970: 1_748_854_800 + TimeInterval(days * 86_400 + seconds))
    }

    static let tenant = Tenant(id: "acme", name: "Acme Corp", timeZone: "Europe/London")

    static let account = Account(
        id: "acc-1", tenant: "acme", name: "Globex", industry: "EdTech", segment: "Enterprise", region: "EMEA",
        country: "DE", arrCents: 12_345_600, plan: "Pro", seats: 120, renewalDate: date(days: 200),
        trackingConsent: false, owner: "rep-1", createdAt: date(days: -400), employees: 5_400,
        annualRevenueCents: 9_900_000_000, parent: "acc-0", churned: true)

    static let contact = Contact(
        id: "con-1", tenant: "acme", account: "acc-1", name: "Dana \"DJ\" Jones", email: "dana@globex.example",
        title: "CFO", role: .economicBuyer)

    static let rep = Rep(
        id: "rep-1", tenant: "acme", name: "Sam Rivera", email: "sam@acme.example", role: .bdr, manager: "mgr-1",
        team: "North", region: "EMEA", timeZone: "Europe/Berlin")

    static let product = Product(
        id: "prd-1", tenant: "acme", name: "GTX Pro", series: "GTX", listPriceCents: 479_900)

    static func deal(id: Deal.ID = "deal-1", stage: String = "SOLD", updatedAt: Date? = date(days: 30)) -> Deal {
        Deal(
            id: id, tenant: "acme", name: "Globex partner list", account: "acc-1", owner: "rep-1", pipeline: "bdr",
            stage: stage,
            stageHistory: [
                StageChange(stage: "LEAD", enteredAt: date(days: 0)),
                StageChange(stage: "CALL_BOOKED", enteredAt: date(days: 0)),
                StageChange(stage: "AGREEMENT", enteredAt: date(days: 5, seconds: 3_600)),
                StageChange(stage: stage, enteredAt: date(days: 20)),
            ],
            amountCents: 1_500_000, currency: "EUR", leadSource: "Referral", product: "GTX Pro", industry: "EdTech",
            region: "EMEA", segment: "Enterprise", createdAt: date(days: 0), expectedCloseDate: date(days: 25),
            closedAt: date(days: 20), outcome: .won, lossReason: "n/a", competitor: "Initech", parent: "deal-0",
            callDate: date(days: 1), agreementDate: date(days: 5, seconds: 3_600), partnerListDueDate: date(days: 7),
            partnerListSentDate: date(days: 8), firstSaleDate: date(days: 20), partnerListSize: 12,
            totalSalesFromList: 3, updatedAt: updatedAt)
    }

    static func activity(id: Activity.ID = "act-1", at occurredAt: Date = date(days: 3)) -> Activity {
        Activity(
            id: id, tenant: "acme", kind: .emailIn, deal: "deal-1", account: "acc-1", rep: "rep-1",
            contact: "con-1", occurredAt: occurredAt, scheduledAt: date(days: 2),
            completedAt: date(days: 3, seconds: 60),
            subject: "Re: budget", body: "Budget approved.\nLine two with \"quotes\" and \\ and tab\t.",
            participants: ["dana@globex.example", "con-1", "ünïcödé \u{1}"], durationSeconds: 900)
    }

    static func engagement(id: EngagementEvent.ID = "eng-1", at occurredAt: Date = date(days: 4)) -> EngagementEvent {
        EngagementEvent(
            id: id, tenant: "acme", account: "acc-1", contact: "con-1", kind: .documentDownloaded,
            occurredAt: occurredAt, feature: "export", document: "pricing.pdf", sessionSeconds: 1_234, count: 3,
            errorCount: 1, subscription: "sub-1")
    }

    static let ticket = SupportTicket(
        id: "tck-1", tenant: "acme", account: "acc-1", openedAt: date(days: 6), closedAt: date(days: 7),
        priority: .urgent, subject: "Login broken", firstResponseMinutes: 42, resolutionHours: 26.5, satisfaction: 4,
        escalated: true)

    static let target = KpiTarget(
        id: "tgt-1", tenant: "acme", metric: "calls_per_bdr_week", period: .week, target: 27.5, rep: "rep-1",
        team: "North", effectiveFrom: date(days: -10))

    static let subscription = Subscription(
        id: "sub-1", tenant: "acme", account: "acc-1", startDate: date(days: -365), endDate: date(days: 0),
        plan: "Enterprise", seats: 50, mrrCents: 99_900, arrCents: 1_198_800, isTrial: true, upgraded: true,
        downgraded: true, churned: true, billingFrequency: "annual", autoRenew: false)

    static let churn = ChurnEvent(
        id: "chn-1", tenant: "acme", account: "acc-1", churnedAt: date(days: 1), reason: "budget",
        refundCents: 5_000, precedingUpgrade: true, precedingDowngrade: true, isReactivation: true,
        feedback: "Too expensive")

    /// A batch holding one fully populated value of every entity, plus an event, a quarantine row and a correction.
    static func fullBatch() -> IngestBatch {
        var batch = IngestBatch()
        batch.tenants = [tenant]
        batch.accounts = [account]
        batch.contacts = [contact]
        batch.reps = [rep]
        batch.products = [product]
        batch.deals = [deal()]
        batch.activities = [activity()]
        batch.engagement = [engagement()]
        batch.tickets = [ticket]
        batch.targets = [target]
        batch.subscriptions = [subscription]
        batch.churnEvents = [churn]
        batch.events = [
            EventRecord(
                id: "evt-1", type: "deal.upserted", occurredAt: date(days: 30), tenant: "acme", source: "events.ndjson",
                line: 1)
        ]
        batch.quarantine = [
            QuarantineRecord(
                source: "deals.csv", line: 7, field: "close_value", gate: .criticalNull,
                reason: "won deal without amount", raw: "7,won,,", recordID: "deal-7")
        ]
        batch.corrections = [
            Correction(
                source: "deals.csv", line: 9, recordID: "deal-9", field: "sales_cycle_days", from: "40", to: "38",
                reason: "cycle recomputed from dates")
        ]
        return batch
    }
}
