import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// One SMTP conversation over SwiftNIO: EHLO, STARTTLS when asked for and offered, AUTH PLAIN or LOGIN,
/// MAIL FROM, RCPT TO, DATA (dot-stuffed) and QUIT. Every reply is awaited with a timeout, and an unexpected
/// code becomes `DeliveryError.smtpReply` naming the command.
struct SMTPSession {
    let settings: EmailSettings
    let timeout: Double
    let tlsConfiguration: TLSConfiguration
    let heloName: String

    /// Sends one message (`data`, CRLF line endings, not yet dot-stuffed) from `sender` to `recipient`.
    func deliver(data: String, sender: String, recipient: String) async throws {
        let host = settings.host
        let (stream, continuation) = AsyncThrowingStream<SMTPReply, any Error>.makeStream()
        let readTimeout = TimeAmount.milliseconds(Int64(timeout * 1000))
        let channel: any Channel
        do {
            channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(readTimeout)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandlers([
                            IdleStateHandler(readTimeout: readTimeout),
                            ByteToMessageHandler(SMTPReplyDecoder()),
                            SMTPReplyHandler(replies: continuation, host: host, timeout: timeout),
                        ])
                    }
                }
                .connect(host: host, port: settings.port).get()
        } catch {
            throw DeliveryError.connection(host: "\(host):\(settings.port)", reason: "\(error)")
        }
        var conversation = SMTPConversation(channel: channel, replies: stream.makeAsyncIterator(), host: host)
        do {
            try await converse(&conversation, data: data, sender: sender, recipient: recipient)
            _ = try? await conversation.command("QUIT", expect: [221])
        } catch let error as DeliveryError {
            try? await channel.close()
            throw error
        } catch {
            try? await channel.close()
            throw DeliveryError.connection(host: host, reason: "\(error)")
        }
        try? await channel.close()
    }

    private func converse(
        _ conversation: inout SMTPConversation, data: String, sender: String, recipient: String
    ) async throws {
        try await conversation.expect([220], after: "connecting")
        var capabilities = try await conversation.hello(heloName)
        var encrypted = false
        if settings.startTLS && capabilities.contains("STARTTLS") {
            try await conversation.command("STARTTLS", expect: [220])
            let context = try NIOSSLContext(configuration: tlsConfiguration)
            let hostname = settings.host.isIPAddress ? nil : settings.host
            let channel = conversation.channel
            try await channel.eventLoop.submit {
                let handler = try NIOSSLClientHandler(context: context, serverHostname: hostname)
                try channel.pipeline.syncOperations.addHandler(handler, position: .first)
            }.get()
            capabilities = try await conversation.hello(heloName)
            encrypted = true
        }
        if let username = settings.username {
            guard !settings.startTLS || encrypted else {
                throw DeliveryError.notConfigured(
                    channel: .email,
                    reason: "\(settings.host) does not offer STARTTLS; refusing to send the password for \(username) "
                        + "unencrypted (set startTLS: false to allow it)")
            }
            try await authenticate(&conversation, username: username, capabilities: capabilities)
        }
        try await conversation.command("MAIL FROM:<\(sender)>", expect: [250])
        try await conversation.command("RCPT TO:<\(recipient)>", expect: [250, 251])
        try await conversation.command("DATA", expect: [354])
        try await conversation.write(Self.dotStuffed(data) + ".\r\n")
        try await conversation.expect([250], after: "the message body")
    }

    private func authenticate(
        _ conversation: inout SMTPConversation, username: String, capabilities: Set<String>
    ) async throws {
        let password = settings.password ?? ""
        let mechanisms = capabilities.filter { $0.hasPrefix("AUTH ") }.flatMap { $0.split(separator: " ").dropFirst() }
        if mechanisms.contains("PLAIN") {
            let token = Data("\0\(username)\0\(password)".utf8).base64EncodedString()
            try await conversation.command("AUTH PLAIN \(token)", expect: [235], shown: "AUTH PLAIN")
        } else if mechanisms.contains("LOGIN") {
            try await conversation.command("AUTH LOGIN", expect: [334])
            try await conversation.command(
                Data(username.utf8).base64EncodedString(), expect: [334], shown: "the AUTH LOGIN user name")
            try await conversation.command(
                Data(password.utf8).base64EncodedString(), expect: [235], shown: "the AUTH LOGIN password")
        } else {
            throw DeliveryError.notConfigured(
                channel: .email,
                reason: "a user name is set but \(settings.host) offers neither AUTH PLAIN nor AUTH LOGIN")
        }
    }

    /// The body with every line that starts with "." doubled (RFC 5321 4.5.2), ending in CRLF.
    static func dotStuffed(_ data: String) -> String {
        var lines = data.components(separatedBy: "\r\n")
        if lines.last == "" { lines.removeLast() }
        return lines.map { $0.hasPrefix(".") ? "." + $0 : $0 }.joined(separator: "\r\n") + "\r\n"
    }
}

extension String {
    /// Whether this is an IPv4 or IPv6 literal (no SNI for those).
    fileprivate var isIPAddress: Bool {
        contains(":") || (split(separator: ".").count == 4 && allSatisfy { $0.isNumber || $0 == "." })
    }
}
