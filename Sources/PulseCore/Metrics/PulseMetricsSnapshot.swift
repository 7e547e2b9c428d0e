import Foundation

/// Every Pulse metric at one `now`, with the defaults reports use: the entry point for summaries.
public struct PulseMetricsSnapshot: Sendable {
    public var now: Date
    /// Window of the closed-deal history terms (win rate, PVS, DQS, cycle, LDVR).
    public var window: TimeWindow
    public var winRate: WinRateReport
    public var cycle: SalesCycleReport
    public var velocity: PipelineVelocityReport
    public var momentum: StageMomentumReport
    public var quality: DealQualityReport
    /// Funnel of deals created in `window`.
    public var conversion: ConversionFunnel
    /// BDR index over the last `activityDays` days.
    public var bdrIndex: [BDRIndexRow]
    public var calls: CallsPerWeekReport
    /// Conducted calls by weekday × hour over the calls report's weeks.
    public var heatmap: ActivityHeatmap
    /// Revenue over the last `activityDays` days.
    public var revenue: RevenueReport
    public var kpis: [KpiValue]

    /// Computes everything. `window` defaults to all history before `now`; `bdrs` limits the calls table
    /// (nil: every rep); `targets` are the tenant's KPI targets (defaults when empty).
    public init(
        frame: MetricsFrame, now: Date, window: TimeWindow? = nil, targets: [KpiTarget] = KpiTarget.defaults(),
        bdrs: Set<Rep.ID>? = nil, callWeeks: Int = 4, activityDays: Int = 30,
        quality: DealQualityConfiguration = .standard
    ) {
        let history = window ?? .until(now)
        let recent = TimeWindow.lastDays(activityDays, before: now)
        self.now = now
        self.window = history
        winRate = frame.winRate(in: history)
        cycle = frame.salesCycle(in: history)
        velocity = frame.pipelineVelocity(in: history)
        momentum = frame.stageMomentum(now: now)
        self.quality = frame.dealQuality(in: history, configuration: quality)
        conversion = frame.conversion(in: history, now: now)
        bdrIndex = frame.bdrIndex(in: recent)
        calls = frame.callsPerWeek(now: now, weeks: callWeeks, targets: targets, bdrs: bdrs)
        heatmap = calls.heatmap
        revenue = frame.revenue(in: recent)
        kpis = KpiValue.standard(frame: frame, now: now, targets: targets, calls: calls)
    }

    /// A number that depends on every result (lets benchmarks keep the work observable).
    public var fingerprint: Int {
        winRate.overall.won &+ velocity.byRep.count &+ momentum.deals.count &+ quality.deals.count
            &+ conversion.cohort &+ bdrIndex.count &+ heatmap.total &+ revenue.calls &+ kpis.count
    }
}

/// One row of the KPI table: value, target and traffic light.
public struct KpiValue: Hashable, Sendable {
    /// `KpiTarget.metric` key.
    public var metric: String
    public var label: String
    public var value: Double
    public var target: Double
    /// True when lower is better (none of the standard KPIs yet).
    public var status: KpiStatus { KpiStatus(average: value, target: target) }

    /// The standard KPI table of crm-reporting-spec.md §7: calls per BDR per week, upcoming calls next week,
    /// agreements and lists out in the last 30 days, and win rate over the last 90 days.
    public static func standard(
        frame: MetricsFrame, now: Date, targets: [KpiTarget], calls: CallsPerWeekReport
    ) -> [KpiValue] {
        func target(_ metric: String) -> Double {
            let own = targets.first { $0.metric == metric && $0.rep == nil && $0.team == nil }
            return own?.target ?? KpiTarget.defaults().first { $0.metric == metric }?.target ?? 0
        }
        let t = TimeWindow.seconds(now)
        let nextWeek = TimeWindow(startSeconds: t, endSeconds: t + 7 * Days.seconds)
        let month = TimeWindow.lastDays(30, before: now)
        var upcoming = 0
        var agreements = 0
        var lists = 0
        for i in 0..<frame.dealCount {
            if nextWeek.contains(frame.dealCallAt[i]) { upcoming += 1 }
            if month.contains(frame.dealAgreementAt[i]) { agreements += 1 }
            if month.contains(frame.dealBDRListAt[i]) { lists += 1 }
        }
        let winRate = frame.winRate(in: .lastDays(90, before: now)).overall.rate ?? 0
        return [
            .init(
                metric: "calls_per_bdr_week", label: "Calls per BDR per week", value: calls.averagePerRep,
                target: calls.target),
            .init(
                metric: "upcoming_calls_next_week", label: "Calls booked for the next 7 days", value: Double(upcoming),
                target: target("upcoming_calls_next_week")),
            .init(
                metric: "agreements_per_month", label: "Agreements, last 30 days", value: Double(agreements),
                target: target("agreements_per_month")),
            .init(
                metric: "lists_out_per_month", label: "Lists out, last 30 days", value: Double(lists),
                target: target("lists_out_per_month")),
            .init(metric: "win_rate", label: "Win rate, last 90 days", value: winRate, target: target("win_rate")),
        ]
    }
}
