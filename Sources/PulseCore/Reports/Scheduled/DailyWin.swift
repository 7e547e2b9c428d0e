import Foundation

/// The daily win message (monthly-insights.md "Daily Win"), with Pulse's own numbers for yesterday: events
/// processed, alerts raised, deals won and their amount.
public struct DailyWin: Hashable, Sendable, Codable {
    public var recipient: String
    /// Yesterday, local "2026-11-24".
    public var date: String
    public var events: Int
    public var alerts: Int
    public var dealsWon: Int
    public var wonAmount: String
    /// The one-line message, as in the document's example.
    public var headline: String

    public var subject: String { "Pulse daily win — \(date)" }

    public init(data: ReportData, user: User, now: Date) {
        let clock = LocalClock(timeZone: user.timeZone)
        let scope = ReportAudience.visibleReps(for: user, roster: data.reps)
        let yesterday = clock.day(now, offset: -1)
        let won = data.won(in: yesterday, reps: scope)
        recipient = user.name
        date = clock.dayKey(yesterday.start)
        events = data.eventsProcessed(in: yesterday, reps: scope)
        alerts = data.alertsRaised(in: yesterday, reps: scope)
        dealsWon = won.count
        wonAmount = ReportFormat.money(won.cents)
        let deals = dealsWon == 1 ? "1 deal" : "\(dealsWon) deals"
        let alertWord = alerts == 1 ? "1 alert" : "\(alerts) alerts"
        headline =
            "✅ Good morning! Pulse processed \(events) events yesterday, raised \(alertWord) and saw \(deals) won"
            + (dealsWon > 0 ? " (\(wonAmount))." : ".")
    }
}
