import Foundation

@testable import PulseCore

/// A small BDR tenant whose report numbers are computed by hand in the tests: two BDRs (ana, bo) under a manager
/// (max), five pipeline items, a handful of calls and bookings, and alerts of every severity.
enum RF {
    /// Parses a fixed ISO date-time (test data only).
    static func d(_ text: String) -> Date { ISODate.parse(text)! }

    /// Wednesday 2026-11-25 12:00 UTC.
    static let now = d("2026-11-25T12:00:00Z")
    /// [2026-11-01, now).
    static let november = ReportQuery(from: d("2026-11-01"), to: now)

    static let reps = [
        Rep(id: "ana", name: "Ana Diaz", role: .bdr, manager: "max"),
        Rep(id: "bo", name: "Bo Chen", role: .bdr, manager: "max"),
        Rep(id: "max", name: "Max Moss", role: .manager, manager: "exec"),
        Rep(id: "exec", name: "Eve Exec", role: .executive),
    ]

    static let deals = [
        Deal(
            id: "D1", name: "Alpha School", owner: "ana", pipeline: "bdr", stage: "PARTNER_LIST_SENT",
            industry: "EdTech", createdAt: d("2026-11-02"), callDate: d("2026-11-02T09:00:00Z"),
            agreementDate: d("2026-11-03T10:00:00Z"), partnerListSentDate: d("2026-11-10T10:00:00Z"),
            firstSaleDate: d("2026-11-15T10:00:00Z"), partnerListSize: 10),
        Deal(
            id: "D2", name: "Beta Clinic", owner: "ana", pipeline: "bdr", stage: "AGREEMENT_HARD_YES",
            industry: "Medical", createdAt: d("2026-11-05"), callDate: d("2026-11-05T09:00:00Z"),
            agreementDate: d("2026-11-20T10:00:00Z"), partnerListDueDate: d("2026-11-22")),
        Deal(
            id: "D3", name: "Gamma Academy", owner: "bo", pipeline: "bdr", stage: "PROPOSAL_SOFT_YES",
            stageHistory: [
                StageChange(stage: "CALL_CONDUCTED", enteredAt: d("2026-11-06")),
                StageChange(stage: "PROPOSAL_SOFT_YES", enteredAt: d("2026-11-15")),
            ], industry: "EdTech", createdAt: d("2026-11-06"), callDate: d("2026-11-06T09:00:00Z")),
        Deal(
            id: "D4", name: "Delta College", owner: "bo", pipeline: "bdr", stage: "PARTNER_LIST_SENT",
            industry: "EdTech", createdAt: d("2026-10-15"), agreementDate: d("2026-10-20T10:00:00Z"),
            partnerListSentDate: d("2026-11-12T10:00:00Z"), partnerListSize: 20),
        Deal(
            id: "D5", name: "Echo Retail", owner: "bo", pipeline: "bdr", stage: "SOLD",
            stageHistory: [StageChange(stage: "SOLD", enteredAt: d("2026-11-18T10:00:00Z"))], amountCents: 500_000,
            industry: "Retail", createdAt: d("2026-11-03"), closedAt: d("2026-11-18T10:00:00Z"), outcome: .won,
            agreementDate: d("2026-11-04T10:00:00Z"), partnerListSentDate: d("2026-11-08T10:00:00Z"),
            partnerListSize: 5),
    ]

    static func call(_ id: String, _ rep: Rep.ID?, _ at: String, deal: Deal.ID? = nil) -> Activity {
        Activity(id: .init(id), kind: .callConducted, deal: deal, rep: rep, occurredAt: d(at))
    }

    static let activities = [
        call("c1", "ana", "2026-11-02T09:00:00Z", deal: "D1"),
        call("c2", "ana", "2026-11-03T09:30:00Z", deal: "D2"),
        call("c3", "ana", "2026-11-24T14:00:00Z"),
        call("c4", "bo", "2026-11-03T10:00:00Z", deal: "D3"),
        call("c5", "bo", "2026-10-30T10:00:00Z"),
        call("c6", nil, "2026-11-04T11:00:00Z"),
        Activity(
            id: "b1", kind: .callBooked, rep: "ana", occurredAt: d("2026-11-20T10:00:00Z"),
            scheduledAt: d("2026-11-30T10:00:00Z"), subject: "Discovery: Zeta Labs"),
        Activity(
            id: "b2", kind: .callBooked, rep: "bo", occurredAt: d("2026-11-21T10:00:00Z"),
            scheduledAt: d("2026-11-26T10:00:00Z"), subject: "Discovery: Eta Inc"),
        Activity(
            id: "b3", kind: .callBooked, rep: "bo", occurredAt: d("2026-11-10T10:00:00Z"),
            scheduledAt: d("2026-11-11T10:00:00Z")),
        Activity(
            id: "m1", kind: .meeting, deal: "D2", rep: "ana", occurredAt: d("2026-11-25T15:00:00Z"),
            subject: "Partner list review"),
    ]

    static func alert(
        _ number: Int64, _ severity: Severity, owner: Rep.ID?, state: AlertState = .open, category: String = "risk",
        raised: String = "2026-11-24T09:00:00Z", shadow: Bool = false, action: String? = "Call the lead today"
    ) -> Alert {
        Alert(
            id: .init("fp\(number)-1"), number: number, tenant: Tenant.defaultID, fingerprint: "fp\(number)",
            rule: "rule-\(number)", severity: severity, category: category, entity: EntityRef(.deal, "D\(number)"),
            entityName: "Deal \(number)", owner: owner, recipients: owner.map { [$0] } ?? [], state: state,
            shadow: shadow, raisedAt: d(raised), openedAt: d(raised), lastFiringAt: now.addingTimeInterval(-3600),
            updatedAt: d(raised), resolvedAt: state == .resolved ? now : nil,
            content: AlertContent(
                title: "Alert \(number)", entityLine: "Deal: D\(number)", actions: action.map { [$0] } ?? []))
    }

    static let alerts = [
        alert(1, .critical, owner: "ana"),
        alert(2, .high, owner: "bo", state: .acknowledged),
        alert(3, .medium, owner: "ana", category: "pipeline"),
        alert(4, .low, owner: "ana"),
        alert(5, .critical, owner: "bo", state: .resolved),
        alert(6, .high, owner: "ana", shadow: true),
        alert(7, .high, owner: "ana", state: .pending),
        alert(8, .high, owner: "ana", raised: "2026-11-25T08:00:00Z", action: nil),
    ]

    static let data = ReportData(reps: reps, deals: deals, activities: activities, alerts: alerts)
}
