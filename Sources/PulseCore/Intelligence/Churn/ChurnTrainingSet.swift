import Foundation

/// Churn examples from a tenant's history: at cutoffs every `stepDays` days, one row per account that existed and
/// had not churned, labelled by whether it churned within `horizonDays` after the cutoff. Keeps each row's cutoff
/// and the account's churn date so evaluation can split by time and measure lead time.
public struct ChurnTrainingSet: Sendable {
    /// Rows (ids are account ids; one account appears once per cutoff).
    public var data: LabeledDataset
    /// The cutoff each row was taken at.
    public var cutoffs: [Date]
    /// The account's churn date per row (nil when it has not churned in the data).
    public var churnDates: [Date?]
    /// Days after a cutoff within which a churn counts as a positive label.
    public var horizonDays: Int

    /// Builds the set from `data` and the tenant's churn events. The last cutoff is `horizonDays` before the
    /// latest record (so every label window is complete); the first has at least half a step of history after the
    /// earliest engagement or ticket (or other record) before it. An account's churn date is its earliest churn event; churned accounts without
    /// an event are left out (their date is unknown). Throws when no cutoff fits in the history.
    public static func build(
        _ data: EvaluationData, churnEvents: [ChurnEvent], horizonDays: Int = 30, stepDays: Int = 30
    ) throws -> ChurnTrainingSet {
        guard horizonDays > 0, stepDays > 0 else {
            throw TrainingError(
                .badParameter, "horizon (\(horizonDays)) and step (\(stepDays)) must be at least 1 day")
        }
        var churnDate: [Account.ID: Date] = [:]
        for event in churnEvents where churnDate[event.account].map({ event.churnedAt < $0 }) ?? true {
            churnDate[event.account] = event.churnedAt
        }
        guard let span = historySpan(data, churnDates: Array(churnDate.values)) else {
            throw TrainingError(.empty, "the store has no dated records to build churn examples from")
        }
        let day = TimeInterval(Days.seconds)
        var cutoffs: [Date] = []
        var cutoff = span.end.addingTimeInterval(-Double(horizonDays) * day)
        let first = span.start.addingTimeInterval(Double(stepDays) / 2 * day)
        while cutoff >= first {
            cutoffs.append(cutoff)
            cutoff = cutoff.addingTimeInterval(-Double(stepDays) * day)
        }
        guard !cutoffs.isEmpty else {
            throw TrainingError(
                .empty,
                "the history (\(ISO8601DateFormatter().string(from: span.start)) to "
                    + "\(ISO8601DateFormatter().string(from: span.end))) is shorter than \(stepDays / 2) + \(horizonDays) "
                    + "days: no cutoff has both history before it and a complete \(horizonDays)-day outcome window")
        }
        cutoffs.reverse()
        let subscriptionsByAccount = Dictionary(
            uniqueKeysWithValues: data.accounts.map { ($0.id, data.subscriptions(of: $0.id)) })
        let horizon = Double(horizonDays) * day
        var rows: [[Double]] = []
        var labels: [Bool] = []
        var ids: [String] = []
        var rowCutoffs: [Date] = []
        var rowChurn: [Date?] = []
        let accounts = data.accounts.sorted { $0.id < $1.id }
        for cutoff in cutoffs {
            for account in accounts {
                let churned = churnDate[account.id]
                if churned == nil, account.churned { continue }
                if let churned, churned <= cutoff { continue }
                let subscriptions = subscriptionsByAccount[account.id] ?? []
                let born = account.createdAt ?? subscriptions.map(\.startDate).min()
                guard let born, born < cutoff else { continue }
                rows.append(ChurnFeatures.row(account, in: data, at: cutoff, subscriptions: subscriptions))
                labels.append(churned.map { $0.timeIntervalSince(cutoff) <= horizon } ?? false)
                ids.append(account.id.rawValue)
                rowCutoffs.append(cutoff)
                rowChurn.append(churned)
            }
        }
        let set = try LabeledDataset(features: ChurnFeatures.descriptors, rows: rows, labels: labels, ids: ids)
        return ChurnTrainingSet(data: set, cutoffs: rowCutoffs, churnDates: rowChurn, horizonDays: horizonDays)
    }

    /// Earliest engagement or ticket (else any dated record) to the latest dated record of any kind.
    static func historySpan(_ data: EvaluationData, churnDates: [Date]) -> (start: Date, end: Date)? {
        let activity = data.engagement.map(\.occurredAt) + data.tickets.map(\.openedAt)
        let other =
            data.subscriptions.map(\.startDate) + data.accounts.compactMap(\.createdAt) + churnDates
            + data.tickets.compactMap(\.closedAt)
        guard let end = (activity + other).max(), let start = activity.min() ?? other.min() else { return nil }
        return (start, end)
    }

    /// Row indices split by time: rows at the earliest `trainFraction` of the distinct cutoffs train, the rest
    /// evaluate (at least one cutoff on each side when there are two or more).
    public func timeSplit(trainFraction: Double = 0.7) -> (train: [Int], test: [Int]) {
        let distinct = Array(Set(cutoffs)).sorted()
        guard distinct.count >= 2 else { return (Array(cutoffs.indices), []) }
        let n = min(distinct.count - 1, max(1, Int((Double(distinct.count) * trainFraction).rounded())))
        let boundary = distinct[n]
        let train = cutoffs.indices.filter { cutoffs[$0] < boundary }
        let test = cutoffs.indices.filter { cutoffs[$0] >= boundary }
        return (train, test)
    }

    /// Median days from the first cutoff an account scored at or above `threshold` to its churn, over the
    /// accounts among `rows` that churned within the horizon of one of those rows and were flagged before
    /// churning; nil when none was.
    public func medianLeadDays(rows: [Int], probabilities: [Double], threshold: Double) -> Double? {
        var firstFlag: [String: Date] = [:]
        var churnedAccounts: [String: Date] = [:]
        for (k, r) in rows.enumerated() {
            let id = data.ids[r]
            if data.labels[r], let date = churnDates[r] { churnedAccounts[id] = date }
            if probabilities[k] >= threshold, firstFlag[id].map({ cutoffs[r] < $0 }) ?? true {
                firstFlag[id] = cutoffs[r]
            }
        }
        var leads: [Double] = []
        for (id, churned) in churnedAccounts {
            guard let flagged = firstFlag[id], flagged < churned else { continue }
            leads.append(churned.timeIntervalSince(flagged) / TimeInterval(Days.seconds))
        }
        guard !leads.isEmpty else { return nil }
        leads.sort()
        let mid = leads.count / 2
        let median = leads.count % 2 == 1 ? leads[mid] : (leads[mid - 1] + leads[mid]) / 2
        return (median * 10).rounded() / 10
    }
}
