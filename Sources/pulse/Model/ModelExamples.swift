import Foundation
import PulseCore
import PulseEngine
import PulseStore

/// A model's examples read from a store: the labelled rows, the date each row is "as of" (churn cutoff or deal
/// close date, for time splits) and, for churn, the training set that measures lead time.
struct ModelExamples {
    var kind: ModelKind
    var data: LabeledDataset
    var dates: [Date]
    var churn: ChurnTrainingSet?

    /// Reads the tenant's records and builds the examples of `kind`.
    static func load(_ kind: ModelKind, store: SQLiteStore, tenant: Tenant.ID, horizonDays: Int, now: Date)
        async throws -> ModelExamples
    {
        let snapshot = try await StoreSnapshot.load(from: store, tenant: tenant, now: now)
        switch kind {
        case .churn:
            let events = try await store.churnEvents(tenant: tenant)
            let set = try ChurnTrainingSet.build(snapshot, churnEvents: events, horizonDays: horizonDays)
            return ModelExamples(kind: kind, data: set.data, dates: set.cutoffs, churn: set)
        case .win:
            let set = try WinFeatures.trainingSet(snapshot)
            return ModelExamples(kind: kind, data: set.data, dates: set.closedAt, churn: nil)
        }
    }

    /// Row indices split by time: rows dated in the earliest `trainFraction` of the distinct dates train, the
    /// rest evaluate.
    func timeSplit(trainFraction: Double = 0.7) -> (train: [Int], test: [Int]) {
        if let churn { return churn.timeSplit(trainFraction: trainFraction) }
        let order = dates.indices.sorted { (dates[$0], $0) < (dates[$1], $1) }
        guard order.count >= 2 else { return (order, []) }
        var n = min(order.count - 1, max(1, Int((Double(order.count) * trainFraction).rounded())))
        // Rows closed on the same date stay on one side.
        while n < order.count - 1, dates[order[n]] == dates[order[n - 1]] { n += 1 }
        return (Array(order[..<n]).sorted(), Array(order[n...]).sorted())
    }
}
