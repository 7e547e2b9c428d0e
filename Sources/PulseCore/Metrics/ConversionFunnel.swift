import Foundation

/// Conversion through the funnel call → proposal → agreement → list-out → first sale for a cohort of deals.
///
/// A deal reached milestone X by `now` when it has a time for X or for any later milestone before `now`
/// (date fields `callDate`, `agreementDate`, `partnerListSentDate`, `firstSaleDate`, or an entry into a
/// stage marking it), or when its current stage or a stage in its history marks X or a later milestone.
public struct ConversionFunnel: Hashable, Sendable {
    /// The funnel's milestones in order.
    public static let steps: [Milestone] = [.call, .proposal, .agreement, .listOut, .sale]

    /// One step of the funnel.
    public struct Step: Hashable, Sendable {
        public var milestone: Milestone
        /// Cohort deals that reached this milestone.
        public var reached: Int
        /// reached ÷ reached of the previous step; nil for the first step or a zero denominator.
        public var rateFromPrevious: Double?
    }

    public var window: TimeWindow
    /// Deals in the cohort: created in the window (or, with no creation time, first milestone in it).
    public var cohort: Int
    public var steps: [Step]

    /// First sale ÷ call, nil when no cohort deal reached a call.
    public var overallRate: Double? {
        guard let first = steps.first, let last = steps.last, first.reached > 0 else { return nil }
        return Double(last.reached) / Double(first.reached)
    }
}

extension MetricsFrame {
    /// The funnel of the deals that entered the pipeline in `window`, with milestones counted up to `now`.
    public func conversion(in window: TimeWindow, now: Date) -> ConversionFunnel {
        let t = TimeWindow.seconds(now)
        var reached = [Int](repeating: 0, count: Milestone.allCases.count)
        var cohort = 0
        for i in 0..<dealCount {
            let call = dealCallAt[i]
            let proposal = dealProposalAt[i]
            let agreement = dealAgreementAt[i]
            let listOut = dealListOutAt[i]
            let sale = dealSaleAt[i]
            var entry = dealCreated[i]
            if entry == MetricsFrame.missing {
                for at in [call, proposal, agreement, listOut, sale] where at != MetricsFrame.missing {
                    entry = entry == MetricsFrame.missing ? at : min(entry, at)
                }
            }
            guard window.contains(entry) else { continue }
            cohort += 1
            var furthest = Int(dealStageRank[i])
            func seen(_ at: Int64) -> Bool { at != MetricsFrame.missing && at < t }
            if seen(sale) {
                furthest = max(furthest, Milestone.sale.rank)
            } else if seen(listOut) {
                furthest = max(furthest, Milestone.listOut.rank)
            } else if seen(agreement) {
                furthest = max(furthest, Milestone.agreement.rank)
            } else if seen(proposal) {
                furthest = max(furthest, Milestone.proposal.rank)
            } else if seen(call) {
                furthest = max(furthest, Milestone.call.rank)
            }
            if furthest >= 0 { for r in 0...furthest { reached[r] += 1 } }
        }
        var steps: [ConversionFunnel.Step] = []
        var previous: Int?
        for m in ConversionFunnel.steps {
            let n = reached[m.rank]
            let rate: Double? = previous.flatMap { $0 > 0 ? Double(n) / Double($0) : nil }
            steps.append(.init(milestone: m, reached: n, rateFromPrevious: rate))
            previous = n
        }
        return ConversionFunnel(window: window, cohort: cohort, steps: steps)
    }
}
