/// One SMTP server reply: the three-digit code and the text of each line (without the code and separator).
public struct SMTPReply: Hashable, Sendable {
    public var code: Int
    public var lines: [String]

    public init(code: Int, lines: [String]) {
        self.code = code
        self.lines = lines
    }

    /// The lines joined by spaces, for error messages.
    public var text: String { lines.joined(separator: " ") }
}
