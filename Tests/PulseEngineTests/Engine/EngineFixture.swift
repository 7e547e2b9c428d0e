import Foundation
import PulseCore
import PulseEngine
import PulseStore

/// A temporary SQLite store with a small org chart and deals, and two hand-built rules, for engine tests.
struct EngineFixture {
    let folder: URL
    let path: String
    static let now = ISODate.parse("2026-11-25T09:00:00Z")!

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("pulse-engine-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        path = folder.appendingPathComponent("pulse.sqlite").path
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }

    func openStore() throws -> SQLiteStore { try SQLiteStore(path: path) }

    /// A fresh fixture with `seedBatch()` stored and an engine over it with `rules()`; call `remove()` when done.
    static func seeded() async throws -> (fixture: EngineFixture, store: SQLiteStore, engine: AlertEngine) {
        let fixture = try EngineFixture()
        let store = try fixture.openStore()
        _ = try await store.apply(seedBatch())
        return (fixture, store, AlertEngine(store: store, rules: rules()))
    }

    static func day(_ n: Double) -> Date { now.addingTimeInterval(n * 86_400) }

    /// Three reps (owner → manager → executive), one account, a stalled deal and a healthy one.
    static func seedBatch() -> IngestBatch {
        var batch = IngestBatch()
        batch.reps = [
            Rep(id: "exec", name: "Erin Exec", role: .executive),
            Rep(id: "mgr", name: "Max Manager", role: .manager, manager: "exec"),
            Rep(id: "rep_12", name: "Sarah Johnson", role: .rep, manager: "mgr"),
        ]
        batch.accounts = [Account(id: "acme", name: "Acme Corp", owner: "rep_12")]
        batch.deals = [
            Deal(
                id: "D04523", name: "Acme Corp", account: "acme", owner: "rep_12", stage: "Qualified",
                stageHistory: [
                    StageChange(stage: "Prospecting", enteredAt: day(-40)),
                    StageChange(stage: "Qualified", enteredAt: day(-21)),
                ], amountCents: 4_500_000, createdAt: day(-40), expectedCloseDate: day(-5), updatedAt: day(-21)),
            Deal(
                id: "D1", name: "Busy Ltd", account: "acme", owner: "rep_12", stage: "Qualified",
                stageHistory: [StageChange(stage: "Qualified", enteredAt: day(-3))], amountCents: 1_000_000,
                createdAt: day(-3), updatedAt: day(-3)),
        ]
        batch.activities = [
            Activity(id: "a1", kind: .emailOut, deal: "D04523", rep: "rep_12", occurredAt: day(-20)),
            Activity(id: "a2", kind: .callConducted, deal: "D1", rep: "rep_12", occurredAt: day(-1)),
        ]
        return batch
    }

    /// "stalled": open deal with no activity for 14 days (high). "big-silent": amount ≥ $40K and silent 14 days
    /// (critical), which inhibits "stalled".
    static func rules(shadowStalled: Bool = false) -> [Rule] {
        let open = Condition.attribute(AttributeMatch(attribute: "deal.status", values: ["open"]))
        let silent = Condition.noActivity(NoActivity(days: 14))
        return [
            Rule(
                id: "stalled", title: "Stalled deal", scope: .deal, condition: .all([open, silent]), severity: .high,
                message: RuleMessage(
                    title: "STALLED: {{deal.name}}", facts: ["Silent for {{no_activity.days}} days"],
                    actions: ["Call the champion"]),
                shadow: shadowStalled, category: "risk"),
            Rule(
                id: "big-silent", title: "Big deal silent", scope: .deal,
                condition: .all([
                    open, silent,
                    .compare(MetricComparison(metric: "deal.amount", op: .greaterOrEqual, value: .number(40_000))),
                ]),
                severity: .critical, recipients: [.owner, .manager],
                message: RuleMessage(
                    title: "VELOCITY ALERT: Deal at Risk", actions: ["Schedule executive meeting within 48 hours"],
                    impact: "{{deal.amount}} potential revenue at risk", impactMetric: "deal.amount"),
                inhibits: ["stalled"], category: "risk"),
        ]
    }
}
