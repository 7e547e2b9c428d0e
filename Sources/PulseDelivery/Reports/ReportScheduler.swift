import Foundation
import Logging
import PulseCore
import PulseStore
import ServiceLifecycle

/// The long-running side of scheduled reports: at every tick, for every enabled user of the tenant, builds the
/// reports `ReportSchedule` says are due, renders them and writes them to the outbox (which the dispatcher
/// delivers). Idempotent per period through the outbox ids. Tests drive it with a finite sequence of dates.
public struct ReportScheduler<Ticks: AsyncSequence & Sendable>: Service where Ticks.Element == Date {
    let store: any PulseStore & AlertStore & AccessStore & OutboxStore
    let tenant: Tenant.ID
    let renderer: ReportRenderer
    let schedule: ReportSchedule
    let ticks: Ticks
    let publicURL: String?
    let logger: Logger

    public init(
        store: any PulseStore & AlertStore & AccessStore & OutboxStore, tenant: Tenant.ID, renderer: ReportRenderer,
        schedule: ReportSchedule = ReportSchedule(), ticks: Ticks, publicURL: String? = nil,
        logger: Logger = Logger(label: "pulse.reports")
    ) {
        self.store = store
        self.tenant = tenant
        self.renderer = renderer
        self.schedule = schedule
        self.ticks = ticks
        self.publicURL = publicURL
        self.logger = logger
    }

    public func run() async throws {
        for try await now in ticks.cancelOnGracefulShutdown() {
            do {
                let written = try await runOnce(at: now)
                if written > 0 {
                    logger.info("scheduled reports enqueued", metadata: ["rows": "\(written)"])
                }
            } catch {
                // A failed tick (a locked database, say) must not stop the schedule; the next tick retries.
                logger.error("scheduled reports failed", metadata: ["error": "\(error)"])
            }
        }
    }

    /// Enqueues every report due at `now`; returns how many outbox rows were new.
    @discardableResult
    public func runOnce(at now: Date) async throws -> Int {
        let users = try await store.users(tenant: tenant)
        var due = users.map { ($0, schedule.due(for: $0, at: now)) }.filter { !$0.1.isEmpty }
        // crm-reporting-spec.md §7: "Alerts aggregated & POSTed to Slack webhook hourly" — besides each manager's
        // and executive's copy, the whole tenant's consolidated alerts go to the tenant's own Slack webhook.
        let team = Self.team(tenant: tenant, now: now)
        let teamReports = schedule.due(for: team, at: now).filter { $0.kind == .consolidatedAlerts }
        if !teamReports.isEmpty { due.append((team, teamReports)) }
        guard !due.isEmpty else { return 0 }
        let data = try await ReportDataLoader(store: store).load(
            tenant: tenant, from: now.addingTimeInterval(-14 * 86_400), to: now)
        var written = 0
        for (user, reports) in due {
            for report in reports {
                written += try await enqueue(report.kind, period: report.period, user: user, data: data, now: now)
            }
        }
        return written
    }

    /// The tenant's team channel as a reader: sees the whole tenant, reads UTC, has no email address, so its rows
    /// go to the tenant's Slack webhook only (recipient "team").
    static func team(tenant: Tenant.ID, now: Date) -> User {
        User(
            id: "team", tenant: tenant, name: "Team", role: .executive, timeZone: "UTC",
            preferences: DeliveryPreferences(critical: [.slack], high: [.slack], medium: [.slack], low: [.slack]),
            createdAt: now)
    }

    /// Builds, renders and enqueues one report; an empty hourly report writes nothing.
    func enqueue(_ kind: ScheduledReportKind, period: String, user: User, data: ReportData, now: Date) async throws
        -> Int
    {
        let report = ScheduledReport(kind, data: data, user: user, now: now)
        if kind.skipsWhenEmpty, report.isEmpty { return 0 }
        // The alert reports link to the same list in the API; the others have no page of their own yet.
        let link =
            kind == .hourlyDigest || kind == .consolidatedAlerts
            ? publicURL.map { "\($0.hasSuffix("/") ? String($0.dropLast()) : $0)/api/reporting/alerts" } : nil
        let items = ReportOutbox.items(
            kind, message: renderer.message(report, link: link), user: user, period: period, now: now)
        return try await store.enqueue(items, handingOver: report.notificationIDs, tenant: user.tenant)
    }
}
