import Foundation

/// Every name a rule may use: point-in-time metrics, text attributes, date fields and windowed measures, with the
/// scopes they apply to and their units. The rule loader rejects names not listed here (suggesting the nearest);
/// the evaluator implements every entry; docs/rules.md lists them.
public enum MetricCatalogue {
    /// What kind of name an entry is.
    public enum Kind: String, Hashable, Sendable {
        /// A number at `now` for one entity (`deal.smi`), used by `compare` and templates.
        case metric
        /// A text value of one entity (`deal.stage`), used by `attribute` and templates.
        case attribute
        /// A date of one entity (`account.renewal_date`), used by `date` and templates.
        case date
        /// A count / sum / average / rate over a window, for the entity's related records; used by `aggregate`
        /// and `change`. Its name has no scope prefix; `scopes` says where it applies.
        case measure
    }

    /// One catalogue entry.
    public struct Entry: Hashable, Sendable {
        public var name: String
        public var kind: Kind
        public var scopes: Set<RuleScope>
        /// Unit of numeric values (metrics and measures); nil for attributes and dates. Money entries use `nil`
        /// with `isMoney`.
        public var unit: FactUnit?
        public var isMoney: Bool
        /// For measures: whether the value adds up over time (counts, sums), so a longer baseline is scaled
        /// to the current window's length; averages and rates are not additive.
        public var additive: Bool
        /// For measures: kinds filter values accepted (activity or engagement kinds); empty = no filter.
        public var kindFilter: [String]
        public var summary: String

        init(
            _ name: String, _ kind: Kind, _ scopes: Set<RuleScope>, unit: FactUnit? = nil, money: Bool = false,
            additive: Bool = true, kinds: [String] = [], _ summary: String
        ) {
            self.name = name
            self.kind = kind
            self.scopes = scopes
            self.unit = unit
            self.isMoney = money
            self.additive = additive
            self.kindFilter = kinds
            self.summary = summary
        }
    }

    static let sellers: Set<RuleScope> = [.rep, .team, .tenant]
    static let pipelines: Set<RuleScope> = [.deal, .account, .rep, .team, .segment, .tenant]
    static let activityKinds = ActivityKind.allCases.map(\.rawValue)
    static let engagementKinds = EngagementKind.allCases.map(\.rawValue)

