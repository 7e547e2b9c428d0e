extension EntityKind {
    /// Every field the kind accepts, in documentation order (docs/events.md lists the same).
    public var fields: [FieldSpec] {
        switch self {
        case .tenant:
            [
                .init("id", .text, required: true, "tenant id"),
                .init("name", .text, required: true, "company name"),
                .init("timeZone", .text, "IANA time zone for reports; default UTC"),
            ]
        case .account:
            [
                .init("id", .text, required: true, "account id"),
                .init("tenant", .text, "must equal the envelope tenant when given"),
                .init("name", .text, required: true, "customer company name"),
                .init("industry", .text, "industry or vertical"),
                .init("segment", .text, "market segment (SMB, Mid-Market, Enterprise)"),
                .init("region", .text, "sales region"),
                .init("country", .text, "country or ISO code"),
                .init("arrCents", .cents, "annual recurring revenue"),
                .init("plan", .text, "plan or tier"),
                .init("seats", .integer, "licensed seats"),
                .init("renewalDate", .date, "next renewal"),
                .init("trackingConsent", .flag, "engagement tracking allowed; default true"),
                .init("owner", .text, "rep id of the account owner"),
                .init("createdAt", .date, "when the customer signed up"),
                .init("employees", .integer, "head count of the customer"),
                .init("annualRevenueCents", .cents, "the customer's own annual revenue"),
                .init("parent", .text, "account id of the parent company"),
                .init("churned", .flag, "customer has churned; default false"),
            ]
        case .contact:
            [
                .init("id", .text, required: true, "contact id"),
                .init("tenant", .text, "must equal the envelope tenant when given"),
                .init("account", .text, "account id"),
                .init("name", .text, required: true, "full name"),
                .init("email", .text, "e-mail address"),
                .init("title", .text, "job title"),
                .init("role", .choice(StakeholderRole.allCases.map(\.rawValue)), "buying role; default unknown"),
                .init("optedOut", .flag, "opted out of tracking: engagement events dropped; default false"),
            ]
        case .rep:
            [
                .init("id", .text, required: true, "rep id"),
                .init("tenant", .text, "must equal the envelope tenant when given"),
                .init("name", .text, required: true, "full name"),
                .init("email", .text, "e-mail address"),
                .init("role", .choice(RepRole.allCases.map(\.rawValue)), "default rep"),
                .init("manager", .text, "rep id of the manager"),
                .init("team", .text, "team name"),
                .init("region", .text, "region or office"),
                .init("timeZone", .text, "IANA time zone; default UTC"),
            ]
        case .product:
            [
                .init("id", .text, required: true, "product id"),
                .init("tenant", .text, "must equal the envelope tenant when given"),
                .init("name", .text, required: true, "product name"),
                .init("series", .text, "product line"),
                .init("listPriceCents", .cents, "list price"),
            ]
        case .deal:
            [
                .init("id", .text, required: true, "deal id"),
                .init("tenant", .text, "must equal the envelope tenant when given"),
                .init("name", .text, "deal name"),
                .init("account", .text, "account id"),
                .init("owner", .text, "rep id of the owner"),
                .init("pipeline", .text, "stage catalogue id (b2b or bdr); default b2b"),
                .init("stage", .text, required: true, "current stage key of the pipeline"),
                .init("stageHistory", .history, "stages entered, oldest first"),
                .init("amountCents", .cents, "deal value; required for won deals"),
                .init("currency", .text, "ISO 4217 code; default USD"),
                .init("leadSource", .text, "where the lead came from"),
                .init("product", .text, "product name"),
                .init("industry", .text, "industry (else the account's)"),
                .init("region", .text, "region"),
                .init("segment", .text, "segment"),
                .init("createdAt", .date, "when the deal was created"),
                .init("expectedCloseDate", .date, "forecast close"),
                .init("closedAt", .date, "when it was won or lost; required for closed deals"),
                .init("outcome", .choice(DealOutcome.allCases.map(\.rawValue)), "required for closed deals"),
                .init("lossReason", .text, "why it was lost"),
                .init("competitor", .text, "competitor involved"),
                .init("parent", .text, "list-out deal this sublist came from (BDR)"),
                .init("callDate", .date, "BDR: discovery call"),
                .init("agreementDate", .date, "BDR: hard-yes agreement"),
                .init("partnerListDueDate", .date, "BDR: date the list is due"),
                .init("partnerListSentDate", .date, "BDR: date the list was sent"),
                .init("firstSaleDate", .date, "BDR: first sale from the list"),
                .init("partnerListSize", .integer, "BDR: partners on the list"),
                .init("totalSalesFromList", .integer, "BDR: sales from the list"),
                .init("updatedAt", .date, "last change at the source; with duplicate ids the newest wins"),
                .init("salesCycleDays", .integer, "stated cycle; checked against the dates, corrected when it differs"),
            ]
        case .stageChange:
            [
                .init("tenant", .text, "must equal the envelope tenant when given"),
                .init("deal", .text, required: true, "deal id (in this batch or already stored)"),
                .init("stage", .text, required: true, "stage key entered"),
                .init("enteredAt", .date, "when; default the event's occurredAt"),
                .init("outcome", .choice(DealOutcome.allCases.map(\.rawValue)), "set when the stage closes the deal"),
                .init("lossReason", .text, "why it was lost"),
            ]
        case .activity:
            [
                .init("id", .text, required: true, "activity id"),
                .init("tenant", .text, "must equal the envelope tenant when given"),
                .init("kind", .choice(ActivityKind.allCases.map(\.rawValue)), required: true, "what happened"),
                .init("deal", .text, "deal id"),
                .init("account", .text, "account id"),
                .init("rep", .text, "rep id"),
                .init("contact", .text, "contact id"),
                .init("occurredAt", .date, "when; default the event's occurredAt"),
                .init("scheduledAt", .date, "when it was planned for"),
                .init("completedAt", .date, "when it was done"),
                .init("subject", .text, "e-mail subject or title"),
                .init("body", .text, "e-mail body or notes"),
                .init("participants", .texts, "contact ids or e-mail addresses"),
                .init("durationSeconds", .integer, "length"),
            ]
        case .engagement:
            [
                .init("id", .text, required: true, "engagement id"),
                .init("tenant", .text, "must equal the envelope tenant when given"),
                .init("account", .text, "account id; may be left out when subscription is given"),
                .init("contact", .text, "contact id"),
                .init("kind", .choice(EngagementKind.allCases.map(\.rawValue)), required: true, "what was used"),
                .init("occurredAt", .date, "when; default the event's occurredAt"),
                .init("feature", .text, "feature name (feature_used)"),
                .init("document", .text, "document name (document_*)"),
                .init("sessionSeconds", .integer, "time spent"),
                .init("count", .integer, "uses this row stands for; default 1"),
                .init("errorCount", .integer, "errors seen"),
                .init("subscription", .text, "subscription id; resolves the account when it is missing"),
            ]
        case .ticket:
            [
                .init("id", .text, required: true, "ticket id"),
                .init("tenant", .text, "must equal the envelope tenant when given"),
                .init("account", .text, required: true, "account id"),
                .init("openedAt", .date, required: true, "when it was opened"),
                .init("closedAt", .date, "when it was closed; not before openedAt"),
                .init("priority", .choice(TicketPriority.allCases.map(\.rawValue)), "default medium"),
                .init("subject", .text, "subject"),
                .init("firstResponseMinutes", .integer, "time to first answer"),
                .init("resolutionHours", .number, "time to resolution"),
                .init("satisfaction", .integer, "rating 1-5"),
                .init("escalated", .flag, "default false"),
            ]
        case .kpiTarget:
            [
                .init("id", .text, required: true, "target id"),
                .init("tenant", .text, "must equal the envelope tenant when given"),
                .init("metric", .text, required: true, "KPI key, e.g. calls_per_bdr_week"),
                .init("period", .choice(KpiPeriod.allCases.map(\.rawValue)), required: true, "period covered"),
                .init("target", .number, required: true, "goal value"),
                .init("rep", .text, "rep id, for a personal target"),
                .init("team", .text, "team, for a team target"),
                .init("effectiveFrom", .date, "first day it applies"),
            ]
        case .subscription:
            [
                .init("id", .text, required: true, "subscription id"),
                .init("tenant", .text, "must equal the envelope tenant when given"),
                .init("account", .text, required: true, "account id"),
                .init("startDate", .date, required: true, "start"),
                .init("endDate", .date, "end; empty while active; not before startDate"),
                .init("plan", .text, "plan or tier"),
                .init("seats", .integer, "seats"),
                .init("mrrCents", .cents, "monthly recurring revenue"),
                .init("arrCents", .cents, "annual recurring revenue"),
                .init("isTrial", .flag, "default false"),
                .init("upgraded", .flag, "default false"),
                .init("downgraded", .flag, "default false"),
                .init("churned", .flag, "default false"),
                .init("billingFrequency", .text, "monthly or annual"),
                .init("autoRenew", .flag, "default true"),
            ]
        case .churn:
            [
                .init("id", .text, required: true, "churn event id"),
                .init("tenant", .text, "must equal the envelope tenant when given"),
                .init("account", .text, required: true, "account id"),
                .init("churnedAt", .date, "when; default the event's occurredAt"),
                .init("reason", .text, "reason code"),
                .init("refundCents", .cents, "refund paid"),
                .init("precedingUpgrade", .flag, "default false"),
                .init("precedingDowngrade", .flag, "default false"),
                .init("isReactivation", .flag, "default false"),
                .init("feedback", .text, "free text"),
            ]
        }
    }

    /// The names of `fields`.
    public var fieldNames: [String] { fields.map(\.name) }
}
