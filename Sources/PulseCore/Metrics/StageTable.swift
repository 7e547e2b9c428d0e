import Foundation

/// Per-catalogue lookup of stage category and milestone rank, prepared once per frame build.
struct StageTable: Sendable {
    struct Info: Sendable {
        var category: UInt8
        var rank: Int8
    }
    var stages: [String: Info]
    var hasListOut: Bool

    static let empty = StageTable(stages: [:], hasListOut: false)

    init(stages: [String: Info], hasListOut: Bool) {
        self.stages = stages
        self.hasListOut = hasListOut
    }

    init(_ catalogue: StageCatalogue) {
        var stages: [String: Info] = [:]
        for stage in catalogue.stages {
            let category: UInt8 =
                switch stage.category {
                case .open: MetricsFrame.open
                case .won: MetricsFrame.won
                case .lost: MetricsFrame.lost
                }
            stages[stage.key] = Info(category: category, rank: Int8(stage.milestone?.rank ?? -1))
        }
        self.init(stages: stages, hasListOut: catalogue.stages.contains { $0.milestone == .listOut })
    }
}
