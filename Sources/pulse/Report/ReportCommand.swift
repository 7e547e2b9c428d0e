import ArgumentParser
import Foundation
import PulseCore
import PulseDelivery
import PulseStore

/// `pulse report NAME`: prints any scheduled report (or sends it with `--send`); `pulse report list` names them.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Print or send a scheduled report (hourly digest, morning brief, …); `pulse report list` names them.",
        discussion: "Reports are built from the database as of --at (default now) for --user, in that user's time "
            + "zone and scope. --send writes the report to the outbox for Slack and email; `pulse outbox flush` or "
            + "the running server delivers it.")

    @Argument(help: ArgumentHelp("The report's name, or 'list' to list them.", valueName: "name"))
    var name: String

    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp("The tenant to report on.", valueName: "id"))
    var tenant: String = Tenant.defaultID.rawValue

    @Option(
        help: ArgumentHelp(
            "The user the report is for (their time zone and what they may see); default: the whole tenant in UTC.",
            valueName: "id"))
    var user: String?

    @Option(
        help: ArgumentHelp(
            "Build the report as of this time (YYYY-MM-DD or an ISO-8601 date-time, UTC); default: now.",
            valueName: "time"))
    var at: String?

    @Option(help: ArgumentHelp("Output format: text, slack or html.", valueName: "format"))
    var format: String = "text"

    @Flag(help: "Write the report to the outbox (Slack and email) instead of only printing it.")
    var send = false

    func validate() throws {
        if name != "list", ScheduledReportKind(name: name) == nil {
            throw ValidationError("Unknown report '\(name)'; use one of: \(ScheduledReportKind.names) (or 'list').")
        }
        if let at, ISODate.parse(at) == nil {
            throw ValidationError(
                "--at must be a date (YYYY-MM-DD) or an ISO-8601 date-time; \(ISODate.problem(with: at))")
        }
        if ReportFormatKind(rawValue: format) == nil {
            throw ValidationError("Unknown --format '\(format)'; use text, slack or html.")
        }
        if send, user == nil { throw ValidationError("--send needs --user: the report is sent to that user.") }
        if name == ScheduledReportKind.weeklyScorecard.rawValue, user == nil {
            throw ValidationError("weekly-scorecard is one rep's scorecard: name the user with --user.")
        }
    }

    func run() async throws {
        print(try await output())
    }

    /// What the command prints.
    func output() async throws -> String {
        guard let kind = ScheduledReportKind(name: name) else {
            return ScheduledReportKind.allCases.map {
                "\($0.rawValue.padding(toLength: 22, withPad: " ", startingAt: 0))\($0.summary)"
            }
            .joined(separator: "\n")
        }
        let sqlite = try store.openStore()
        let now = at.flatMap(ISODate.parse) ?? Date()
        let tenantID = Tenant.ID(tenant)
        let reader: User
        if let user {
            guard let found = try await sqlite.user(User.ID(user), tenant: tenantID) else {
                throw ValidationError("No user '\(user)' in tenant '\(tenant)'; `pulse users list` shows them.")
            }
            reader = found
        } else {
            reader = User(id: "cli", tenant: tenantID, name: "everyone", role: .executive, createdAt: now)
        }
        let data = try await ReportDataLoader(store: sqlite).load(
            tenant: tenantID, from: now.addingTimeInterval(-14 * 86_400), to: now)
        let report = ScheduledReport(kind, data: data, user: reader, now: now)
        let renderer = try ReportRenderer()
        let text = renderer.render(report, format: ReportFormatKind(rawValue: format) ?? .text)
        guard send else { return text }
        let period = "manual-\(UTCCalendar.iso8601(TimeWindow.seconds(now)))"
        let items = ReportOutbox.items(kind, message: renderer.message(report), user: reader, period: period, now: now)
        let written = try await sqlite.enqueue(items, handingOver: report.notificationIDs, tenant: tenantID)
        return text + "\n\nQueued \(written) outbox rows ("
            + ReportOutbox.channels(for: reader).map(\.rawValue).joined(separator: ", ")
            + ") for \(reader.name); `pulse outbox flush` delivers them."
    }
}
