import Foundation

@testable import PulseCore

/// Small builders for metric tests: times are whole days (and hours) relative to a fixed `now`.
enum MetricsFactory {
    /// Monday 2025-06-30T00:00:00Z, the reference's `now`.
    static let now = time("2025-06-30T00:00:00Z")

    static func time(_ iso: String) -> Date {
        Date(timeIntervalSince1970: TimeInterval(PandasExport.parseTime(Array(iso.utf8)[...])!))
    }

    /// `now` plus a number of days and hours (negative = in the past).
    static func day(_ days: Double, hours: Double = 0) -> Date {
        now.addingTimeInterval(days * 86_400 + hours * 3600)
    }

    static func closed(
        _ id: String, won: Bool, rep: String = "rep_a", industry: String? = "SaaS", lead: String? = "Inbound",
        product: String? = "Core", dollars: Int64? = 1000, created: Date?, closed: Date
    ) -> Deal {
        let stage = won ? "Won" : "Lost"
        return Deal(
            id: Deal.ID(id), owner: Rep.ID(rep), stage: stage, stageHistory: [.init(stage: stage, enteredAt: closed)],
            amountCents: dollars.map { $0 * 100 }, leadSource: lead, product: product, industry: industry,
            createdAt: created, closedAt: closed, outcome: won ? .won : .lost)
    }

    static func open(
        _ id: String, entered: Date?, rep: String = "rep_a", stage: String = "Qualified", industry: String? = "SaaS",
        lead: String? = "Inbound", product: String? = "Core", dollars: Int64? = 1000, history: [StageChange] = []
    ) -> Deal {
        var changes = history
        if let entered { changes.append(.init(stage: stage, enteredAt: entered)) }
        return Deal(
            id: Deal.ID(id), owner: Rep.ID(rep), stage: stage, stageHistory: changes,
            amountCents: dollars.map { $0 * 100 },
            leadSource: lead, product: product, industry: industry, createdAt: day(-100))
    }

    static func activity(_ kind: ActivityKind = .callConducted, rep: String? = "rep_a", at: Date) -> ActivityFact {
        ActivityFact(deal: nil, rep: rep.map { Rep.ID($0) }, kind: kind, occurredAt: at)
    }

    static func frame(_ deals: [Deal], _ activities: [ActivityFact] = [], accounts: [Account] = []) -> MetricsFrame {
        MetricsFrame(deals: deals, activities: activities, accounts: accounts)
    }
}
