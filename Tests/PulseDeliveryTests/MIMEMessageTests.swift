import Foundation
import PulseDelivery
import Testing

@Suite struct MIMEMessageTests {
    @Test func quotedPrintableKeepsEveryLineWithinSeventySixCharactersAndDecodesBack() {
        let long = String(repeating: "Call the champion = confirm the date ✅ ", count: 12)
        let text = "First line \nSecond line with trailing tab\t\n\(long)"
        let encoded = MIMEMessage.quotedPrintable(text)
        let lines = encoded.components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.utf8.count <= 76 })
        #expect(lines.allSatisfy { line in line.utf8.allSatisfy { $0 >= 32 && $0 < 127 } })
        #expect(lines[0] == "First line=20")
        #expect(lines[1] == "Second line with trailing tab=09")
        #expect(encoded.contains("=3D"))
        #expect(encoded.contains("=E2=9C=85"))
        #expect(decodeQuotedPrintable(encoded) == text.replacingOccurrences(of: "\n", with: "\r\n"))
    }

    @Test func theBareAddressComesOutOfANamedMailbox() {
        #expect(MIMEMessage.address("Pulse Alerts <pulse@example.com>") == "pulse@example.com")
        #expect(MIMEMessage.address(" pulse@example.com ") == "pulse@example.com")
    }

    @Test func headersStayASCIIAndTheMessageIDIsStableForTheSameOutboxRow() {
        let date = Date(timeIntervalSince1970: 0)
        let first = MIMEMessage(
            from: "Pülse <p@example.com>", to: "s@example.com", subject: "Ünïcode 🔴", text: "t", html: nil,
            date: date, key: "row-1")
        let again = MIMEMessage(
            from: "Pulse <p@example.com>", to: "s@example.com", subject: "x", text: "y", html: "<p>y</p>",
            date: date, key: "row-1")
        #expect(first.messageID == again.messageID)
        #expect(
            first.messageID
                != MIMEMessage(from: "", to: "", subject: "", text: "", html: nil, date: date, key: "row-2").messageID)
        let rendered = first.rendered()
        #expect(rendered.utf8.allSatisfy { $0 < 128 })
        #expect(rendered.contains("From: =?UTF-8?B?UMO8bHNl?= <p@example.com>\r\n"))
        #expect(rendered.contains("Content-Type: text/plain; charset=utf-8\r\n"))
        #expect(rendered.contains("Date: Thu, 01 Jan 1970 00:00:00 +0000\r\n"))
        #expect(!rendered.contains("multipart"))
    }
}
