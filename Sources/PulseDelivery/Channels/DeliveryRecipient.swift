import Foundation
import PulseCore

/// The person a message goes to, with what each channel needs: a Pulse user when one is linked to the rep,
/// else the rep from the CRM data with the standard preferences.
public struct DeliveryRecipient: Hashable, Sendable {
    /// The rep id (alert rows) or user id (report rows) the outbox row names.
    public var id: String
    public var name: String
    public var email: String?
    /// The user's own Slack incoming webhook, used instead of the tenant's.
    public var slackWebhook: String?
    /// IANA time zone for quiet hours.
    public var timeZone: String
    public var preferences: DeliveryPreferences

    public init(
        id: String, name: String, email: String? = nil, slackWebhook: String? = nil, timeZone: String = "UTC",
        preferences: DeliveryPreferences = .standard
    ) {
        self.id = id
        self.name = name
        self.email = email
        self.slackWebhook = slackWebhook
        self.timeZone = timeZone
        self.preferences = preferences
    }

    /// A Pulse user, named by `id` (the rep id for alert rows, the user id for reports).
    public init(user: User, id: String? = nil) {
        self.init(
            id: id ?? user.id.rawValue, name: user.name, email: user.email,
            slackWebhook: user.preferences.slackWebhook, timeZone: user.timeZone, preferences: user.preferences)
    }

    /// A rep without a Pulse user: standard preferences, the rep's e-mail address and time zone.
    public init(rep: Rep) {
        self.init(id: rep.id.rawValue, name: rep.name, email: rep.email, timeZone: rep.timeZone)
    }

    /// The recipient's time zone, UTC when the name is unknown.
    public var zone: TimeZone { TimeZone(identifier: timeZone) ?? TimeZone(identifier: "UTC")! }
}