    /// All entries, in documentation order.
    public static let entries: [Entry] = [
        // Deal metrics
        Entry("deal.amount", .metric, [.deal], money: true, "Deal amount"),
        Entry(
            "deal.days_in_stage", .metric, [.deal], unit: .days, "Whole days since the deal entered its current stage"),
        Entry(
            "deal.smi", .metric, [.deal], unit: .score,
            "Stage Momentum Index of an open deal (docs/metrics.md); < 0.07 is stalled"),
        Entry("deal.dqs", .metric, [.deal], unit: .score, "Deal Quality Score 0–1 (docs/metrics.md); < 0.4 is low"),
        Entry(
            "deal.days_since_activity", .metric, [.deal], unit: .days,
            "Days since the deal's latest activity (since creation when it has none)"),
        Entry(
            "deal.days_to_expected_close", .metric, [.deal], unit: .days,
            "Days from now to the expected close date; negative once it has passed"),
        Entry(
            "deal.days_past_expected_close", .metric, [.deal], unit: .days,
            "Days the expected close date has passed; no value while it is ahead"),
        Entry("deal.age_days", .metric, [.deal], unit: .days, "Days since the deal was created"),
        Entry("deal.age_hours", .metric, [.deal], unit: .hours, "Hours since the deal was created"),
        Entry(
            "deal.stakeholders", .metric, [.deal], unit: .count,
            "Distinct contacts who took part in any of the deal's activities"),
        Entry(
            "deal.stage_win_rate", .metric, [.deal], unit: .fraction,
            "Win rate of closed deals that spent at least as long in this stage (no value below 5 such deals)"),
        Entry(
            "deal.stage_win_rate_days", .metric, [.deal], unit: .days,
            "The day threshold `deal.stage_win_rate` used (days in stage rounded down to 5, at least 1)"),
        Entry(
            "deal.stage_index", .metric, [.deal], unit: .count, "Position of the current stage in its pipeline, 0-based"
        ),
        Entry("deal.is_open", .metric, [.deal], unit: .count, "1 while the deal is open, 0 once won or lost"),
        Entry(
            "deal.partner_list_days_overdue", .metric, [.deal], unit: .days,
            "Days a partner list is past its due date without being sent; no value otherwise"),
        Entry(
            "deal.amount_percentile", .metric, [.deal], unit: .fraction,
            "Share of the tenant's deals with a smaller amount (0–1)"),
        Entry(
            "deal.win_probability", .metric, [.deal], unit: .fraction,
            "Calibrated win probability of an open deal from the trained win model (no value without one)"),
        // Deal attributes and dates
        Entry("deal.name", .attribute, [.deal], "Deal name (the id when unnamed)"),
        Entry("deal.stage", .attribute, [.deal], "Current stage key"),
        Entry("deal.stage_name", .attribute, [.deal], "Current stage display name"),
        Entry("deal.status", .attribute, [.deal], "open, won or lost"),
        Entry("deal.pipeline", .attribute, [.deal], "Pipeline id: b2b or bdr"),
        Entry("deal.lead_source", .attribute, [.deal], "Lead source"),
        Entry("deal.industry", .attribute, [.deal], "Industry (the account's when the deal has none)"),
        Entry("deal.segment", .attribute, [.deal], "Market segment"),
        Entry("deal.region", .attribute, [.deal], "Region"),
        Entry("deal.product", .attribute, [.deal], "Product"),
        Entry("deal.competitor", .attribute, [.deal], "Competitor named on the deal"),
        Entry("deal.owner_name", .attribute, [.deal], "Owner's name"),
        Entry("deal.account_name", .attribute, [.deal], "Account name"),
        Entry("deal.is_sublist", .attribute, [.deal], "yes for a partner sublist, no otherwise"),
        Entry("deal.expected_close", .date, [.deal], "Expected close date"),
        Entry("deal.created", .date, [.deal], "Creation date"),
        Entry("deal.call_date", .date, [.deal], "BDR discovery call date"),
        Entry("deal.partner_list_due", .date, [.deal], "Partner-list due date while the list is not yet sent"),
        // Account
        Entry("account.health", .metric, [.account], unit: .score, "Customer health 0–100 (docs/metrics.md)"),
        Entry("account.arr", .metric, [.account], money: true, "Annual recurring revenue"),
        Entry("account.seats", .metric, [.account], unit: .count, "Licensed seats"),
        Entry(
            "account.seat_utilisation", .metric, [.account], unit: .fraction,
            "Distinct active users in the last 30 days ÷ seats"),
        Entry("account.days_to_renewal", .metric, [.account], unit: .days, "Days until the renewal date"),
        Entry("account.open_tickets", .metric, [.account], unit: .count, "Support tickets not closed"),
        Entry(
            "account.days_since_activity", .metric, [.account], unit: .days,
            "Days since any activity with the account"),
        Entry(
            "account.days_since_inbound", .metric, [.account], unit: .days,
            "Days since the customer last wrote or met (email_in, meeting, call_conducted, demo)"),
        Entry("account.open_pipeline", .metric, [.account], money: true, "Sum of open deal amounts"),
        Entry("account.name", .attribute, [.account], "Account name"),
        Entry("account.plan", .attribute, [.account], "Plan or tier"),
        Entry("account.segment", .attribute, [.account], "Segment"),
        Entry("account.industry", .attribute, [.account], "Industry"),
        Entry("account.region", .attribute, [.account], "Region"),
        Entry("account.owner_name", .attribute, [.account], "Owner's name"),
        Entry("account.weakest_component", .attribute, [.account], "Lowest-scoring health component"),
        Entry("account.churned", .attribute, [.account], "yes once churned, no otherwise"),
        Entry("account.renewal_date", .date, [.account], "Renewal date"),
        Entry(
            "account.churn_probability", .metric, [.account], unit: .fraction,
            "Calibrated probability the account churns within the model's horizon (no value without a model)"),
        Entry(
            "account.churn_reasons", .attribute, [.account],
            "The churn model's top reasons for this account, in plain words (\"logins down 62% over 30 days; …\")"),
        Entry(
            "account.engagement_segment", .attribute, [.account],
            "Name of the account's engagement segment from k-means (\"high usage / low support\")"),
        // Rep
        Entry("rep.calls_this_week", .metric, [.rep], unit: .count, "Calls conducted in the current ISO week"),
        Entry("rep.upcoming_calls_next_week", .metric, [.rep], unit: .count, "Calls booked for next ISO week"),
        Entry(
            "rep.bdr_index_7d", .metric, [.rep], unit: .score,
            "BDR Performance Index over the last 7 days (calls ×1 + agreements ×3 + lists ×2 + sales ×5)"),
        Entry("rep.agreements_this_month", .metric, [.rep], unit: .count, "Agreements reached this month"),
        Entry(
            "rep.agreement_goal_pace", .metric, [.rep], unit: .fraction,
            "Agreements this month ÷ (monthly target × share of the month elapsed)"),
        Entry("rep.partner_lists_overdue", .metric, [.rep], unit: .count, "The rep's partner lists past due, unsent"),
        Entry("rep.open_pipeline", .metric, [.rep], money: true, "Sum of the rep's open deal amounts"),
        Entry("rep.name", .attribute, [.rep], "Name"),
        Entry("rep.role", .attribute, [.rep], "rep, bdr, csm, manager, executive or revops"),
        Entry("rep.team", .attribute, [.rep], "Team"),
        Entry("rep.manager_name", .attribute, [.rep], "Manager's name"),
        // Team and tenant roll-ups
        Entry("team.calls_this_week", .metric, [.team], unit: .count, "Calls conducted this week by the team"),
        Entry("team.upcoming_calls_next_week", .metric, [.team], unit: .count, "Calls booked for next week"),
        Entry("team.partner_lists_overdue", .metric, [.team], unit: .count, "Partner lists past due, unsent"),
        Entry("team.name", .attribute, [.team], "Team name"),
        Entry("segment.key", .attribute, [.segment], "Segment key, e.g. industry=EdTech"),
        Entry("tenant.calls_this_week", .metric, [.tenant], unit: .count, "Calls conducted this week"),
        Entry("tenant.upcoming_calls_next_week", .metric, [.tenant], unit: .count, "Calls booked for next week"),
        Entry("tenant.partner_lists_overdue", .metric, [.tenant], unit: .count, "Partner lists past due, unsent"),
        Entry("tenant.agreements_this_month", .metric, [.tenant], unit: .count, "Agreements reached this month"),
        Entry(
            "tenant.agreement_goal_pace", .metric, [.tenant], unit: .fraction,
            "Agreements this month ÷ (monthly target × share of the month elapsed)"),
        Entry("tenant.open_pipeline", .metric, [.tenant], money: true, "Sum of open deal amounts"),
        Entry("tenant.won_amount_quarter", .metric, [.tenant], money: true, "Won amount this quarter"),
        Entry(
            "tenant.quarter_target", .metric, [.tenant], money: true,
            "Bookings target for the quarter (KPI `bookings_per_quarter`, in whole currency units)"),
        Entry(
            "tenant.forecast_attainment", .metric, [.tenant], unit: .fraction,
            "(won this quarter + open pipeline closing this quarter × win rate 90d) ÷ quarter target"),
        Entry("tenant.name", .attribute, [.tenant], "Tenant name"),
        // Windowed measures
        Entry("activities", .measure, pipelines, unit: .count, kinds: activityKinds, "Activities (by occurredAt)"),
        Entry("calls", .measure, pipelines, unit: .count, "Calls conducted"),
        Entry(
            "calls_booked", .measure, pipelines, unit: .count,
            "Calls booked whose scheduled time falls in the window (use `next_week` for upcoming calls)"),
        Entry("emails_in", .measure, pipelines, unit: .count, "Inbound emails"),
        Entry("emails_out", .measure, pipelines, unit: .count, "Outbound emails"),
        Entry("meetings", .measure, pipelines, unit: .count, "Meetings and demos"),
        Entry(
            "engagement", .measure, [.account, .segment, .tenant], unit: .count, kinds: engagementKinds,
            "Engagement uses (sum of counts)"),
        Entry("logins", .measure, [.account, .segment, .tenant], unit: .count, "Portal logins"),
        Entry("feature_uses", .measure, [.account, .segment, .tenant], unit: .count, "Feature uses"),
        Entry("distinct_features", .measure, [.account], unit: .count, additive: false, "Distinct features used"),
        Entry(
            "active_users", .measure, [.account], unit: .count, additive: false,
            "Distinct contacts with engagement"),
        Entry("usage_errors", .measure, [.account, .segment, .tenant], unit: .count, "Errors in usage rows"),
        Entry(
            "error_rate", .measure, [.account, .segment, .tenant], unit: .fraction, additive: false,
            "Usage errors ÷ uses"),
        Entry("tickets_opened", .measure, [.account, .segment, .tenant], unit: .count, "Support tickets opened"),
        Entry(
            "ticket_first_response_minutes", .measure, [.account, .segment, .tenant], unit: .minutes,
            additive: false, "Average first-response time of tickets opened"),
        Entry(
            "positive_ratings", .measure, [.account, .segment, .tenant], unit: .count,
            "Tickets rated 5 of 5 (by opened time)"),
        Entry("deals_created", .measure, pipelines, unit: .count, "Deals created"),
        Entry("deals_won", .measure, pipelines, unit: .count, "Deals won (by close date)"),
        Entry("deals_lost", .measure, pipelines, unit: .count, "Deals lost"),
        Entry("deals_closed", .measure, pipelines, unit: .count, "Deals won or lost"),
        Entry("win_rate", .measure, pipelines, unit: .fraction, additive: false, "Won ÷ closed, by close date"),
        Entry("won_amount", .measure, pipelines, money: true, "Won amount"),
        Entry("lost_amount", .measure, pipelines, money: true, "Lost amount"),
        Entry("created_amount", .measure, pipelines, money: true, "Amount of deals created"),
        Entry(
            "avg_cycle_days", .measure, pipelines, unit: .days, additive: false,
            "Average sales cycle of deals won in the window"),
        Entry(
            "pvs", .measure, [.rep, .team, .segment, .tenant], unit: .score, additive: false,
            "Pipeline Velocity Score of deals closed in the window (docs/metrics.md)"),
        Entry(
            "ldvr", .measure, [.rep, .team, .segment, .tenant], unit: .ratio, additive: false,
            "Lost Deal Velocity Ratio of deals closed in the window"),
        Entry(
            "lead_response_hours", .measure, sellers.union([.segment]), unit: .hours, additive: false,
            "Average hours from deal creation to its first outbound activity, deals created in the window"),
        Entry("agreements", .measure, pipelines, unit: .count, "Agreements reached (agreementDate)"),
        Entry("lists_out", .measure, pipelines, unit: .count, "Partner lists sent"),
        Entry("sales", .measure, pipelines, unit: .count, "Partner-list first sales"),
    ]

    /// Entries by name.
    public static let byName: [String: Entry] = Dictionary(uniqueKeysWithValues: entries.map { ($0.name, $0) })

    /// The entry called `name`, if any.
    public static func entry(_ name: String) -> Entry? { byName[name] }

    /// Catalogue names of `kind` usable from `scope`, sorted.
    public static func names(_ kind: Kind, scope: RuleScope) -> [String] {
        entries.filter { $0.kind == kind && $0.scopes.contains(scope) }.map(\.name).sorted()
    }

    /// The nearest known names to a misspelt one (edit distance), best first, for "did you mean" hints.
    public static func suggestions(for name: String, kind: Kind? = nil, limit: Int = 3) -> [String] {
        let candidates = entries.filter { kind == nil || $0.kind == kind }.map(\.name)
        return
            candidates
            .map { ($0, EditDistance.between($0, name)) }
            .filter { $0.1 <= max(3, name.count / 3) }
            .sorted { ($0.1, $0.0) < ($1.1, $1.0) }
            .prefix(limit)
            .map(\.0)
    }
}

/// Levenshtein distance, for "did you mean" suggestions.
public enum EditDistance {
    /// Number of single-character edits turning `a` into `b`.
    public static func between(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
