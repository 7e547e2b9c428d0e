import NIOCore

/// Splits the server's byte stream into replies: lines "250-…" continue a reply, "250 …" (or a bare code) ends it.
struct SMTPReplyDecoder: ByteToMessageDecoder {
    typealias InboundOut = SMTPReply
    /// Longest line accepted (RFC 5321 allows 512 octets for a reply line; leave room for extensions).
    static let maximumLine = 8192
    private var code: Int?
    private var lines: [String] = []

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else {
            if buffer.readableBytes > Self.maximumLine { throw SMTPProtocolError.lineTooLong }
            return .needMoreData
        }
        var bytes = buffer.readBytes(length: newline - buffer.readerIndex + 1) ?? []
        while bytes.last == UInt8(ascii: "\n") || bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
        let line = String(decoding: bytes, as: UTF8.self)
        guard bytes.count >= 3, let value = Int(String(line.prefix(3))),
            bytes.count == 3 || [32, 45].contains(bytes[3])
        else { throw SMTPProtocolError.malformedReply(line) }
        if let code, code != value { throw SMTPProtocolError.malformedReply(line) }
        code = value
        lines.append(bytes.count > 4 ? String(line.dropFirst(4)) : "")
        if bytes.count == 3 || bytes[3] == 32 {
            context.fireChannelRead(wrapInboundOut(SMTPReply(code: value, lines: lines)))
            code = nil
            lines = []
        }
        return .continue
    }

    mutating func decodeLast(
        context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool
    ) throws -> DecodingState {
        while buffer.readableBytes > 0, try decode(context: context, buffer: &buffer) == .continue {}
        return .needMoreData
    }
}

/// The server said something that is not SMTP.
enum SMTPProtocolError: Error, CustomStringConvertible {
    case malformedReply(String)
    case lineTooLong

    var description: String {
        switch self {
        case .malformedReply(let line): "malformed SMTP reply line \"\(line.prefix(80))\""
        case .lineTooLong: "SMTP reply line longer than \(SMTPReplyDecoder.maximumLine) bytes"
        }
    }
}
