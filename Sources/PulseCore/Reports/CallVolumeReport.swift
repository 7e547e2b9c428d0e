import Foundation

/// `call-volume`: conducted calls per day and per ISO week, per BDR and in total, with the weekday × hour heatmap
/// (crm-reporting-spec.md §3.1, §3.8).
public struct CallVolumeReport: TabularReport, Hashable, Codable {
    /// Calls in one day or week.
    public struct Bucket: Hashable, Sendable, Codable {
        /// "2026-11-25" or "2026-W48".
        public var period: String
        public var start: Date
        public var total: Int
        /// Rep id → calls (reps of the report only; zero counts included).
        public var byRep: [String: Int]
    }

    /// One BDR's calls over the range against the weekly target.
    public struct RepTotal: Hashable, Sendable, Codable {
        public var rep: String
        public var name: String
        public var calls: Int
        /// calls ÷ (days in range ÷ 7).
        public var perWeek: Double
        public var weeklyTarget: Double
    }

    public var from: Date
    public var to: Date
    /// Calls in the range (also those without a known rep).
    public var total: Int
    public var daily: [Bucket]
    public var weekly: [Bucket]
    public var reps: [RepTotal]
    /// 7 rows (Monday first) × 24 UTC hours.
    public var heatmap: [[Int]]

    /// Weekday names of the heatmap rows.
    public static let weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    /// Counts `call_conducted` activities in the query's range; a call's rep is its own, else its deal's owner.
    public init(data: ReportData, query: ReportQuery) {
        let window = query.window
        let kept = data.deals(matching: query)
        let owners = Dictionary(data.deals.map { ($0.id, $0.owner) }, uniquingKeysWith: { a, _ in a })
        let calls = data.activities(matching: query, deals: kept).filter {
            $0.kind == .callConducted && window.contains($0.occurredAt)
        }
        let repIDs = data.repIDs(matching: query)
        let firstDay = Days.floorDiv(window.start, Days.seconds)
        let lastDay = window.end > window.start ? Days.floorDiv(window.end - 1, Days.seconds) : firstDay - 1
        let dayCount = max(0, Int(lastDay - firstDay + 1))
        let firstWeek = UTCCalendar.weekStart(window.start)
        let weekCount =
            dayCount == 0 ? 0 : Int((UTCCalendar.weekStart(window.end - 1) - firstWeek) / (7 * Days.seconds)) + 1
        let zero = Dictionary(uniqueKeysWithValues: repIDs.map { ($0.rawValue, 0) })
        var daily = (0..<dayCount).map { k -> Bucket in
            let start = (firstDay + Int64(k)) * Days.seconds
            return Bucket(
                period: ReportFormat.day(start), start: Date(timeIntervalSince1970: Double(start)), total: 0,
                byRep: zero)
        }
        var weekly = (0..<weekCount).map { k -> Bucket in
            let start = firstWeek + Int64(k) * 7 * Days.seconds
            return Bucket(
                period: ReportFormat.isoWeek(start), start: Date(timeIntervalSince1970: Double(start)), total: 0,
                byRep: zero)
        }
        var heat = [[Int]](repeating: [Int](repeating: 0, count: 24), count: 7)
        var perRep: [String: Int] = zero
        for call in calls {
            let t = TimeWindow.seconds(call.occurredAt)
            let d = Int(Days.floorDiv(t, Days.seconds) - firstDay)
            let w = Int((UTCCalendar.weekStart(t) - firstWeek) / (7 * Days.seconds))
            daily[d].total += 1
            weekly[w].total += 1
            heat[UTCCalendar.weekday(t)][UTCCalendar.hour(t)] += 1
            if let rep = (call.rep ?? call.deal.flatMap { owners[$0] ?? nil })?.rawValue, zero[rep] != nil {
                daily[d].byRep[rep, default: 0] += 1
                weekly[w].byRep[rep, default: 0] += 1
                perRep[rep, default: 0] += 1
            }
        }
        let targets = data.targets.isEmpty ? KpiTarget.defaults() : data.targets
        let team = CallsPerWeekReport.teamTarget(targets)
        let weeks = Double(window.end - window.start) / Double(7 * Days.seconds)
        self.from = query.from
        self.to = query.to
        self.total = calls.count
        self.daily = daily
        self.weekly = weekly
        self.heatmap = heat
        self.reps = repIDs.map { id in
            let n = perRep[id.rawValue] ?? 0
            let own = targets.first { $0.metric == CallsPerWeekReport.targetMetric && $0.rep == id }?.target
            return RepTotal(
                rep: id.rawValue, name: data.name(of: id), calls: n, perWeek: weeks > 0 ? Double(n) / weeks : 0,
                weeklyTarget: own ?? team)
        }
    }

    /// Rows granularity (day, week, heatmap), period, rep ("ALL" for the total) and calls.
    public var table: ReportTable {
        var rows: [[String]] = []
        for (granularity, buckets) in [("day", daily), ("week", weekly)] {
            for bucket in buckets {
                rows.append([granularity, bucket.period, "ALL", "\(bucket.total)"])
                for rep in reps { rows.append([granularity, bucket.period, rep.rep, "\(bucket.byRep[rep.rep] ?? 0)"]) }
            }
        }
        for (day, hours) in heatmap.enumerated() {
            for (hour, n) in hours.enumerated() where n > 0 {
                rows.append(["heatmap", "\(Self.weekdays[day]) \(hour < 10 ? "0" : "")\(hour):00", "ALL", "\(n)"])
            }
        }
        return ReportTable(columns: ["granularity", "period", "rep", "calls"], rows: rows)
    }
}
