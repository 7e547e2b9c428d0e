import Foundation
import GRDB
import PulseCore

/// The table mapping of every entity except deals (whose stage history lives in its own table).
enum SQLiteTables {
    static let tenants = SQLiteTable<Tenant>(
        name: "tenants", columns: ["id", "name", "time_zone"], keyCount: 1,
        encode: { [SQLiteValue.id($0.id), $0.name.databaseValue, $0.timeZone.databaseValue] },
        decode: { row in Tenant(id: Tenant.ID(row[0] as String), name: row[1], timeZone: row[2]) }
    )

    static let accounts = SQLiteTable<Account>(
        name: "accounts",
        columns: [
            "tenant", "id", "name", "industry", "segment", "region", "country", "arr_cents", "plan", "seats",
            "renewal_date", "tracking_consent", "owner", "created_at", "employees", "annual_revenue_cents",
            "parent", "churned",
        ],
        encode: { a in
            [
                SQLiteValue.id(a.tenant), SQLiteValue.id(a.id), a.name.databaseValue, a.industry.databaseValue,
                a.segment.databaseValue, a.region.databaseValue, a.country.databaseValue,
                a.arrCents.databaseValue, a.plan.databaseValue, a.seats.databaseValue,
                SQLiteValue.date(a.renewalDate), a.trackingConsent.databaseValue, SQLiteValue.id(a.owner),
                SQLiteValue.date(a.createdAt), a.employees.databaseValue, a.annualRevenueCents.databaseValue,
                SQLiteValue.id(a.parent), a.churned.databaseValue,
            ]
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
        name: "contacts", columns: ["tenant", "id", "account", "name", "email", "title", "role"],
        encode: { c in
            [
                SQLiteValue.id(c.tenant), SQLiteValue.id(c.id), SQLiteValue.id(c.account), c.name.databaseValue,
                c.email.databaseValue, c.title.databaseValue, SQLiteValue.text(c.role),
            ]
        },
        decode: { row in
            Contact(
                id: row.id(1)!, tenant: row.id(0)!, account: row.id(2), name: row[3], email: row[4], title: row[5],
                role: try SQLiteValue.enumValue(
                    row[6] as String, as: StakeholderRole.self, table: "contacts", column: "role"))
        }
    )

    static let reps = SQLiteTable<Rep>(
        name: "reps",
        columns: ["tenant", "id", "name", "email", "role", "manager", "team", "region", "time_zone"],
        encode: { r in
            [
                SQLiteValue.id(r.tenant), SQLiteValue.id(r.id), r.name.databaseValue, r.email.databaseValue,
                SQLiteValue.text(r.role), SQLiteValue.id(r.manager), r.team.databaseValue, r.region.databaseValue,
                r.timeZone.databaseValue,
            ]
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
        encode: { p in
            [
                SQLiteValue.id(p.tenant), SQLiteValue.id(p.id), p.name.databaseValue, p.series.databaseValue,
                p.listPriceCents.databaseValue,
            ]
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
        encode: { a in
            [
                SQLiteValue.id(a.tenant), SQLiteValue.id(a.id), SQLiteValue.date(a.occurredAt),
                SQLiteValue.text(a.kind), SQLiteValue.id(a.rep), SQLiteValue.id(a.deal), SQLiteValue.id(a.account),
                SQLiteValue.id(a.contact), SQLiteValue.date(a.scheduledAt), SQLiteValue.date(a.completedAt),
                a.durationSeconds.databaseValue, a.subject.databaseValue, a.body.databaseValue,
                SQLiteValue.jsonList(a.participants).databaseValue,
            ]
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
        encode: { e in
            [
                SQLiteValue.id(e.tenant), SQLiteValue.id(e.id), SQLiteValue.id(e.account), SQLiteValue.id(e.contact),
                SQLiteValue.text(e.kind), SQLiteValue.date(e.occurredAt), e.feature.databaseValue,
                e.document.databaseValue, e.sessionSeconds.databaseValue, e.count.databaseValue,
                e.errorCount.databaseValue, SQLiteValue.id(e.subscription),
            ]
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
        encode: { t in
            [
                SQLiteValue.id(t.tenant), SQLiteValue.id(t.id), SQLiteValue.id(t.account),
                SQLiteValue.date(t.openedAt), SQLiteValue.date(t.closedAt), SQLiteValue.text(t.priority),
                t.subject.databaseValue, t.firstResponseMinutes.databaseValue, t.resolutionHours.databaseValue,
                t.satisfaction.databaseValue, t.escalated.databaseValue,
            ]
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
        encode: { t in
            [
                SQLiteValue.id(t.tenant), SQLiteValue.id(t.id), t.metric.databaseValue, SQLiteValue.text(t.period),
                t.target.databaseValue, SQLiteValue.id(t.rep), t.team.databaseValue,
                SQLiteValue.date(t.effectiveFrom),
            ]
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
        encode: { s in
            [
                SQLiteValue.id(s.tenant), SQLiteValue.id(s.id), SQLiteValue.id(s.account),
                SQLiteValue.date(s.startDate), SQLiteValue.date(s.endDate), s.plan.databaseValue,
                s.seats.databaseValue, s.mrrCents.databaseValue, s.arrCents.databaseValue, s.isTrial.databaseValue,
                s.upgraded.databaseValue, s.downgraded.databaseValue, s.churned.databaseValue,
                s.billingFrequency.databaseValue, s.autoRenew.databaseValue,
            ]
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
        encode: { c in
            [
                SQLiteValue.id(c.tenant), SQLiteValue.id(c.id), SQLiteValue.id(c.account),
                SQLiteValue.date(c.churnedAt), c.reason.databaseValue, c.refundCents.databaseValue,
                c.precedingUpgrade.databaseValue, c.precedingDowngrade.databaseValue,
                c.isReactivation.databaseValue, c.feedback.databaseValue,
            ]
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
        encode: { d in
            [
                SQLiteValue.id(d.tenant), SQLiteValue.id(d.id), d.name.databaseValue, SQLiteValue.id(d.account),
                SQLiteValue.id(d.owner), d.pipeline.databaseValue, d.stage.databaseValue,
                d.amountCents.databaseValue, d.currency.databaseValue, d.leadSource.databaseValue,
                d.product.databaseValue, d.industry.databaseValue, d.region.databaseValue,
                d.segment.databaseValue, SQLiteValue.date(d.createdAt), SQLiteValue.date(d.expectedCloseDate),
                SQLiteValue.date(d.closedAt), SQLiteValue.text(d.outcome), d.lossReason.databaseValue,
                d.competitor.databaseValue, SQLiteValue.id(d.parent), SQLiteValue.date(d.callDate),
                SQLiteValue.date(d.agreementDate), SQLiteValue.date(d.partnerListDueDate),
                SQLiteValue.date(d.partnerListSentDate), SQLiteValue.date(d.firstSaleDate),
                d.partnerListSize.databaseValue, d.totalSalesFromList.databaseValue, SQLiteValue.date(d.updatedAt),
            ]
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
