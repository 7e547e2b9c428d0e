import Foundation
import PulseCore

/// Writes the demo data to a folder: `events.ndjson` (the `pulse ingest` input) and one CSV per record kind.
///
/// Files are written into a hidden staging folder first and moved into place at the end, so a failure never
/// leaves a half-written export behind.
struct DemoExporter {
    /// Where the files go; created when missing.
    let directory: URL
    /// Turns one event into one NDJSON line (the ingest path's `EventEncoder`).
    let encode: (PulseEvent) throws -> String

    /// The CSV files with their header rows.
    static let headers: [(file: String, columns: [String])] = [
        (
            "deals.csv",
            [
                "id", "pipeline", "name", "owner_id", "parent_id", "account_id", "stage", "stage_entered_at",
                "created_at", "closed_at", "outcome", "amount_cents", "currency", "lead_source", "product", "industry",
                "segment", "region", "loss_reason", "competitor", "expected_close_date", "call_date", "agreement_date",
                "partner_list_due_date", "partner_list_sent_date", "first_sale_date", "partner_list_size",
                "total_sales_from_list",
            ]
        ),
        ("stage_history.csv", ["deal_id", "stage", "entered_at"]),
        (
            "activities.csv",
            [
                "id", "kind", "deal_id", "account_id", "rep_id", "contact_id", "occurred_at", "scheduled_at",
                "completed_at", "duration_seconds", "subject", "body", "participants",
            ]
        ),
        (
            "accounts.csv",
            [
                "id", "name", "industry", "segment", "region", "country", "arr_cents", "plan", "seats", "renewal_date",
                "tracking_consent", "owner_id", "created_at", "employees", "annual_revenue_cents", "churned",
            ]
        ),
        ("contacts.csv", ["id", "account_id", "name", "email", "title", "role"]),
        ("reps.csv", ["id", "name", "email", "role", "manager_id", "team", "region", "time_zone"]),
        ("products.csv", ["id", "name", "series", "list_price_cents"]),
        (
            "subscriptions.csv",
            [
                "id", "account_id", "start_date", "end_date", "plan", "seats", "mrr_cents", "arr_cents", "is_trial",
                "upgraded", "downgraded", "churned", "billing_frequency", "auto_renew",
            ]
        ),
        (
            "engagement.csv",
            [
                "id", "account_id", "contact_id", "kind", "occurred_at", "feature", "document", "session_seconds",
                "count", "subscription_id",
            ]
        ),
        (
            "tickets.csv",
            [
                "id", "account_id", "opened_at", "closed_at", "priority", "subject", "first_response_minutes",
                "resolution_hours", "satisfaction", "escalated",
            ]
        ),
        (
            "churn.csv",
            [
                "id", "account_id", "churned_at", "reason", "refund_cents", "preceding_upgrade", "preceding_downgrade",
                "is_reactivation", "feedback",
            ]
        ),
        ("kpi_targets.csv", ["id", "metric", "period", "target", "rep_id", "team"]),
    ]

    /// Writes every event; returns the files written (final paths) with their data-row counts.
    func export(_ events: some Sequence<PulseEvent>) throws -> [(url: URL, rows: Int)] {
        let fileManager = FileManager.default
        do {
            try fileManager.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw DemoError.cannotWrite(directory.path, reason: "the folder cannot be created")
        }
        guard fileManager.isWritableFile(atPath: directory.path) else {
            throw DemoError.cannotWrite(directory.path, reason: "the folder is not writable")
        }
        let staging = directory.appendingPathComponent(
            ".pulse-demo-export-\(ProcessInfo.processInfo.processIdentifier)")
        try? fileManager.removeItem(at: staging)
        do {
            try fileManager.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            throw DemoError.cannotWrite(staging.path, reason: "the staging folder cannot be created")
        }
        defer { try? fileManager.removeItem(at: staging) }

        let ndjson = try DemoFileWriter(url: staging.appendingPathComponent("events.ndjson"))
        var csv: [String: DemoFileWriter] = [:]
        for (file, columns) in Self.headers {
            let writer = try DemoFileWriter(url: staging.appendingPathComponent(file))
            try writer.write(line: DemoCSV.line(columns))
            csv[file] = writer
        }
        func row(_ file: String, _ fields: [String?]) throws { try csv[file]!.write(line: DemoCSV.line(fields)) }

        for event in events {
            try ndjson.write(line: try encode(event))
            try write(event.payload, row)
        }
        var written: [(URL, Int)] = []
        let all = [("events.ndjson", ndjson, 0)] + Self.headers.map { ($0.file, csv[$0.file]!, 1) }
        for (file, writer, headerLines) in all {
            try writer.close()
            let target = directory.appendingPathComponent(file)
            try? fileManager.removeItem(at: target)
            do {
                try fileManager.moveItem(at: writer.url, to: target)
            } catch {
                throw DemoError.cannotWrite(target.path, reason: error.localizedDescription)
            }
            written.append((target, writer.lines - headerLines))
        }
        return written
    }

