import Foundation

/// The hourly consolidated alerts message of crm-reporting-spec.md §7: every active urgent, high and medium
/// action of the reader's scope, grouped by priority.
public struct ConsolidatedAlerts: Hashable, Sendable, Codable {
    public var recipient: String
    public var hour: String
    public var urgent: [ReportAlertLine]
    public var high: [ReportAlertLine]
    public var medium: [ReportAlertLine]
    public var urgentCount: Int
    public var highCount: Int
    public var mediumCount: Int
    public var total: Int
    public var isEmpty: Bool { total == 0 }
    public var subject: String {
        "Pulse alerts — \(urgent.count) urgent, \(high.count) high, \(medium.count) medium"
    }

    public init(data: ReportData, user: User, now: Date) {
        let clock = LocalClock(timeZone: user.timeZone)
        let open = data.openAlerts(reps: ReportAudience.visibleReps(for: user, roster: data.reps), now: now)
        recipient = user.name
        hour = "\(clock.dayKey(now)) \(clock.time(now).prefix(2)):00"
        urgent = open.urgent.map(ReportAlertLine.init)
        high = open.high.map(ReportAlertLine.init)
        medium = open.medium.map(ReportAlertLine.init)
        urgentCount = urgent.count
        highCount = high.count
        mediumCount = medium.count
        total = open.total
    }
}
