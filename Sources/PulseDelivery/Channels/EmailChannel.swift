import Foundation
import NIOSSL
import PulseCore

/// Sends e-mail through the tenant's SMTP relay (plain text and HTML, STARTTLS when configured and offered,
/// AUTH when a user name is set), one connection per message.
public struct EmailChannel: DeliveryChannel {
    public let kind = DeliveryChannelKind.email
    let settings: EmailSettings?
    let timeout: Double
    let tlsConfiguration: TLSConfiguration
    let clock: @Sendable () -> Date

    /// `timeout` bounds the connection and each reply; `tlsConfiguration` is used after STARTTLS (system trust
    /// roots by default); `clock` stamps the Date header.
    public init(
        settings: EmailSettings?, timeout: Double = 30,
        tlsConfiguration: TLSConfiguration = .makeClientConfiguration(),
        clock: @escaping @Sendable () -> Date = Date.init
    ) {
        self.settings = settings
        self.timeout = timeout
        self.tlsConfiguration = tlsConfiguration
        self.clock = clock
    }

    public func send(_ message: DeliveryMessage, to recipient: DeliveryRecipient, item: OutboxItem) async throws {
        guard let settings else { throw DeliveryError.notConfigured(channel: .email, reason: "no SMTP relay") }
        guard let address = recipient.email, !address.isEmpty else {
            throw DeliveryError.notConfigured(channel: .email, reason: "\(recipient.id) has no e-mail address")
        }
        let to = recipient.name.isEmpty ? address : "\(recipient.name) <\(address)>"
        let mime = MIMEMessage(
            from: settings.from, to: to, subject: message.subject, text: message.text, html: message.html,
            date: clock(), key: item.id)
        let session = SMTPSession(
            settings: settings, timeout: timeout, tlsConfiguration: tlsConfiguration, heloName: "pulse.localdomain")
        try await session.deliver(
            data: mime.rendered(), sender: MIMEMessage.address(settings.from), recipient: address)
    }
}
