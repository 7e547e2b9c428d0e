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

    /// BDR index rows with any activity, highest index first (ties by rep id): the leaderboard.
    public var bdrLeaderboard: [BDRIndexRow] {
        bdrIndex.filter { $0.index > 0 }.sorted { $0.index > $1.index || ($0.index == $1.index && $0.rep < $1.rep) }
    }

    /// A number that depends on every result (lets benchmarks keep the work observable).
    public var fingerprint: Int {
        winRate.overall.won &+ velocity.byRep.count &+ momentum.deals.count &+ quality.deals.count
            &+ conversion.cohort &+ bdrIndex.count &+ heatmap.total &+ revenue.calls &+ kpis.count
    }
}
