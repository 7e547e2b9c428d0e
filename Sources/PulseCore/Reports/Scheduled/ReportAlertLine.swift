import Foundation

/// One alert as a line in a scheduled report: number, severity marker, title, entity, owner, first action.
public struct ReportAlertLine: Hashable, Sendable, Codable {
    public var number: Int64
    public var emoji: String
    public var severity: String
    public var title: String
    /// The entity's name, left out (nil) when the title already names it ("STALLED DEAL: Globex").
    public var entity: String?
    public var owner: String
    public var action: String?

    public init(_ item: ConsolidatedAlertsReport.Item) {
        number = item.number
        emoji = item.severity.emoji
        severity = item.priority
        title = item.title
        entity = Self.unlessIn(item.title, item.entity)
        owner = item.ownerName ?? "unassigned"
        action = item.action
    }

    public init(_ alert: Alert, data: ReportData) {
        number = alert.number
        emoji = alert.severity.emoji
        severity = alert.severity == .critical ? "urgent" : alert.severity.rawValue
        title = alert.content.title
        entity = Self.unlessIn(alert.content.title, alert.entityName)
        owner = data.name(of: alert.owner)
        action = alert.content.actions.first
    }

    private static func unlessIn(_ title: String, _ name: String) -> String? {
        name.isEmpty || title.contains(name) ? nil : name
    }
}

/// A meeting, demo or booked call on a day, with its local time.
public struct ReportMeetingLine: Hashable, Sendable, Codable {
    /// "09:30" in the reader's time zone.
    public var time: String
    public var kind: String
    public var subject: String
    public var owner: String
}

/// A labelled number with its change against the previous period ("Deals won", "3", "↑50%").
public struct ReportFigure: Hashable, Sendable, Codable {
    public var label: String
    public var value: String
    public var change: String?

    public init(label: String, value: String, change: String? = nil) {
        self.label = label
        self.value = value
        self.change = change
    }
}
