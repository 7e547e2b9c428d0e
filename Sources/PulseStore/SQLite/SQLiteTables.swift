import Foundation
import GRDB
import PulseCore

/// The table mapping of every entity except deals (whose stage history lives in its own table).
enum SQLiteTables {
    static let tenants = SQLiteTable<Tenant>(
        name: "tenants", columns: ["id", "name", "time_zone"], keyCount: 1,
        bind: { t, b in
            b.id(t.id)
            b.text(t.name)
            b.text(t.timeZone)
        },
        decode: { row in Tenant(id: Tenant.ID(row[0] as String), name: row[1], timeZone: row[2]) }
    )

    static let accounts = SQLiteTable<Account>(
        name: "accounts",
        columns: [
            "tenant", "id", "name", "industry", "segment", "region", "country", "arr_cents", "plan", "seats",
            "renewal_date", "tracking_consent", "owner", "created_at", "employees", "annual_revenue_cents",
            "parent", "churned",
        ],
        bind: { a, b in
            b.id(a.tenant)
            b.id(a.id)
            b.text(a.name)
            b.text(a.industry)
            b.text(a.segment)
            b.text(a.region)
            b.text(a.country)
            b.int64(a.arrCents)
            b.text(a.plan)
            b.int(a.seats)
            b.date(a.renewalDate)
            b.bool(a.trackingConsent)
            b.id(a.owner)
            b.date(a.createdAt)
            b.int(a.employees)
            b.int64(a.annualRevenueCents)
            b.id(a.parent)
            b.bool(a.churned)
        },
        decode: { row in
            Account(
                id: row.id(1)!, tenant: row.id(0)!, name: row[2], industry: row[3], segment: row[4],
                region: row[5], country: row[6], arrCents: row[7], plan: row[8], seats: row[9],
                renewalDate: row.date(10), trackingConsent: row[11], owner: row.id(12), createdAt: row.date(13),
                employees: row[14], annualRevenueCents: row[15], parent: row.id(16), churned: row[17])
        }
    )

    static let contacts = SQLiteTable<Contact>(
        name: "contacts", columns: ["tenant", "id", "account", "name", "email", "title", "role", "opted_out"],
        bind: { c, b in
            b.id(c.tenant)
            b.id(c.id)
            b.id(c.account)
            b.text(c.name)
            b.text(c.email)
            b.text(c.title)
            b.raw(c.role)
            b.bool(c.optedOut)
        },
        decode: { row in
            Contact(
                id: row.id(1)!, tenant: row.id(0)!, account: row.id(2), name: row[3], email: row[4], title: row[5],
                role: try SQLiteValue.enumValue(
                    row[6] as String, as: StakeholderRole.self, table: "contacts", column: "role"),
                optedOut: row[7])
        }
    )

    static let reps = SQLiteTable<Rep>(
        name: "reps",
        columns: ["tenant", "id", "name", "email", "role", "manager", "team", "region", "time_zone"],
        bind: { r, b in
            b.id(r.tenant)
            b.id(r.id)
            b.text(r.name)
            b.text(r.email)
            b.raw(r.role)
            b.id(r.manager)
            b.text(r.team)
            b.text(r.region)
            b.text(r.timeZone)
        },
        decode: { row in
            Rep(
                id: row.id(1)!, tenant: row.id(0)!, name: row[2], email: row[3],
                role: try SQLiteValue.enumValue(row[4] as String, as: RepRole.self, table: "reps", column: "role"),
                manager: row.id(5), team: row[6], region: row[7], timeZone: row[8])
        }
    )

    static let products = SQLiteTable<Product>(
        name: "products", columns: ["tenant", "id", "name", "series", "list_price_cents"],
        bind: { p, b in
            b.id(p.tenant)
            b.id(p.id)
            b.text(p.name)
            b.text(p.series)
            b.int64(p.listPriceCents)
        },
        decode: { row in
            Product(id: row.id(1)!, tenant: row.id(0)!, name: row[2], series: row[3], listPriceCents: row[4])
        }
    )

