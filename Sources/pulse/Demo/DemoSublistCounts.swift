import PulseCore

/// Partner sublist items counted by stage (they are not kept in memory).
struct DemoSublistCounts {
    var total = 0
    /// Items per stage key.
    var byStage: [String: Int] = [:]

    mutating func add(_ deal: Deal) {
        total += 1
        byStage[deal.stage, default: 0] += 1
    }

    /// What a partner item in a stage means to a sales leader.
    static func label(_ stage: String) -> String {
        switch stage {
        case "LEAD": "list not sent"
        case "PARTNER_LIST_SENT": "emailed, no outcome yet"
        case "SOLD": "bought"
        case "LIST_OUT_NOT_SOLD": "did not buy"
        case "FREE_QA_OFFERED": "offered a free Q&A"
        default: StageCatalogue.bdr.stage(stage)?.name ?? stage
        }
    }
}
