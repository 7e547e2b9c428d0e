import Crypto
import Foundation

/// An e-mail as RFC 5322 text: headers (UTF-8 subject and names encoded per RFC 2047) and a
/// `multipart/alternative` body with a plain-text and, when given, an HTML part, both quoted-printable, lines
/// ending in CRLF.
public struct MIMEMessage: Hashable, Sendable {
    public var from: String
    public var to: String
    public var subject: String
    public var text: String
    public var html: String?
    public var date: Date
    /// Stable across retries (made from the outbox id), so receivers can drop duplicates.
    public var messageID: String

    public init(from: String, to: String, subject: String, text: String, html: String?, date: Date, key: String) {
        self.from = from
        self.to = to
        self.subject = subject
        self.text = text
        self.html = html
        self.date = date
        let digest = SHA256.hash(data: Data(key.utf8)).prefix(16).map { String(format: "%02x", $0) }.joined()
        messageID = "<\(digest)@pulse>"
    }

    /// The whole message, ready for DATA (before dot-stuffing).
    public func rendered() -> String {
        let boundary = "pulse-" + messageID.dropFirst().prefix(24)
        var lines = [
            "From: \(Self.encodedAddress(from))",
            "To: \(Self.encodedAddress(to))",
            "Subject: \(Self.encodedWord(subject))",
            "Date: \(Self.rfc5322(date))",
            "Message-ID: \(messageID)",
            "MIME-Version: 1.0",
        ]
        if let html {
            lines += [
                "Content-Type: multipart/alternative; boundary=\"\(boundary)\"", "",
                "--\(boundary)", "Content-Type: text/plain; charset=utf-8",
                "Content-Transfer-Encoding: quoted-printable", "", Self.quotedPrintable(text),
                "--\(boundary)", "Content-Type: text/html; charset=utf-8",
                "Content-Transfer-Encoding: quoted-printable", "", Self.quotedPrintable(html),
                "--\(boundary)--",
            ]
        } else {
            lines += [
                "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: quoted-printable", "",
                Self.quotedPrintable(text),
            ]
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// The bare address of "Name <user@host>" (or the text itself when it has no angle brackets).
    public static func address(_ mailbox: String) -> String {
        guard let open = mailbox.lastIndex(of: "<"), let close = mailbox.lastIndex(of: ">"), open < close else {
            return mailbox.trimmingCharacters(in: .whitespaces)
        }
        return String(mailbox[mailbox.index(after: open)..<close]).trimmingCharacters(in: .whitespaces)
    }

    /// "Name <address>" with a non-ASCII name encoded.
    static func encodedAddress(_ mailbox: String) -> String {
        guard let open = mailbox.lastIndex(of: "<") else { return mailbox }
        let name = mailbox[..<open].trimmingCharacters(in: .whitespaces)
        return name.isEmpty ? String(mailbox[open...]) : "\(encodedWord(name)) \(mailbox[open...])"
    }

    /// The text unchanged when it is printable ASCII, else an RFC 2047 `=?UTF-8?B?…?=` word.
    public static func encodedWord(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 >= 32 && $0 < 127 }) { return text }
        return "=?UTF-8?B?\(Data(text.utf8).base64EncodedString())?="
    }

    /// Quoted-printable (RFC 2045 6.7): line breaks become CRLF, lines are soft-wrapped at 76 characters, bytes
    /// outside printable ASCII, "=" and trailing blanks are escaped.
    public static func quotedPrintable(_ text: String) -> String {
        let normalised = text.replacingOccurrences(of: "\r\n", with: "\n")
        return normalised.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            var output = ""
            var width = 0
            let bytes = Array(line.utf8)
            for (index, byte) in bytes.enumerated() {
                let last = index == bytes.count - 1
                let literal = (byte >= 33 && byte <= 126 && byte != 61) || ((byte == 32 || byte == 9) && !last)
                let piece = literal ? String(UnicodeScalar(byte)) : String(format: "=%02X", byte)
                if width + piece.count > 75 {
                    output += "=\r\n"
                    width = 0
                }
                output += piece
                width += piece.count
            }
            return output
        }.joined(separator: "\r\n")
    }

    /// "Wed, 25 Nov 2026 09:00:00 +0000".
    static func rfc5322(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter.string(from: date)
    }
}
