import Foundation

/// `alerts`: the active urgent (critical), high and medium alerts as one consolidated list of actions — what the
/// hourly Slack POST of crm-reporting-spec.md §7 sends.
public struct ConsolidatedAlertsReport: TabularReport, Hashable, Codable {
    /// One alert as an action line.
    public struct Item: Hashable, Sendable, Codable {
        public var number: Int64
        /// "urgent", "high" or "medium".
        public var priority: String
        public var severity: Severity
        public var title: String
        public var entity: String
        public var owner: String?
        public var ownerName: String?
        public var category: String
        public var state: AlertState
        /// The first recommended action.
        public var action: String?
        public var raisedAt: Date
    }

    public var from: Date
    public var to: Date
    public var urgent: [Item]
    public var high: [Item]
    public var medium: [Item]

    /// Every item, urgent first.
    public var all: [Item] { urgent + high + medium }
    public var total: Int { urgent.count + high.count + medium.count }

    /// Alerts that are active and notifying (not pending, shadow, silenced, inhibited or snoozed at `to`), raised
    /// before `to` and still firing at or after `from`; a rep filter keeps alerts owned by, assigned to or addressed
    /// to those reps; the category filter matches the alert's category. Low severity is left to the daily digest.
    public init(data: ReportData, query: ReportQuery) {
        let window = query.window
        let kept = data.alerts.filter { a in
            guard a.isActive, !a.shadow, a.suppression == nil, a.state != .pending, a.severity != .low else {
                return false
            }
            if a.state == .snoozed, (a.snoozedUntil ?? .distantFuture) > query.to { return false }
            guard a.raisedAt < window.endDate, a.lastFiringAt >= window.startDate else { return false }
            if let reps = query.reps {
                let involved = [a.owner, a.assignee].compactMap { $0 } + a.recipients
                guard involved.contains(where: reps.contains) else { return false }
            }
            return query.matches(category: a.category)
        }
        .sorted { ($0.severity.rank, $0.raisedAt, $0.number) < ($1.severity.rank, $1.raisedAt, $1.number) }
        func items(_ severity: Severity, _ priority: String) -> [Item] {
            kept.filter { $0.severity == severity }.map { a in
                Item(
                    number: a.number, priority: priority, severity: a.severity, title: a.content.title,
                    entity: a.entityName, owner: a.owner?.rawValue, ownerName: a.owner.map { data.name(of: $0) },
                    category: a.category, state: a.state, action: a.content.actions.first, raisedAt: a.raisedAt)
            }
        }
        from = query.from
        to = query.to
        urgent = items(.critical, "urgent")
        high = items(.high, "high")
        medium = items(.medium, "medium")
    }

    /// One row per alert: priority, number, title, entity, owner, category, state, action, raised at.
    public var table: ReportTable {
        ReportTable(
            columns: ["priority", "number", "title", "entity", "owner", "category", "state", "action", "raised_at"],
            rows: all.map {
                [
                    $0.priority, "\($0.number)", $0.title, $0.entity, $0.owner ?? "", $0.category, $0.state.rawValue,
                    $0.action ?? "", UTCCalendar.iso8601(TimeWindow.seconds($0.raisedAt)),
                ]
            })
    }
}
