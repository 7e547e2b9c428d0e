import Foundation

/// A pipeline's ordered list of stages. Catalogues are data: Pulse ships two and users can load their own.
public struct StageCatalogue: Identifiable, Hashable, Sendable, Codable {
    public var id: String
    public var name: String
    public var stages: [StageDefinition]

    public init(id: String, name: String, stages: [StageDefinition]) {
        self.id = id
        self.name = name
        self.stages = stages
    }

    /// The stage with this key, if the catalogue has it.
    public func stage(_ key: String) -> StageDefinition? { stages.first { $0.key == key } }

    /// The stage whose key or display name matches `text`, ignoring case.
    public func resolve(_ text: String) -> StageDefinition? {
        let lowered = text.lowercased()
        return stages.first { $0.key.lowercased() == lowered || $0.name.lowercased() == lowered }
    }

    /// Keys of the stages that mark the given milestone.
    public func stages(marking milestone: Milestone) -> [String] {
        stages.filter { $0.milestone == milestone }.map(\.key)
    }
}

/// One stage of a catalogue.
public struct StageDefinition: Hashable, Sendable, Codable {
    /// Machine key used in data ("Qualified", "CALL_BOOKED").
    public var key: String
    /// Human name ("Call Booked").
    public var name: String
    public var category: StageCategory
    /// The funnel milestone reaching this stage counts as, if any (conversion rates and BDR index).
    public var milestone: Milestone?
    /// Default win probability while in this stage, 0–1 (forecasting).
    public var probability: Double

    public init(key: String, name: String, category: StageCategory, milestone: Milestone? = nil, probability: Double) {
        self.key = key
        self.name = name
        self.category = category
        self.milestone = milestone
        self.probability = probability
    }
}

/// Whether a stage is still open or ends the deal.
public enum StageCategory: String, Hashable, Sendable, Codable {
    case open, won, lost
}

/// Funnel milestones shared by all pipelines: call → proposal → agreement → list-out → first sale.
public enum Milestone: String, Hashable, Sendable, Codable, CaseIterable {
    case callBooked = "call_booked"
    case call
    case proposal
    case agreement
    case listOut = "list_out"
    case sale
}
