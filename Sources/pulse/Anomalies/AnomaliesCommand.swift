import ArgumentParser
import Foundation
import PulseCore
import PulseEngine

/// `pulse anomalies --metric NAME --entity scope:id`: builds one metric series from the store and prints what
/// each anomaly detector finds in it, with scores, plus the series summary and any detector that could not judge it.
struct AnomaliesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "anomalies",
        abstract: "Run the anomaly detectors over one metric series and print the detections with their scores.",
        discussion: "Series: "
            + MetricSeriesCatalogue.all.map { "\($0.name) (\(Self.scopes($0)))" }
            .joined(separator: ", ") + ". Entities are written scope:id, e.g. account:A001, rep:R01, "
            + "team:East, tenant:default, segment:industry=Retail (segment keys are dimension=value joined by '|')."
    )

    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp("The series to check (see the list below).", valueName: "name"))
    var metric: String

    @Option(help: ArgumentHelp("The entity, scope:id (account:A001, segment:industry=Retail).", valueName: "ref"))
    var entity: String

    @Option(help: ArgumentHelp("Days of history, ending at --at.", valueName: "n"))
    var days = 90

    @Option(help: ArgumentHelp("low, medium or high.", valueName: "level"))
    var sensitivity = "medium"

    @Option(help: ArgumentHelp("drop, spike or both.", valueName: "way"))
    var direction = "both"

    @Option(help: ArgumentHelp("Recent window of a rate series tested against the rest, in days.", valueName: "n"))
    var window = 7

    @Option(help: ArgumentHelp("Fewest trials a rate test accepts in each period.", valueName: "n"))
    var minTrials = 10

    @Option(help: ArgumentHelp("The tenant to read.", valueName: "id"))
    var tenant: String = Tenant.defaultID.rawValue

    @Option(help: ArgumentHelp("Series end (YYYY-MM-DD or ISO-8601, UTC); default: now.", valueName: "time"))
    var at: String?

    @Flag(help: "Print the series, summary and detections as JSON.")
    var json = false

    func validate() throws {
        guard AnomalySensitivity(rawValue: sensitivity) != nil else {
            throw ValidationError("--sensitivity '\(sensitivity)' is not one of low, medium, high.")
        }
        guard AnomalyDirection(rawValue: direction) != nil else {
            throw ValidationError("--direction '\(direction)' is not one of drop, spike, both.")
        }
        guard EntityRef(parsing: entity) != nil else {
            let scopes = RuleScope.allCases.map(\.rawValue).joined(separator: ", ")
            throw ValidationError("--entity '\(entity)' is not scope:id; scopes are \(scopes) (e.g. account:A001).")
        }
        guard (1...1100).contains(days) else { throw ValidationError("--days must be 1 to 1100, got \(days).") }
        guard window >= 1, window < days else {
            throw ValidationError("--window must be at least 1 and shorter than --days (\(days)), got \(window).")
        }
        guard minTrials >= 1 else { throw ValidationError("--min-trials must be at least 1, got \(minTrials).") }
        if let at, ISODate.parse(at) == nil {
            throw ValidationError(
                "--at must be a date (YYYY-MM-DD) or an ISO-8601 date-time; \(ISODate.problem(with: at))")
        }
    }

    func run() async throws {
        let now = at.flatMap(ISODate.parse) ?? Date()
        let data = try await StoreSnapshot.load(from: store.openStore(), tenant: Tenant.ID(tenant), now: now)
        let series = try data.series(named: metric, for: EntityRef(parsing: entity)!, days: days, now: now)
        let bucketDays = Int(series.bucket.seconds / 86_400)
        let inspection = SeriesInspection(
            series, sensitivity: AnomalySensitivity(rawValue: sensitivity)!,
            direction: AnomalyDirection(rawValue: direction)!, windowPoints: max(1, window / bucketDays),
            minimumTrials: minTrials)
        if json {
            print(try AlertJSON.encode(AnomaliesReport(inspection, sensitivity: sensitivity, direction: direction)))
        } else {
            print(
                AnomaliesText.lines(inspection, sensitivity: sensitivity, direction: direction).joined(separator: "\n"))
        }
    }

    static func scopes(_ definition: MetricSeriesDefinition) -> String {
        RuleScope.allCases.filter(definition.scopes.contains).map(\.rawValue).joined(separator: "/")
    }
}
