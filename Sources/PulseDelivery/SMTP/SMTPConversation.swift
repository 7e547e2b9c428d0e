import NIOCore

/// The channel and the stream of its replies during one session.
struct SMTPConversation {
    let channel: any Channel
    var replies: AsyncThrowingStream<SMTPReply, any Error>.AsyncIterator
    let host: String

    mutating func write(_ text: String) async throws {
        do {
            try await channel.writeAndFlush(ByteBuffer(string: text))
        } catch {
            // The pipeline's own failure (a refused TLS certificate, say) says more than "I/O on closed channel".
            do { _ = try await replies.next() } catch let failure as DeliveryError { throw failure } catch {}
            throw DeliveryError.connection(host: host, reason: "\(error)")
        }
    }

    /// Sends `line` and waits for a reply with one of `codes`; `shown` replaces the line in errors (secrets).
    @discardableResult
    mutating func command(_ line: String, expect codes: Set<Int>, shown: String? = nil) async throws -> SMTPReply {
        try await write(line + "\r\n")
        return try await expect(codes, after: shown ?? line)
    }

    @discardableResult
    mutating func expect(_ codes: Set<Int>, after command: String) async throws -> SMTPReply {
        guard let reply = try await replies.next() else {
            throw DeliveryError.connection(host: host, reason: "the server closed the connection after \(command)")
        }
        guard codes.contains(reply.code) else {
            throw DeliveryError.smtpReply(code: reply.code, text: reply.text, command: command, host: host)
        }
        return reply
    }

    /// EHLO (HELO when EHLO is refused); returns the advertised extensions, upper-cased ("STARTTLS",
    /// "AUTH PLAIN LOGIN").
    mutating func hello(_ name: String) async throws -> Set<String> {
        try await write("EHLO \(name)\r\n")
        guard let reply = try await replies.next() else {
            throw DeliveryError.connection(host: host, reason: "the server closed the connection after EHLO")
        }
        if reply.code == 250 { return Set(reply.lines.dropFirst().map { $0.uppercased() }) }
        try await command("HELO \(name)", expect: [250])
        return []
    }
}
