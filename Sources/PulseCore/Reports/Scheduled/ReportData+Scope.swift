import Foundation

extension ReportData {
    /// Meetings, demos and booked calls of the scope reps scheduled in `interval`, by time.
    public func meetings(in interval: DateInterval, reps: Set<Rep.ID>?, clock: LocalClock) -> [ReportMeetingLine] {
        let owners = Dictionary(deals.map { ($0.id, $0.owner) }, uniquingKeysWith: { a, _ in a })
        let names = Dictionary(deals.map { ($0.id, $0.name ?? $0.id.rawValue) }, uniquingKeysWith: { a, _ in a })
        let kinds: Set<ActivityKind> = [.meeting, .demo, .callBooked]
        return
            activities
            .compactMap { a -> (Date, ReportMeetingLine)? in
                let at = a.scheduledAt ?? a.occurredAt
                let rep = a.rep ?? a.deal.flatMap { owners[$0] ?? nil }
                guard kinds.contains(a.kind), at >= interval.start, at < interval.end,
                    ReportQuery(from: at, to: at, reps: reps).includes(rep: rep)
                else { return nil }
                let kind = a.kind == .callBooked ? "call" : a.kind.rawValue
                let subject = a.subject ?? a.deal.flatMap { names[$0] } ?? "(no subject)"
                return (at, ReportMeetingLine(time: clock.time(at), kind: kind, subject: subject, owner: name(of: rep)))
            }
            .sorted { ($0.0, $0.1.subject) < ($1.0, $1.1.subject) }
            .map(\.1)
    }

    /// Conducted calls of the scope reps in `interval`.
    public func calls(in interval: DateInterval, reps: Set<Rep.ID>?) -> Int {
        let query = ReportQuery(from: interval.start, to: interval.end, reps: reps)
        return activities(matching: query, deals: deals).count {
            $0.kind == .callConducted && $0.occurredAt >= interval.start && $0.occurredAt < interval.end
        }
    }

    /// Deals of the scope reps won in `interval` (close time, else entry into the current stage), with amounts.
    public func won(in interval: DateInterval, reps: Set<Rep.ID>?) -> (count: Int, cents: Int64) {
        var count = 0
        var cents: Int64 = 0
        for deal in deals(matching: ReportQuery(from: interval.start, to: interval.end, reps: reps))
        where deal.parent == nil {
            let stage = StageCatalogue.builtIn[deal.pipeline]?.stage(deal.stage)
            let isWon = deal.outcome == .won || (deal.outcome == nil && stage?.category == .won)
            guard isWon, let at = deal.closedAt ?? deal.stageEnteredAt, interval.contains(at), at < interval.end
            else { continue }
            count += 1
            cents += deal.amountCents ?? 0
        }
        return (count, cents)
    }

    /// Alerts (any state, not shadow) of the scope raised in `interval`.
    public func alertsRaised(in interval: DateInterval, reps: Set<Rep.ID>?) -> Int {
        alerts.count { a in
            guard !a.shadow, a.raisedAt >= interval.start, a.raisedAt < interval.end else { return false }
            guard let reps else { return true }
            return ([a.owner, a.assignee].compactMap { $0 } + a.recipients).contains(where: reps.contains)
        }
    }

    /// Activities and engagement uses (their `count`) of the scope that happened in `interval`: the events Pulse
    /// processed about that period.
    public func eventsProcessed(in interval: DateInterval, reps: Set<Rep.ID>?) -> Int {
        let query = ReportQuery(from: interval.start, to: interval.end, reps: reps)
        let acts = activities(matching: query, deals: deals).count {
            $0.occurredAt >= interval.start && $0.occurredAt < interval.end
        }
        let owned = Set(accounts.filter { query.includes(rep: $0.owner) }.map(\.id))
        let uses = engagement.reduce(0) { sum, e in
            e.occurredAt >= interval.start && e.occurredAt < interval.end && (reps == nil || owned.contains(e.account))
                ? sum + e.count : sum
        }
        return acts + uses
    }

    /// The consolidated urgent / high / medium alerts of the scope at `now`.
    public func openAlerts(reps: Set<Rep.ID>?, now: Date) -> ConsolidatedAlertsReport {
        ConsolidatedAlertsReport(data: self, query: ReportQuery(from: .distantPast, to: now, reps: reps))
    }
}
