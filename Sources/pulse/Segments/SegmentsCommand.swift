import ArgumentParser
import Foundation
import PulseCore
import PulseStore

/// `pulse segments`: segments the tenant's active accounts by engagement (k-means++, k by silhouette) and prints
/// every k tried, the chosen k and each segment's name, size and typical values.
struct SegmentsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "segments",
        abstract: "Segment the active accounts by engagement and describe each segment.",
        discussion: "Clusters the accounts that have not churned on engagement per seat, active users, features "
            + "used, usage trend, support tickets, days since the last engagement, ARR and tenure (k-means++, k "
            + "from 2 to 8 chosen by silhouette). The same segments are the rules' account.engagement_segment "
            + "and the engagement_segment segment dimension. Deterministic for a database, --at and --seed.")

    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp("The tenant to segment.", valueName: "id"))
    var tenant: String = Tenant.defaultID.rawValue

    @Option(
        help: ArgumentHelp(
            "Segment as of this time (YYYY-MM-DD or an ISO-8601 date-time, UTC); default: now.", valueName: "time"))
    var at: String?

    @Option(help: ArgumentHelp("Seed of the k-means++ restarts and the silhouette sample.", valueName: "n"))
    var seed: UInt64 = 42

    @Flag(help: "Print the segmentation as JSON.") var json = false

    func validate() throws {
        if let at, ISODate.parse(at) == nil {
            throw ValidationError(
                "--at must be a date (YYYY-MM-DD) or an ISO-8601 date-time; \(ISODate.problem(with: at))")
        }
    }

    func run() async throws {
        print(try await output())
    }

    /// What the command prints.
    func output() async throws -> String {
        let sqlite = try store.openStore()
        let now = at.flatMap(ISODate.parse) ?? Date()
        let tenantID = Tenant.ID(tenant)
        let accounts = try await sqlite.accounts(tenant: tenantID)
        let engagement = try await sqlite.engagement(
            tenant: tenantID, from: now.addingTimeInterval(-61 * 86_400), to: now)
        let tickets = try await sqlite.tickets(tenant: tenantID)
        let clock = ContinuousClock()
        let started = clock.now
        let segmentation = AccountSegmenter(seed: seed).segment(
            accounts: accounts, engagement: engagement, tickets: tickets, now: now)
        let elapsed = clock.now - started
        if json { return try SegmentsJSON(segmentation).encoded() }
        return SegmentsText.lines(segmentation, elapsed: elapsed).joined(separator: "\n")
    }
}
