import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import Synchronization

/// A small real SMTP server on 127.0.0.1 (system-chosen port) that speaks just enough ESMTP for the client —
/// EHLO/HELO, AUTH PLAIN and LOGIN, MAIL, RCPT, DATA (un-dot-stuffing), RSET, NOOP, QUIT — and records the
/// dialogue and every accepted message.
final class SMTPReceiver: Sendable {
    /// How the server behaves.
    struct Behaviour: Sendable {
        var offerStartTLS = false
        /// AUTH mechanisms advertised (none: no AUTH line).
        var mechanisms: [String] = ["PLAIN", "LOGIN"]
        /// Answer RCPT TO with this code instead of 250.
        var rejectRecipient: Int?
        /// Never send the greeting (for timeouts).
        var silent = false
        /// Upgrade the connection with this context on STARTTLS (refused with 454 without one).
        var tls: NIOSSLContext?
    }

    /// One accepted message.
    struct Message: Sendable {
        var from: String
        var to: [String]
        /// The DATA lines joined with CRLF, dots un-stuffed.
        var data: String
    }

    private struct State {
        var commands: [String] = []
        var messages: [Message] = []
        var credentials: [String] = []
    }

    let behaviour: Behaviour
    private let state = Mutex(State())

    private init(behaviour: Behaviour) { self.behaviour = behaviour }

    var commands: [String] { state.withLock { $0.commands } }
    var messages: [Message] { state.withLock { $0.messages } }
    /// "user:password" per successful AUTH.
    var credentials: [String] { state.withLock { $0.credentials } }

    fileprivate func recordCommand(_ line: String) { state.withLock { $0.commands.append(line) } }
    fileprivate func recordMessage(_ message: Message) { state.withLock { $0.messages.append(message) } }
    fileprivate func recordCredentials(_ text: String) { state.withLock { $0.credentials.append(text) } }

    /// Starts a server, runs `body` with it and closes it.
    static func with<T: Sendable>(
        _ behaviour: Behaviour = Behaviour(), _ body: (SMTPReceiver, Int) async throws -> T
    ) async throws -> T {
        let receiver = SMTPReceiver(behaviour: behaviour)
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandlers([
                        ByteToMessageHandler(TestLineDecoder()), SMTPServerHandler(receiver: receiver),
                    ])
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        let port = server.localAddress?.port ?? 0
        do {
            let result = try await body(receiver, port)
            try await server.close()
            return result
        } catch {
            try? await server.close()
            throw error
        }
    }
}

/// Splits bytes into lines without their CRLF.
struct TestLineDecoder: ByteToMessageDecoder {
    typealias InboundOut = String

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else { return .needMoreData }
        var bytes = buffer.readBytes(length: newline - buffer.readerIndex + 1) ?? []
        while bytes.last == UInt8(ascii: "\n") || bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
        let line = String(decoding: bytes, as: UTF8.self)
        context.fireChannelRead(wrapInboundOut(line))
        return .continue
    }
}

/// One SMTP connection's state machine.
private final class SMTPServerHandler: ChannelInboundHandler {
    typealias InboundIn = String
    let receiver: SMTPReceiver
    var mode = Mode.command
    var from = ""
    var recipients: [String] = []
    var data: [String] = []
    var loginUser = ""

    enum Mode { case command, data, loginUser, loginPassword }

    init(receiver: SMTPReceiver) { self.receiver = receiver }

    func channelActive(context: ChannelHandlerContext) {
        if !receiver.behaviour.silent { send(context, "220 test.local ESMTP ready") }
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data input: NIOAny) {
        let line = unwrapInboundIn(input)
        switch mode {
        case .data:
            if line == "." {
                receiver.recordMessage(.init(from: from, to: recipients, data: data.joined(separator: "\r\n")))
                data = []
                recipients = []
                mode = .command
                send(context, "250 2.0.0 queued")
            } else {
                data.append(line.hasPrefix(".") ? String(line.dropFirst()) : line)
            }
        case .loginUser:
            loginUser = decoded(line)
            mode = .loginPassword
            send(context, "334 UGFzc3dvcmQ6")
        case .loginPassword:
            receiver.recordCredentials("\(loginUser):\(decoded(line))")
            mode = .command
            send(context, "235 2.7.0 authenticated")
        case .command:
            receiver.recordCommand(line)
            command(context, line)
        }
    }

    private func command(_ context: ChannelHandlerContext, _ line: String) {
        let upper = line.uppercased()
        let behaviour = receiver.behaviour
        if upper.hasPrefix("EHLO") {
            var lines = ["test.local greets you"]
            if !behaviour.mechanisms.isEmpty { lines.append("AUTH " + behaviour.mechanisms.joined(separator: " ")) }
            if behaviour.offerStartTLS { lines.append("STARTTLS") }
            lines.append("8BITMIME")
            let text = lines.enumerated().map { "250\($0.offset == lines.count - 1 ? " " : "-")\($0.element)" }
            send(context, text.joined(separator: "\r\n"))
        } else if upper.hasPrefix("HELO") || upper == "NOOP" || upper == "RSET" {
            send(context, "250 ok")
        } else if upper.hasPrefix("AUTH PLAIN ") {
            let parts = decoded(String(line.dropFirst(11))).split(separator: "\0", omittingEmptySubsequences: false)
            receiver.recordCredentials(parts.count == 3 ? "\(parts[1]):\(parts[2])" : "?")
            send(context, "235 2.7.0 authenticated")
        } else if upper == "AUTH LOGIN" {
            mode = .loginUser
            send(context, "334 VXNlcm5hbWU6")
        } else if upper.hasPrefix("MAIL FROM:") {
            from = address(line)
            send(context, "250 2.1.0 sender ok")
        } else if upper.hasPrefix("RCPT TO:") {
            if let code = behaviour.rejectRecipient {
                send(context, "\(code) 5.1.1 mailbox unavailable")
            } else {
                recipients.append(address(line))
                send(context, "250 2.1.5 recipient ok")
            }
        } else if upper == "STARTTLS" {
            guard let tls = behaviour.tls else { return send(context, "454 4.7.0 TLS not available") }
            // The reply goes out in plain text; everything after it passes through TLS.
            send(context, "220 2.0.0 ready to start TLS")
            do {
                try context.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls), position: .first)
                receiver.recordCommand("<TLS established>")
            } catch {
                context.close(promise: nil)
            }
        } else if upper == "DATA" {
            mode = .data
            send(context, "354 end data with <CR><LF>.<CR><LF>")
        } else if upper == "QUIT" {
            let written = context.eventLoop.makePromise(of: Void.self)
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: "221 bye\r\n")), promise: written)
            written.futureResult.whenComplete { [channel = context.channel] _ in channel.close(promise: nil) }
        } else {
            send(context, "502 5.5.2 command not recognised")
        }
    }

    private func send(_ context: ChannelHandlerContext, _ text: String) {
        context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: text + "\r\n")), promise: nil)
    }

    private func address(_ line: String) -> String {
        guard let open = line.firstIndex(of: "<"), let close = line.lastIndex(of: ">") else { return "" }
        return String(line[line.index(after: open)..<close])
    }

    private func decoded(_ base64: String) -> String {
        Data(base64Encoded: base64).map { String(decoding: $0, as: UTF8.self) } ?? "?"
    }

    typealias OutboundOut = ByteBuffer
}
