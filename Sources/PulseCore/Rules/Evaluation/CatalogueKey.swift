import Foundation

/// The point-in-time names of `MetricCatalogue` (metrics, attributes and dates), resolved once per rule so that
/// evaluation switches on an enum rather than on strings.
enum CatalogueKey: String, CaseIterable, Sendable {
    // Deal
    case dealAmount = "deal.amount", dealDaysInStage = "deal.days_in_stage", dealSMI = "deal.smi"
    case dealDQS = "deal.dqs", dealDaysSinceActivity = "deal.days_since_activity"
    case dealDaysToExpectedClose = "deal.days_to_expected_close"
    case dealDaysPastExpectedClose = "deal.days_past_expected_close", dealAgeDays = "deal.age_days"
    case dealAgeHours = "deal.age_hours", dealStakeholders = "deal.stakeholders"
    case dealStageWinRate = "deal.stage_win_rate", dealStageWinRateDays = "deal.stage_win_rate_days"
    case dealStageIndex = "deal.stage_index", dealIsOpen = "deal.is_open"
    case dealPartnerListDaysOverdue = "deal.partner_list_days_overdue", dealAmountPercentile = "deal.amount_percentile"
    case dealName = "deal.name", dealStage = "deal.stage", dealStageName = "deal.stage_name"
    case dealStatus = "deal.status", dealPipeline = "deal.pipeline", dealLeadSource = "deal.lead_source"
    case dealIndustry = "deal.industry", dealSegment = "deal.segment", dealRegion = "deal.region"
    case dealProduct = "deal.product", dealCompetitor = "deal.competitor", dealOwnerName = "deal.owner_name"
    case dealAccountName = "deal.account_name", dealIsSublist = "deal.is_sublist"
    case dealExpectedClose = "deal.expected_close", dealCreated = "deal.created", dealCallDate = "deal.call_date"
    case dealPartnerListDue = "deal.partner_list_due"
    case dealWinProbability = "deal.win_probability"
    // Account
    case accountHealth = "account.health", accountARR = "account.arr", accountSeats = "account.seats"
    case accountSeatUtilisation = "account.seat_utilisation", accountDaysToRenewal = "account.days_to_renewal"
    case accountOpenTickets = "account.open_tickets", accountDaysSinceActivity = "account.days_since_activity"
    case accountDaysSinceInbound = "account.days_since_inbound", accountOpenPipeline = "account.open_pipeline"
    case accountName = "account.name", accountPlan = "account.plan", accountSegment = "account.segment"
    case accountIndustry = "account.industry", accountRegion = "account.region"
    case accountOwnerName = "account.owner_name", accountWeakestComponent = "account.weakest_component"
    case accountChurned = "account.churned", accountRenewalDate = "account.renewal_date"
    case accountChurnProbability = "account.churn_probability", accountChurnReasons = "account.churn_reasons"
    case accountEngagementSegment = "account.engagement_segment"
    // Rep
    case repCallsThisWeek = "rep.calls_this_week", repUpcomingCallsNextWeek = "rep.upcoming_calls_next_week"
    case repBDRIndex7d = "rep.bdr_index_7d", repAgreementsThisMonth = "rep.agreements_this_month"
    case repAgreementGoalPace = "rep.agreement_goal_pace", repPartnerListsOverdue = "rep.partner_lists_overdue"
    case repOpenPipeline = "rep.open_pipeline", repName = "rep.name", repRole = "rep.role", repTeam = "rep.team"
    case repManagerName = "rep.manager_name"
    // Team, segment, tenant
    case teamCallsThisWeek = "team.calls_this_week", teamUpcomingCallsNextWeek = "team.upcoming_calls_next_week"
    case teamPartnerListsOverdue = "team.partner_lists_overdue", teamName = "team.name"
    case segmentKey = "segment.key"
    case tenantCallsThisWeek = "tenant.calls_this_week"
    case tenantUpcomingCallsNextWeek = "tenant.upcoming_calls_next_week"
    case tenantPartnerListsOverdue = "tenant.partner_lists_overdue"
    case tenantAgreementsThisMonth = "tenant.agreements_this_month"
    case tenantAgreementGoalPace = "tenant.agreement_goal_pace", tenantOpenPipeline = "tenant.open_pipeline"
    case tenantWonAmountQuarter = "tenant.won_amount_quarter", tenantQuarterTarget = "tenant.quarter_target"
    case tenantForecastAttainment = "tenant.forecast_attainment", tenantName = "tenant.name"

    /// The catalogue entry behind this key.
    var entry: MetricCatalogue.Entry { Self.entries[self]! }

    private static let entries: [CatalogueKey: MetricCatalogue.Entry] = Dictionary(
        uniqueKeysWithValues: allCases.compactMap { key in MetricCatalogue.byName[key.rawValue].map { (key, $0) } })
}
