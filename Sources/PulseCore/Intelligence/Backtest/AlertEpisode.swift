import Foundation

/// One stretch of replayed days on which a rule's condition held for an entity: what would have been one alert.
/// The same rule and entity firing again after a day off is a new episode.
public struct AlertEpisode: Hashable, Sendable, Codable {
    public var rule: Rule.ID
    public var entity: EntityRef
    /// The entity's owner when the episode started (deal / account owner, the rep); nil for team, segment and
    /// tenant rules.
    public var owner: Rep.ID?
    /// Midnight UTC of the first replayed day the condition held.
    public var start: Date
    /// Midnight UTC of the last replayed day it held.
    public var last: Date
    /// True when it still held on the last replayed day.
    public var ongoing: Bool

    public init(rule: Rule.ID, entity: EntityRef, owner: Rep.ID?, start: Date, last: Date, ongoing: Bool) {
        self.rule = rule
        self.entity = entity
        self.owner = owner
        self.start = start
        self.last = last
        self.ongoing = ongoing
    }
}
