import Foundation
import PulseCore

/// What `pulse demo` prints, as plain values: filled from the metrics engine, rendered by `DemoSummaryRenderer`.
struct DemoSummary: Sendable, Equatable {
    /// Opening lines: parameters, what was generated and ingested, where the database is.
    var header: [String] = []
    var kpis: [KpiLine] = []
    var conversions: [ConversionLine] = []
    var pipeline = PipelineHealthLines()
    var lowestMomentum: [MomentumLine] = []
    var leaderboard: [LeaderboardLine] = []
    var lowestHealth: [HealthLine] = []
    /// The alerts the built-in rules raised on the demo data; nil when the demo ran without the alert engine.
    var alerts: AlertSection?

    /// The closing alerts section: one line per alert, critical first.
    struct AlertSection: Sendable, Equatable {
        /// "3 critical · 12 high · 20 medium · 4 low".
        var counts: String
        /// Distinct rules that raised them.
        var rules: Int
        var lines: [AlertLine]
    }

    /// One raised alert.
    struct AlertLine: Sendable, Equatable {
        var number: Int64
        var severity: String
        var emoji: String
        var rule: String
        var entity: String
        var title: String
    }

    /// Traffic light of a KPI against its target.
    enum Light: String, Sendable, Equatable {
        case green, amber, red

        /// The word used when colour is off.
        var word: String {
            switch self {
            case .green: "on track"
            case .amber: "at risk"
            case .red: "behind"
            }
        }
    }

    /// One row of the KPI table.
    struct KpiLine: Sendable, Equatable {
        var label: String
        var value: String
        var target: String
        var light: Light
    }

    /// One step of the conversion funnel ("Call → Proposal 43%").
    struct ConversionLine: Sendable, Equatable {
        var label: String
        var rate: String
        var counts: String
    }

    /// The pipeline-health section.
    struct PipelineHealthLines: Sendable, Equatable {
        /// Open items per stage, in catalogue order: (stage name, count).
        var openByStage: [(String, Int)] = []
        var scheduledCalls: Int = 0
        var outstandingProposals: Int = 0
        var overdueLists: Int = 0
        /// Extra facts: PVS, win rate, LDVR, DQS ("label", "value").
        var facts: [(String, String)] = []

        static func == (lhs: Self, rhs: Self) -> Bool {
            lhs.openByStage.map(\.0) == rhs.openByStage.map(\.0) && lhs.openByStage.map(\.1) == rhs.openByStage.map(\.1)
                && lhs.scheduledCalls == rhs.scheduledCalls && lhs.outstandingProposals == rhs.outstandingProposals
                && lhs.overdueLists == rhs.overdueLists && lhs.facts.map(\.0) == rhs.facts.map(\.0)
                && lhs.facts.map(\.1) == rhs.facts.map(\.1)
        }
    }

    /// A deal in the "lowest SMI" table.
    struct MomentumLine: Sendable, Equatable {
        var deal: String
        var owner: String
        var stage: String
        var daysInStage: Int
        var smi: Double
        var amount: String
    }

    /// A BDR in the leaderboard, with the parts of the BDR Performance Index.
    struct LeaderboardLine: Sendable, Equatable {
        var name: String
        var calls: Int
        var agreements: Int
        var lists: Int
        var sales: Int
        var index: Int
    }

    /// A customer in the "lowest health" table with its weakest component.
    struct HealthLine: Sendable, Equatable {
        var account: String
        var score: Int
        var weakest: String
        var explanation: String
        var arr: String
    }
}