    static let activities = SQLiteTable<Activity>(
        name: "activities",
        columns: [
            "tenant", "id", "occurred_at", "kind", "rep", "deal", "account", "contact", "scheduled_at",
            "completed_at", "duration_seconds", "subject", "body", "participants",
        ],
        bind: { a, b in
            b.id(a.tenant)
            b.id(a.id)
            b.date(a.occurredAt)
            b.raw(a.kind)
            b.id(a.rep)
            b.id(a.deal)
            b.id(a.account)
            b.id(a.contact)
            b.date(a.scheduledAt)
            b.date(a.completedAt)
            b.int(a.durationSeconds)
            b.text(a.subject)
            b.text(a.body)
            b.text(SQLiteValue.jsonList(a.participants))
        },
        decode: { row in
            Activity(
                id: row.id(1)!, tenant: row.id(0)!,
                kind: try SQLiteValue.enumValue(
                    row[3] as String, as: ActivityKind.self, table: "activities", column: "kind"),
                deal: row.id(5), account: row.id(6), rep: row.id(4), contact: row.id(7), occurredAt: row.date(2)!,
                scheduledAt: row.date(8), completedAt: row.date(9), subject: row[11], body: row[12],
                participants: try SQLiteValue.list(json: row[13], table: "activities", column: "participants"),
                durationSeconds: row[10])
        }
    )

    static let engagement = SQLiteTable<EngagementEvent>(
        name: "engagement_events",
        columns: [
            "tenant", "id", "account", "contact", "kind", "occurred_at", "feature", "document", "session_seconds",
            "count", "error_count", "subscription",
        ],
        bind: { e, b in
            b.id(e.tenant)
            b.id(e.id)
            b.id(e.account)
            b.id(e.contact)
            b.raw(e.kind)
            b.date(e.occurredAt)
            b.text(e.feature)
            b.text(e.document)
            b.int(e.sessionSeconds)
            b.int(e.count)
            b.int(e.errorCount)
            b.id(e.subscription)
        },
        decode: { row in
            EngagementEvent(
                id: row.id(1)!, tenant: row.id(0)!, account: row.id(2)!, contact: row.id(3),
                kind: try SQLiteValue.enumValue(
                    row[4] as String, as: EngagementKind.self, table: "engagement_events", column: "kind"),
                occurredAt: row.date(5)!, feature: row[6], document: row[7], sessionSeconds: row[8], count: row[9],
                errorCount: row[10], subscription: row.id(11))
        }
    )

    static let tickets = SQLiteTable<SupportTicket>(
        name: "support_tickets",
        columns: [
            "tenant", "id", "account", "opened_at", "closed_at", "priority", "subject", "first_response_minutes",
            "resolution_hours", "satisfaction", "escalated",
        ],
        bind: { t, b in
            b.id(t.tenant)
            b.id(t.id)
            b.id(t.account)
            b.date(t.openedAt)
            b.date(t.closedAt)
            b.raw(t.priority)
            b.text(t.subject)
            b.int(t.firstResponseMinutes)
            b.double(t.resolutionHours)
            b.int(t.satisfaction)
            b.bool(t.escalated)
        },
        decode: { row in
            SupportTicket(
                id: row.id(1)!, tenant: row.id(0)!, account: row.id(2)!, openedAt: row.date(3)!,
                closedAt: row.date(4),
                priority: try SQLiteValue.enumValue(
                    row[5] as String, as: TicketPriority.self, table: "support_tickets", column: "priority"),
                subject: row[6], firstResponseMinutes: row[7], resolutionHours: row[8], satisfaction: row[9],
                escalated: row[10])
        }
    )

    static let targets = SQLiteTable<KpiTarget>(
        name: "kpi_targets",
        columns: ["tenant", "id", "metric", "period", "target", "rep", "team", "effective_from"],
        bind: { t, b in
            b.id(t.tenant)
            b.id(t.id)
            b.text(t.metric)
            b.raw(t.period)
            b.double(t.target)
            b.id(t.rep)
            b.text(t.team)
            b.date(t.effectiveFrom)
        },
        decode: { row in
            KpiTarget(
                id: row.id(1)!, tenant: row.id(0)!, metric: row[2],
                period: try SQLiteValue.enumValue(
                    row[3] as String, as: KpiPeriod.self, table: "kpi_targets", column: "period"),
                target: row[4], rep: row.id(5), team: row[6], effectiveFrom: row.date(7))
        }
    )

