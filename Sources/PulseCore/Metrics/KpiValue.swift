import Foundation

/// One row of the KPI table: value, target and traffic light.
public struct KpiValue: Hashable, Sendable {
    /// `KpiTarget.metric` key.
    public var metric: String
    public var label: String
    public var value: Double
    public var target: Double
    /// Traffic light: on track at or above target, at risk from 80 %, else behind.
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
