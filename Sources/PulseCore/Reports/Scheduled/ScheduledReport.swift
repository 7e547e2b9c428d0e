import Foundation

/// A built scheduled report: one of the eight models, ready for the renderer's templates.
public enum ScheduledReport: Hashable, Sendable {
    case hourlyDigest(HourlyDigest)
    case morningBrief(MorningBrief)
    case eveningWrap(EveningWrap)
    case weekendSummary(WeekendSummary)
    case weeklyScorecard(WeeklyScorecard)
    case consolidatedAlerts(ConsolidatedAlerts)
    case dailyWin(DailyWin)
    case weeklySnapshot(WeeklySnapshot)

    /// Builds the report `kind` for `user` at `now` from `data`.
    public init(_ kind: ScheduledReportKind, data: ReportData, user: User, now: Date) {
        switch kind {
        case .hourlyDigest: self = .hourlyDigest(HourlyDigest(data: data, user: user, now: now))
        case .morningBrief: self = .morningBrief(MorningBrief(data: data, user: user, now: now))
        case .eveningWrap: self = .eveningWrap(EveningWrap(data: data, user: user, now: now))
        case .weekendSummary: self = .weekendSummary(WeekendSummary(data: data, user: user, now: now))
        case .weeklyScorecard: self = .weeklyScorecard(WeeklyScorecard(data: data, user: user, now: now))
        case .consolidatedAlerts: self = .consolidatedAlerts(ConsolidatedAlerts(data: data, user: user, now: now))
        case .dailyWin: self = .dailyWin(DailyWin(data: data, user: user, now: now))
        case .weeklySnapshot: self = .weeklySnapshot(WeeklySnapshot(data: data, user: user, now: now))
        }
    }

    public var kind: ScheduledReportKind {
        switch self {
        case .hourlyDigest: .hourlyDigest
        case .morningBrief: .morningBrief
        case .eveningWrap: .eveningWrap
        case .weekendSummary: .weekendSummary
        case .weeklyScorecard: .weeklyScorecard
        case .consolidatedAlerts: .consolidatedAlerts
        case .dailyWin: .dailyWin
        case .weeklySnapshot: .weeklySnapshot
        }
    }

    /// The model itself (what templates render).
    public var model: any Sendable {
        switch self {
        case .hourlyDigest(let m): m
        case .morningBrief(let m): m
        case .eveningWrap(let m): m
        case .weekendSummary(let m): m
        case .weeklyScorecard(let m): m
        case .consolidatedAlerts(let m): m
        case .dailyWin(let m): m
        case .weeklySnapshot(let m): m
        }
    }

    /// Email subject and Slack notification text.
    public var subject: String {
        switch self {
        case .hourlyDigest(let m): m.subject
        case .morningBrief(let m): m.subject
        case .eveningWrap(let m): m.subject
        case .weekendSummary(let m): m.subject
        case .weeklyScorecard(let m): m.subject
        case .consolidatedAlerts(let m): m.subject
        case .dailyWin(let m): m.subject
        case .weeklySnapshot(let m): m.subject
        }
    }

    /// True when an hourly report has nothing to say (it is then not sent).
    public var isEmpty: Bool {
        switch self {
        case .hourlyDigest(let m): m.isEmpty
        case .consolidatedAlerts(let m): m.isEmpty
        default: false
        }
    }

    /// Digest-held notifications this report delivers (hourly digest only).
    public var notificationIDs: [String] {
        if case .hourlyDigest(let m) = self { return m.notificationIDs }
        return []
    }
}
