import Foundation

/// Conducted calls per rep per ISO week over the last complete weeks, against the weekly target.
public struct CallsPerWeekReport: Hashable, Sendable {
    /// Target metric key in `KpiTarget`.
    public static let targetMetric = "calls_per_bdr_week"
    /// Target used when the tenant sets none.
    public static let defaultTarget = 25.0

    /// How an average compares with its target (see `KpiStatus`).
    public typealias Status = KpiStatus

    /// One ISO week of the report.
    public struct Week: Hashable, Sendable {
        public var year: Int
        public var week: Int
        /// Monday 00:00 UTC.
        public var start: Date
        /// "2025-W14".
        public var label: String { "\(year)-W\(week < 10 ? "0" : "")\(week)" }
    }

    /// One rep: counts per week (aligned with `weeks`), weekly average, target and status.
    public struct RepRow: Hashable, Sendable {
        public var rep: Rep.ID
        public var perWeek: [Int]
        public var target: Double
        public var average: Double { perWeek.isEmpty ? 0 : Double(perWeek.reduce(0, +)) / Double(perWeek.count) }
        public var status: Status { Status(average: average, target: target) }
    }

    /// The weeks, oldest first; the window is [first Monday, Monday of `now`'s week).
    public var weeks: [Week]
    public var window: TimeWindow
    /// Reps of the roster (or only the given BDRs), sorted.
    public var reps: [RepRow]
    /// Team target per BDR per week.
    public var target: Double
    /// The same calls by weekday × UTC hour (all reps, also calls without a known rep).
    public var heatmap: ActivityHeatmap

    /// Mean calls per rep per week over the rows.
    public var averagePerRep: Double {
        reps.isEmpty ? 0 : reps.reduce(0.0) { $0 + $1.average } / Double(reps.count)
    }
    /// Status of the team average against the team target.
    public var status: Status { Status(average: averagePerRep, target: target) }

    /// The team target from `targets` (metric `calls_per_bdr_week`, no rep), else 25.
    public static func teamTarget(_ targets: [KpiTarget]) -> Double {
        targets.first { $0.metric == targetMetric && $0.rep == nil && $0.team == nil }?.target ?? defaultTarget
    }
}

extension MetricsFrame {
    /// Calls conducted per rep × ISO week in the `weeks` complete ISO weeks before the week holding `now`.
    /// A rep-specific `KpiTarget` overrides the team target for that rep; `bdrs` limits the rows.
    public func callsPerWeek(
        now: Date, weeks: Int = 12, targets: [KpiTarget] = KpiTarget.defaults(), bdrs: Set<Rep.ID>? = nil
    ) -> CallsPerWeekReport {
        let weekCount = max(0, weeks)
        let week0 = UTCCalendar.weekStart(TimeWindow.seconds(now))
        let weekSeconds = 7 * Days.seconds
        let window = TimeWindow(startSeconds: week0 - Int64(weekCount) * weekSeconds, endSeconds: week0)
        var counts = [Int](repeating: 0, count: reps.count * weekCount)
        var heat = [Int](repeating: 0, count: 7 * 24)
        if weekCount > 0 {
            let origin = window.start
            counts.withUnsafeMutableBufferPointer { c in
                heat.withUnsafeMutableBufferPointer { h in
                    scanActivities(kind: ActivityKind.callConducted.code, in: window) { r, t in
                        // origin is a Monday 00:00 and t ≥ origin, so plain unsigned division is exact
                        let d = UInt64(t - origin)
                        let week = Int(d / 604_800)
                        let inWeek = d - UInt64(week) * 604_800
                        h[Int(inWeek / 86_400) * 24 + Int((inWeek % 86_400) / 3600)] += 1
                        if r >= 0 { c[r * weekCount + week] += 1 }
                    }
                }
            }
        }
        let weekRows = (0..<weekCount).map { k -> CallsPerWeekReport.Week in
            let start = window.start + Int64(k) * weekSeconds
            let iso = UTCCalendar.isoWeek(start)
            return .init(year: Int(iso.year), week: Int(iso.week), start: Date(timeIntervalSince1970: Double(start)))
        }
        let team = CallsPerWeekReport.teamTarget(targets)
        var rows: [CallsPerWeekReport.RepRow] = []
        for r in reps.indices where bdrs?.contains(reps[r]) ?? true {
            let own = targets.first { $0.metric == CallsPerWeekReport.targetMetric && $0.rep == reps[r] }?.target
            rows.append(
                .init(
                    rep: reps[r], perWeek: Array(counts[(r * weekCount)..<((r + 1) * weekCount)]),
                    target: own ?? team))
        }
        return CallsPerWeekReport(
            weeks: weekRows, window: window, reps: rows, target: team, heatmap: ActivityHeatmap(cells: heat))
    }
}