    static let subscriptions = SQLiteTable<Subscription>(
        name: "subscriptions",
        columns: [
            "tenant", "id", "account", "start_date", "end_date", "plan", "seats", "mrr_cents", "arr_cents",
            "is_trial", "upgraded", "downgraded", "churned", "billing_frequency", "auto_renew",
        ],
        bind: { s, b in
            b.id(s.tenant)
            b.id(s.id)
            b.id(s.account)
            b.date(s.startDate)
            b.date(s.endDate)
            b.text(s.plan)
            b.int(s.seats)
            b.int64(s.mrrCents)
            b.int64(s.arrCents)
            b.bool(s.isTrial)
            b.bool(s.upgraded)
            b.bool(s.downgraded)
            b.bool(s.churned)
            b.text(s.billingFrequency)
            b.bool(s.autoRenew)
        },
        decode: { row in
            Subscription(
                id: row.id(1)!, tenant: row.id(0)!, account: row.id(2)!, startDate: row.date(3)!,
                endDate: row.date(4), plan: row[5], seats: row[6], mrrCents: row[7], arrCents: row[8],
                isTrial: row[9], upgraded: row[10], downgraded: row[11], churned: row[12],
                billingFrequency: row[13], autoRenew: row[14])
        }
    )

    static let churnEvents = SQLiteTable<ChurnEvent>(
        name: "churn_events",
        columns: [
            "tenant", "id", "account", "churned_at", "reason", "refund_cents", "preceding_upgrade",
            "preceding_downgrade", "is_reactivation", "feedback",
        ],
        bind: { c, b in
            b.id(c.tenant)
            b.id(c.id)
            b.id(c.account)
            b.date(c.churnedAt)
            b.text(c.reason)
            b.int64(c.refundCents)
            b.bool(c.precedingUpgrade)
            b.bool(c.precedingDowngrade)
            b.bool(c.isReactivation)
            b.text(c.feedback)
        },
        decode: { row in
            ChurnEvent(
                id: row.id(1)!, tenant: row.id(0)!, account: row.id(2)!, churnedAt: row.date(3)!, reason: row[4],
                refundCents: row[5], precedingUpgrade: row[6], precedingDowngrade: row[7], isReactivation: row[8],
                feedback: row[9])
        }
    )

    /// Deal rows without their stage history (`stageHistory` is empty after decoding).
    static let deals = SQLiteTable<Deal>(
        name: "deals",
        columns: [
            "tenant", "id", "name", "account", "owner", "pipeline", "stage", "amount_cents", "currency",
            "lead_source", "product", "industry", "region", "segment", "created_at", "expected_close_date",
            "closed_at", "outcome", "loss_reason", "competitor", "parent", "call_date", "agreement_date",
            "partner_list_due_date", "partner_list_sent_date", "first_sale_date", "partner_list_size",
            "total_sales_from_list", "updated_at",
        ],
        versionColumn: "updated_at",
        bind: { d, b in
            b.id(d.tenant)
            b.id(d.id)
            b.text(d.name)
            b.id(d.account)
            b.id(d.owner)
            b.text(d.pipeline)
            b.text(d.stage)
            b.int64(d.amountCents)
            b.text(d.currency)
            b.text(d.leadSource)
            b.text(d.product)
            b.text(d.industry)
            b.text(d.region)
            b.text(d.segment)
            b.date(d.createdAt)
            b.date(d.expectedCloseDate)
            b.date(d.closedAt)
            b.raw(d.outcome)
            b.text(d.lossReason)
            b.text(d.competitor)
            b.id(d.parent)
            b.date(d.callDate)
            b.date(d.agreementDate)
            b.date(d.partnerListDueDate)
            b.date(d.partnerListSentDate)
            b.date(d.firstSaleDate)
            b.int(d.partnerListSize)
            b.int(d.totalSalesFromList)
            b.date(d.updatedAt)
        },
        decode: { row in
            Deal(
                id: row.id(1)!, tenant: row.id(0)!, name: row[2], account: row.id(3), owner: row.id(4),
                pipeline: row[5], stage: row[6], amountCents: row[7], currency: row[8], leadSource: row[9],
                product: row[10], industry: row[11], region: row[12], segment: row[13], createdAt: row.date(14),
                expectedCloseDate: row.date(15), closedAt: row.date(16),
                outcome: try SQLiteValue.optionalEnumValue(
                    row[17] as String?, as: DealOutcome.self, table: "deals", column: "outcome"),
                lossReason: row[18], competitor: row[19], parent: row.id(20), callDate: row.date(21),
                agreementDate: row.date(22), partnerListDueDate: row.date(23), partnerListSentDate: row.date(24),
                firstSaleDate: row.date(25), partnerListSize: row[26], totalSalesFromList: row[27],
                updatedAt: row.date(28))
        }
    )
}
