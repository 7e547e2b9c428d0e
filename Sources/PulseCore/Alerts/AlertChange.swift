import Foundation

/// One entry of a tenant's alert change feed: the alert was raised or changed. `sequence` orders the feed and is
/// what a live-stream client resumes from.
public struct AlertChange: Hashable, Sendable, Codable {
    public var sequence: Int64
    public var tenant: Tenant.ID
    public var alert: Alert.ID
    public var number: Int64
    public var state: AlertState
    public var at: Date

    public init(sequence: Int64, tenant: Tenant.ID, alert: Alert.ID, number: Int64, state: AlertState, at: Date) {
        self.sequence = sequence
        self.tenant = tenant
        self.alert = alert
        self.number = number
        self.state = state
        self.at = at
    }
}
