import Foundation

/// The hourly digest for a manager (pulse-reports.md "Hourly Digest"): the notifications the throttle held for
/// the digest (status `digest`) and the team's open alerts by severity.
public struct HourlyDigest: Hashable, Sendable, Codable {
    public var recipient: String
    /// "2026-11-25 09:00" local.
    public var hour: String
    /// Digest-held notifications of the team, most severe first.
    public var held: [ReportAlertLine]
    /// The team's active urgent / high / medium alerts.
    public var open: [ReportAlertLine]
    public var urgentCount: Int
    public var highCount: Int
    public var mediumCount: Int
    /// Ids of the `digest` notifications included: the scheduler hands them over with the outbox rows.
    public var notificationIDs: [String]

    public var isEmpty: Bool { held.isEmpty && open.isEmpty }
    public var subject: String { "Pulse hourly digest — \(hour): \(held.count) held, \(open.count) open" }

    public init(data: ReportData, user: User, now: Date) {
        let clock = LocalClock(timeZone: user.timeZone)
        let team = ReportAudience.visibleReps(for: user, roster: data.reps)
        let byID = Dictionary(data.alerts.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let digest = data.notifications
            .filter { n in
                n.status == .digest && n.createdAt <= now && (team?.contains(n.recipient) ?? true)
                    && byID[n.alert] != nil
            }
            .sorted { ($0.severity.rank, $0.createdAt, $0.id) < ($1.severity.rank, $1.createdAt, $1.id) }
        var seen = Set<Alert.ID>()
        held = digest.compactMap { n in
            guard seen.insert(n.alert).inserted, let alert = byID[n.alert] else { return nil }
            return ReportAlertLine(alert, data: data)
        }
        notificationIDs = digest.map(\.id)
        let open = data.openAlerts(reps: team, now: now)
        self.open = open.all.map(ReportAlertLine.init)
        urgentCount = open.urgent.count
        highCount = open.high.count
        mediumCount = open.medium.count
        recipient = user.name
        hour = "\(clock.dayKey(now)) \(clock.time(now).prefix(2)):00"
    }
}