    /// The CSV row(s) of one payload.
    private func write(_ payload: PulseEvent.Payload, _ row: (String, [String?]) throws -> Void) throws {
        typealias C = DemoCSV
        switch payload {
        case .tenant, .stageChange:
            break
        case .deal(let d):
            try row(
                "deals.csv",
                [
                    d.id.rawValue, d.pipeline, d.name, d.owner?.rawValue, d.parent?.rawValue, d.account?.rawValue,
                    d.stage, C.timestamp(d.stageEnteredAt), C.timestamp(d.createdAt), C.timestamp(d.closedAt),
                    d.outcome?.rawValue, C.int(d.amountCents), d.currency, d.leadSource, d.product, d.industry,
                    d.segment, d.region, d.lossReason, d.competitor, C.timestamp(d.expectedCloseDate),
                    C.timestamp(d.callDate), C.timestamp(d.agreementDate), C.timestamp(d.partnerListDueDate),
                    C.timestamp(d.partnerListSentDate), C.timestamp(d.firstSaleDate), C.int(d.partnerListSize),
                    C.int(d.totalSalesFromList),
                ])
            for change in d.stageHistory {
                try row("stage_history.csv", [d.id.rawValue, change.stage, C.timestamp(change.enteredAt)])
            }
        case .activity(let a):
            try row(
                "activities.csv",
                [
                    a.id.rawValue, a.kind.rawValue, a.deal?.rawValue, a.account?.rawValue, a.rep?.rawValue,
                    a.contact?.rawValue, C.timestamp(a.occurredAt), C.timestamp(a.scheduledAt),
                    C.timestamp(a.completedAt), C.int(a.durationSeconds), a.subject, a.body,
                    a.participants.joined(separator: ";"),
                ])
        case .account(let a):
            try row(
                "accounts.csv",
                [
                    a.id.rawValue, a.name, a.industry, a.segment, a.region, a.country, C.int(a.arrCents), a.plan,
                    C.int(a.seats), C.timestamp(a.renewalDate), C.bool(a.trackingConsent), a.owner?.rawValue,
                    C.timestamp(a.createdAt), C.int(a.employees), C.int(a.annualRevenueCents), C.bool(a.churned),
                ])
        case .contact(let c):
            try row("contacts.csv", [c.id.rawValue, c.account?.rawValue, c.name, c.email, c.title, c.role.rawValue])
        case .rep(let r):
            try row(
                "reps.csv",
                [
                    r.id.rawValue, r.name, r.email, r.role.rawValue, r.manager?.rawValue, r.team, r.region, r.timeZone,
                ])
        case .product(let p):
            try row("products.csv", [p.id.rawValue, p.name, p.series, C.int(p.listPriceCents)])
        case .subscription(let s):
            try row(
                "subscriptions.csv",
                [
                    s.id.rawValue, s.account.rawValue, C.timestamp(s.startDate), C.timestamp(s.endDate), s.plan,
                    C.int(s.seats), C.int(s.mrrCents), C.int(s.arrCents), C.bool(s.isTrial), C.bool(s.upgraded),
                    C.bool(s.downgraded), C.bool(s.churned), s.billingFrequency, C.bool(s.autoRenew),
                ])
        case .engagement(let e):
            try row(
                "engagement.csv",
                [
                    e.id.rawValue, e.account.rawValue, e.contact?.rawValue, e.kind.rawValue, C.timestamp(e.occurredAt),
                    e.feature, e.document, C.int(e.sessionSeconds), String(e.count), e.subscription?.rawValue,
                ])
        case .ticket(let t):
            try row(
                "tickets.csv",
                [
                    t.id.rawValue, t.account.rawValue, C.timestamp(t.openedAt), C.timestamp(t.closedAt),
                    t.priority.rawValue, t.subject, C.int(t.firstResponseMinutes), t.resolutionHours.map { String($0) },
                    C.int(t.satisfaction), C.bool(t.escalated),
                ])
        case .churn(let c):
            try row(
                "churn.csv",
                [
                    c.id.rawValue, c.account.rawValue, C.timestamp(c.churnedAt), c.reason, C.int(c.refundCents),
                    C.bool(c.precedingUpgrade), C.bool(c.precedingDowngrade), C.bool(c.isReactivation), c.feedback,
                ])
        case .target(let t):
            try row(
                "kpi_targets.csv",
                [
                    t.id.rawValue, t.metric, t.period.rawValue, String(t.target), t.rep?.rawValue, t.team,
                ])
        }
    }
}
