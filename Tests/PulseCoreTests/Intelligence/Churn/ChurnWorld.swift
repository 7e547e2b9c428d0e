import Foundation

@testable import PulseCore

/// Hand-built churn data for the churn tests: dates are days relative to `now` (Monday 2025-06-02 00:00 UTC),
/// and a hand-set logistic churn model over `ChurnFeatures` (no training involved).
enum ChurnWorld {
    static let now = Date(timeIntervalSince1970: 1_748_822_400)

    static func day(_ days: Double) -> Date { now.addingTimeInterval(days * 86_400) }

    /// `perDay` events of `kind` on each day in `from..<to` (days before `now` are negative).
    static func events(
        _ account: String, _ kind: EngagementKind, from: Int, to: Int, perDay: Int, contact: String? = nil,
        feature: String? = nil
    ) -> [EngagementEvent] {
        (from..<to).flatMap { d in
            (0..<perDay).map { k in
                EngagementEvent(
                    id: EngagementEvent.ID("\(account)-\(kind.rawValue)-\(d)-\(k)"), account: Account.ID(account),
                    contact: contact.map { Contact.ID($0) }, kind: kind, occurredAt: day(Double(d) + 0.4),
                    feature: feature)
            }
        }
    }

    static func data(
        accounts: [Account], engagement: [EngagementEvent] = [], tickets: [SupportTicket] = [],
        subscriptions: [Subscription] = [], at: Date = now, models: ScoringModels = ScoringModels()
    ) -> EvaluationData {
        var data = EvaluationData(
            tenant: Tenant(id: Tenant.defaultID, name: "Churn Co"), accounts: accounts, contacts: [], reps: [],
            deals: [], activities: [], engagement: engagement, tickets: tickets, subscriptions: subscriptions,
            targets: [], now: at)
        data.models = models
        return data
    }

    /// A logistic churn model set by hand: falling logins and engagement and open tickets push toward churn.
    static var model: TrainedModel {
        let names = ChurnFeatures.names
        var coefficients = [Double](repeating: 0, count: names.count)
        var means = [Double](repeating: 0, count: names.count)
        var scales = [Double](repeating: 1, count: names.count)
        func set(_ name: String, _ weight: Double, mean: Double = 0, scale: Double = 1) {
            let i = names.firstIndex(of: name)!
            coefficients[i] = weight
            means[i] = mean
            scales[i] = scale
        }
        set("logins_change_30d", -2, scale: 0.5)
        set("engagement_change_30d", -1, scale: 0.5)
        set("open_tickets", 0.8)
        return TrainedModel(
            name: "churn", algorithm: .logisticRegression, features: ChurnFeatures.descriptors, trainedAt: now,
            trainingRows: 100,
            logistic: LogisticRegression(coefficients: coefficients, intercept: -1, means: means, scales: scales),
            threshold: 0.5)
    }
}
