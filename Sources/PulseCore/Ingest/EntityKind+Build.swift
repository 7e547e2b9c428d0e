import Foundation

extension EntityKind {
    /// Builds one record of this kind from named fields; throws the first field that is missing or mistyped.
    ///
    /// `defaultTime` (the event's `occurredAt`) fills the time of activities, engagement, churn and stage
    /// changes that do not state one.
    public func build<Source: FieldSource>(
        from source: inout Source, tenant: Tenant.ID, defaultTime: Date? = nil
    ) throws(FieldError) -> BuiltRecord {
        if let stated = try source.text("tenant"), stated != tenant.rawValue {
            throw FieldError(
                field: source.path("tenant"), gate: .schema,
                reason: "'\(stated)' differs from the event's tenant '\(tenant.rawValue)'")
        }
        switch self {
        case .tenant:
            return BuiltRecord(
                payload: .tenant(
                    Tenant(
                        id: .init(try source.requiredText("id")), name: try source.requiredText("name"),
                        timeZone: try source.text("timeZone") ?? "UTC")))
        case .account:
            return BuiltRecord(payload: .account(try Self.account(&source, tenant)))
        case .contact:
            return BuiltRecord(
                payload: .contact(
                    Contact(
                        id: .init(try source.requiredText("id")), tenant: tenant, account: try source.id("account"),
                        name: try source.requiredText("name"), email: try source.text("email"),
                        title: try source.text("title"),
                        role: try source.choice("role", StakeholderRole.self) ?? .unknown,
                        optedOut: try source.flag("optedOut") ?? false)))
        case .rep:
            return BuiltRecord(
                payload: .rep(
                    Rep(
                        id: .init(try source.requiredText("id")), tenant: tenant,
                        name: try source.requiredText("name"), email: try source.text("email"),
                        role: try source.choice("role", RepRole.self) ?? .rep, manager: try source.id("manager"),
                        team: try source.text("team"), region: try source.text("region"),
                        timeZone: try source.text("timeZone") ?? "UTC")))
        case .product:
            return BuiltRecord(
                payload: .product(
                    Product(
                        id: .init(try source.requiredText("id")), tenant: tenant,
                        name: try source.requiredText("name"), series: try source.text("series"),
                        listPriceCents: try source.cents("listPriceCents"))))
        case .deal:
            let deal = try Self.deal(&source, tenant)
            return BuiltRecord(payload: .deal(deal), statedCycleDays: try source.int("salesCycleDays"))
        case .stageChange:
            return BuiltRecord(
                payload: .stageChange(
                    DealStageChange(
                        tenant: tenant, deal: .init(try source.requiredText("deal")),
                        stage: try source.requiredText("stage"),
                        enteredAt: try source.requiredDate("enteredAt", default: defaultTime),
                        outcome: try source.choice("outcome", DealOutcome.self, gate: .outcome),
                        lossReason: try source.text("lossReason"))))
        case .activity:
            return BuiltRecord(payload: .activity(try Self.activity(&source, tenant, defaultTime)))
        case .engagement:
            return BuiltRecord(payload: .engagement(try Self.engagement(&source, tenant, defaultTime)))
        case .ticket:
            return BuiltRecord(payload: .ticket(try Self.ticket(&source, tenant)))
        case .kpiTarget:
            let id = try source.requiredText("id")
            let metric = try source.requiredText("metric")
            guard let period = try source.choice("period", KpiPeriod.self) else {
                throw FieldError(field: source.path("period"), gate: .schema, reason: "required field is missing")
            }
            guard let target = try source.number("target") else {
                throw FieldError(field: source.path("target"), gate: .schema, reason: "required field is missing")
            }
            return BuiltRecord(
                payload: .target(
                    KpiTarget(
                        id: .init(id), tenant: tenant, metric: metric, period: period, target: target,
                        rep: try source.id("rep"), team: try source.text("team"),
                        effectiveFrom: try source.date("effectiveFrom"))))
        case .subscription:
            return BuiltRecord(payload: .subscription(try Self.subscription(&source, tenant)))
        case .churn:
            return BuiltRecord(
                payload: .churn(
                    ChurnEvent(
                        id: .init(try source.requiredText("id")), tenant: tenant,
                        account: .init(try source.requiredText("account")),
                        churnedAt: try source.requiredDate("churnedAt", default: defaultTime),
                        reason: try source.text("reason"), refundCents: try source.cents("refundCents"),
                        precedingUpgrade: try source.flag("precedingUpgrade") ?? false,
                        precedingDowngrade: try source.flag("precedingDowngrade") ?? false,
                        isReactivation: try source.flag("isReactivation") ?? false,
                        feedback: try source.text("feedback"))))
        }
    }

    private static func account<Source: FieldSource>(_ source: inout Source, _ tenant: Tenant.ID)
        throws(FieldError) -> Account
    {
        Account(
            id: .init(try source.requiredText("id")), tenant: tenant, name: try source.requiredText("name"),
            industry: try source.text("industry"), segment: try source.text("segment"),
            region: try source.text("region"), country: try source.text("country"),
            arrCents: try source.cents("arrCents"), plan: try source.text("plan"), seats: try source.int("seats"),
            renewalDate: try source.date("renewalDate"),
            trackingConsent: try source.flag("trackingConsent") ?? true, owner: try source.id("owner"),
            createdAt: try source.date("createdAt"), employees: try source.int("employees"),
            annualRevenueCents: try source.cents("annualRevenueCents"), parent: try source.id("parent"),
            churned: try source.flag("churned") ?? false)
    }

