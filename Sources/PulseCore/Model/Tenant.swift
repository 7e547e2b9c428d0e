import Foundation

/// A company running Pulse; every record belongs to exactly one tenant.
public struct Tenant: Identifiable, Hashable, Sendable, Codable {
    public typealias ID = Identifier<Tenant>
    public var id: ID
    public var name: String
    /// IANA time zone used for "this week" and "today" in reports, e.g. "America/New_York".
    public var timeZone: String

    public init(id: ID, name: String, timeZone: String = "UTC") {
        self.id = id
        self.name = name
        self.timeZone = timeZone
    }

    /// The tenant used when input does not name one.
    public static let defaultID: ID = "default"
}
