import Foundation
import PulseCore
import PulseStore
import Testing

@testable import pulse

/// The churn and win examples built from the real shared data sets (../shared/data), ingested with the built-in
/// mappings into a temporary SQLite file.
@Suite struct ModelDataSetTests {
    @Test func ravenStackGivesChurnExamplesAtMonthlyCutoffsAndATimeSplitEvaluation() async throws {
        let fixture = try IngestFixture()
        defer { fixture.cleanUp() }
        let store = try fixture.store()
        _ = try await IngestRunner(store: store).run(files: try IngestFixture.csvFiles(of: "ravenstack-saas-synthetic"))
        let now = ISODate.parse("2026-11-25")!
        let examples = try await ModelExamples.load(
            .churn, store: store, tenant: Tenant.defaultID, horizonDays: 30, now: now)
        let churn = try #require(examples.churn)
        #expect(Set(churn.cutoffs).count == 23)
        #expect(examples.data.count == 2_749)
        #expect(examples.data.positives == 302)
        // Every positive churns within 30 days after its cutoff; no row is taken after the account's churn.
        for i in examples.data.ids.indices {
            if let churned = churn.churnDates[i] { #expect(churned > churn.cutoffs[i]) }
            if examples.data.labels[i] {
                #expect(churn.churnDates[i]!.timeIntervalSince(churn.cutoffs[i]) <= 30 * 86_400)
            }
        }
        var options = ModelTrainingOptions()
        options.algorithm = .logisticRegression
        options.calibration = .platt
        let result = try ModelTimeSplitResult.evaluate(examples, options: options, now: now)
        #expect(result.trainUntil! < result.evaluateFrom!)
        #expect(result.evaluation.rows + result.trainRows == 2_749)
        // Weak but real signal in this synthetic set (docs/intelligence.md): better than chance on later months.
        #expect(result.evaluation.rocAUC > 0.55, "time-split AUC \(result.evaluation.rocAUC)")
        #expect(result.evaluation.medianLeadDays != nil)
    }

    @Test func mavenClosedDealsGiveWinExamplesAndNoChurnExamples() async throws {
        let fixture = try IngestFixture()
        defer { fixture.cleanUp() }
        let store = try fixture.store()
        _ = try await IngestRunner(store: store).run(
            files: try IngestFixture.csvFiles(of: "maven-crm-sales-opportunities"))
        let now = ISODate.parse("2026-11-25")!
        let win = try await ModelExamples.load(.win, store: store, tenant: Tenant.defaultID, horizonDays: 30, now: now)
        #expect(win.data.count == 13_183)
        #expect(win.data.positives == 8_913)
        let split = win.timeSplit()
        #expect(split.train.map { win.dates[$0] }.max()! < split.test.map { win.dates[$0] }.min()!)
        await #expect {
            try await ModelExamples.load(.churn, store: store, tenant: Tenant.defaultID, horizonDays: 30, now: now)
        } throws: { error in
            (error as? TrainingError)?.message == "the store has no dated records to build churn examples from"
        }
    }
}
