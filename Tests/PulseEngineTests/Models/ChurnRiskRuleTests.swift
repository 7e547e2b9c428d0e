import Foundation
import Logging
import PulseCore
import PulseEngine
import PulseStore
import Testing

/// The built-in `churn-risk-high` rule end to end: a churn model saved in a real SQLite store, loaded by the
/// engine's snapshot, scoring an account whose logins fell, and the alert text carrying the model's reasons.
@Suite struct ChurnRiskRuleTests {
    static let now = ISODate.parse("2026-11-25T09:00:00Z")!
    static func day(_ n: Double) -> Date { now.addingTimeInterval(n * 86_400) }

    /// Two live accounts: `falling` logged in 4 times a day, then once a day for the last 30 days; `steady` twice a
    /// day throughout.
    static func batch() -> IngestBatch {
        var batch = IngestBatch()
        batch.reps = [Rep(id: "csm-1", name: "Chloe Kim", role: .csm)]
        batch.accounts = [
            Account(
                id: "falling", name: "Falling Co", arrCents: 6_000_000, seats: 10, owner: "csm-1", createdAt: day(-400)),
            Account(
                id: "steady", name: "Steady Co", arrCents: 6_000_000, seats: 10, owner: "csm-1", createdAt: day(-400)),
        ]
        for d in -60..<0 {
            let falling = d < -30 ? 4 : 1
            for k in 0..<falling {
                batch.engagement.append(
                    EngagementEvent(
                        id: EngagementEvent.ID("f\(d)-\(k)"), account: "falling", contact: "c1", kind: .portalLogin,
                        occurredAt: day(Double(d) + 0.3)))
            }
            for k in 0..<2 {
                batch.engagement.append(
                    EngagementEvent(
                        id: EngagementEvent.ID("s\(d)-\(k)"), account: "steady", contact: "c2", kind: .portalLogin,
                        occurredAt: day(Double(d) + 0.3)))
            }
        }
        return batch
    }

    /// Hand-set logistic weights: falling logins and engagement push toward churn.
    static var model: TrainedModel {
        let names = ChurnFeatures.names
        var coefficients = [Double](repeating: 0, count: names.count)
        coefficients[names.firstIndex(of: "logins_change_30d")!] = -2
        coefficients[names.firstIndex(of: "engagement_change_30d")!] = -1
        return TrainedModel(
            name: "churn", algorithm: .logisticRegression, features: ChurnFeatures.descriptors, trainedAt: now,
            trainingRows: 100,
            logistic: LogisticRegression(
                coefficients: coefficients, intercept: -1, means: names.map { _ in 0 }, scales: names.map { _ in 0.5 }),
            threshold: 0.5)
    }

    static func withStore(_ body: (SQLiteStore, String) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pulse-models-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("pulse.sqlite").path
        let store = try SQLiteStore(path: path)
        _ = try await store.apply(batch())
        try await body(store, path)
    }

    @Test func theBuiltInRuleRaisesAnAlertWithTheModelsReasonsForTheDecliningAccountOnly() async throws {
        try await Self.withStore { store, _ in
            try await store.saveModel(Self.model, tenant: Tenant.defaultID)
            let engine = AlertEngine(store: store, rules: RuleLoader.load(directory: nil).rules)
            try await engine.evaluate(at: Self.now)
            let alerts = try await store.activeAlerts(tenant: Tenant.defaultID).filter { $0.rule == "churn-risk-high" }
            #expect(alerts.map(\.entity) == [EntityRef(.account, "falling")])
            let alert = try #require(alerts.first)
            #expect(alert.content.title.hasPrefix("CHURN RISK: Falling Co is 9"))
            #expect(
                alert.content.facts.contains("Why: logins down 75% over 30 days; engagement down 75% over 30 days"))
            #expect(alert.content.impact == "$60K ARR at risk")
        }
    }

    @Test func withoutAModelTheRuleStaysQuiet() async throws {
        try await Self.withStore { store, _ in
            let engine = AlertEngine(store: store, rules: RuleLoader.load(directory: nil).rules)
            try await engine.evaluate(at: Self.now)
            let alerts = try await store.activeAlerts(tenant: Tenant.defaultID)
            #expect(!alerts.contains { $0.rule == "churn-risk-high" })
        }
    }

    @Test func aStoredModelWithOtherFeaturesIsRefusedOnLoadAndScoresNothing() async throws {
        try await Self.withStore { store, _ in
            var stale = Self.model
            stale.features[0] = FeatureDescriptor("logins_change_14d", .change(noun: "logins", window: "14 days"))
            try await store.saveModel(stale, tenant: Tenant.defaultID)
            let data = try await StoreSnapshot.load(from: store, tenant: Tenant.defaultID, now: Self.now)
            #expect(data.models.churn == nil)
            // The previous (good) version does not come back either: the latest is the one in use.
            try await store.saveModel(Self.model, tenant: Tenant.defaultID)
            let fixed = try await StoreSnapshot.load(from: store, tenant: Tenant.defaultID, now: Self.now)
            #expect(fixed.models.churn == Self.model)
        }
    }
}

extension ChurnRiskRuleTests {
    /// The pack fixture's account logging in `before` times a day in the 30 days before the last 30 and `after`
    /// times a day since, scored by `model`: a fall of 25 % or more gives a churn probability of at least 60 %.
    static func logins(before: Int, after: Int) -> PackFixture {
        var f = PackFixture()
        f.account("acc-1", name: "Acme Corp", seats: 10)
        for d in 0..<30 {
            f.engagement(kind: .portalLogin, daysAgo: Double(d) + 0.5, count: after, contact: "c1")
            f.engagement(kind: .portalLogin, daysAgo: Double(d) + 30.5, count: before, contact: "c1")
        }
        f.models = ScoringModels(churn: model)
        return f
    }

    @Test func thePackScenarioSitsOnEitherSideOfTheSixtyPercentLine() throws {
        let fires = Self.logins(before: 4, after: 3)
        let miss = Self.logins(before: 5, after: 4)
        let p = { (f: PackFixture) -> Double? in
            let data = f.data
            let row = ChurnFeatures.row(data.accounts[0], in: data, at: PackFixture.now)
            return f.models.churn?.probability(row)
        }
        #expect(try #require(p(fires)) >= 0.6)
        #expect(try #require(p(miss)) < 0.6)
        let match = try #require(fires.match("churn-risk-high", PackFixture.account1))
        let text = PackFixture.filled("churn-risk-high", match)
        #expect(text.facts.contains("Why: logins down 25% over 30 days; engagement down 25% over 30 days"))
    }
}