    private static func deal<Source: FieldSource>(_ source: inout Source, _ tenant: Tenant.ID)
        throws(FieldError) -> Deal
    {
        Deal(
            id: .init(try source.requiredText("id")), tenant: tenant, name: try source.text("name"),
            account: try source.id("account"), owner: try source.id("owner"),
            pipeline: try source.text("pipeline") ?? StageCatalogue.b2b.id, stage: try source.requiredText("stage"),
            stageHistory: try source.history("stageHistory") ?? [], amountCents: try source.cents("amountCents"),
            currency: try source.text("currency") ?? "USD", leadSource: try source.text("leadSource"),
            product: try source.text("product"), industry: try source.text("industry"),
            region: try source.text("region"), segment: try source.text("segment"),
            createdAt: try source.date("createdAt"), expectedCloseDate: try source.date("expectedCloseDate"),
            closedAt: try source.date("closedAt"),
            outcome: try source.choice("outcome", DealOutcome.self, gate: .outcome),
            lossReason: try source.text("lossReason"), competitor: try source.text("competitor"),
            parent: try source.id("parent"), callDate: try source.date("callDate"),
            agreementDate: try source.date("agreementDate"), partnerListDueDate: try source.date("partnerListDueDate"),
            partnerListSentDate: try source.date("partnerListSentDate"),
            firstSaleDate: try source.date("firstSaleDate"), partnerListSize: try source.int("partnerListSize"),
            totalSalesFromList: try source.int("totalSalesFromList"), updatedAt: try source.date("updatedAt"))
    }

    private static func activity<Source: FieldSource>(_ source: inout Source, _ tenant: Tenant.ID, _ time: Date?)
        throws(FieldError) -> Activity
    {
        let id = try source.requiredText("id")
        guard let kind = try source.choice("kind", ActivityKind.self) else {
            throw FieldError(field: source.path("kind"), gate: .schema, reason: "required field is missing")
        }
        return Activity(
            id: .init(id), tenant: tenant, kind: kind, deal: try source.id("deal"), account: try source.id("account"),
            rep: try source.id("rep"), contact: try source.id("contact"),
            occurredAt: try source.requiredDate("occurredAt", default: time),
            scheduledAt: try source.date("scheduledAt"), completedAt: try source.date("completedAt"),
            subject: try source.text("subject"), body: try source.text("body"),
            participants: try source.texts("participants") ?? [], durationSeconds: try source.int("durationSeconds"))
    }

    private static func engagement<Source: FieldSource>(_ source: inout Source, _ tenant: Tenant.ID, _ time: Date?)
        throws(FieldError) -> EngagementEvent
    {
        let id = try source.requiredText("id")
        let account: String? = try source.text("account")
        let subscription: Subscription.ID? = try source.id("subscription")
        if account == nil && subscription == nil {
            throw FieldError(
                field: source.path("account"), gate: .schema,
                reason: "required field is missing (give account, or subscription to look it up)")
        }
        guard let kind = try source.choice("kind", EngagementKind.self) else {
            throw FieldError(field: source.path("kind"), gate: .schema, reason: "required field is missing")
        }
        return EngagementEvent(
            id: .init(id), tenant: tenant, account: .init(account ?? ""), contact: try source.id("contact"),
            kind: kind, occurredAt: try source.requiredDate("occurredAt", default: time),
            feature: try source.text("feature"), document: try source.text("document"),
            sessionSeconds: try source.int("sessionSeconds"), count: try source.int("count") ?? 1,
            errorCount: try source.int("errorCount"), subscription: subscription)
    }

    private static func ticket<Source: FieldSource>(_ source: inout Source, _ tenant: Tenant.ID)
        throws(FieldError) -> SupportTicket
    {
        SupportTicket(
            id: .init(try source.requiredText("id")), tenant: tenant,
            account: .init(try source.requiredText("account")), openedAt: try source.requiredDate("openedAt"),
            closedAt: try source.date("closedAt"),
            priority: try source.choice("priority", TicketPriority.self) ?? .medium,
            subject: try source.text("subject"), firstResponseMinutes: try source.int("firstResponseMinutes"),
            resolutionHours: try source.number("resolutionHours"), satisfaction: try source.int("satisfaction"),
            escalated: try source.flag("escalated") ?? false)
    }

    private static func subscription<Source: FieldSource>(_ source: inout Source, _ tenant: Tenant.ID)
        throws(FieldError) -> Subscription
    {
        Subscription(
            id: .init(try source.requiredText("id")), tenant: tenant,
            account: .init(try source.requiredText("account")), startDate: try source.requiredDate("startDate"),
            endDate: try source.date("endDate"), plan: try source.text("plan"), seats: try source.int("seats"),
            mrrCents: try source.cents("mrrCents"), arrCents: try source.cents("arrCents"),
            isTrial: try source.flag("isTrial") ?? false, upgraded: try source.flag("upgraded") ?? false,
            downgraded: try source.flag("downgraded") ?? false, churned: try source.flag("churned") ?? false,
            billingFrequency: try source.text("billingFrequency"), autoRenew: try source.flag("autoRenew") ?? true)
    }
}
