import Foundation
import PulseCore
import PulseDelivery
import Testing

/// The e-mail channel against a real SMTP server on 127.0.0.1.
@Suite struct SMTPChannelTests {
    func settings(_ port: Int, startTLS: Bool = false, username: String? = "pulse") -> EmailSettings {
        EmailSettings(
            host: "127.0.0.1", port: port, startTLS: startTLS, username: username, password: "pa55",
            from: "Pulse Alerts <pulse@example.com>")
    }

    func send(_ settings: EmailSettings, timeout: Double = 30, alert: Alert = DeliveryFixtures.alert()) async throws {
        try await EmailChannel(settings: settings, timeout: timeout, clock: { DeliveryFixtures.t0 }).send(
            DeliveryFixtures.message(alert), to: DeliveryFixtures.sarah,
            item: DeliveryFixtures.item(alert, channel: .email))
    }

    @Test func theDialogueAuthenticatesWithPlainAndSendsOneMessageThenQuits() async throws {
        try await SMTPReceiver.with { server, port in
            try await send(settings(port))
            #expect(
                server.commands.map { $0.hasPrefix("AUTH PLAIN ") ? "AUTH PLAIN …" : $0 } == [
                    "EHLO pulse.localdomain", "AUTH PLAIN …", "MAIL FROM:<pulse@example.com>",
                    "RCPT TO:<sarah@example.com>", "DATA", "QUIT",
                ])
            #expect(server.credentials == ["pulse:pa55"])
            let message = try #require(server.messages.first)
            #expect(message.from == "pulse@example.com")
            #expect(message.to == ["sarah@example.com"])
        }
    }

    @Test func theMessageIsMultipartAlternativeWithPlainTextAndHTML() async throws {
        try await SMTPReceiver.with { server, port in
            try await send(settings(port))
            let data = try #require(server.messages.first).data
            let (head, _) = try #require(split(data))
            #expect(head.contains("From: Pulse Alerts <pulse@example.com>"))
            #expect(head.contains("To: Sarah Johnson <sarah@example.com>"))
            #expect(head.contains("Date: Wed, 18 Nov 2026 11:06:40 +0000"))
            #expect(head.contains("MIME-Version: 1.0"))
            let subject = try #require(head.first { $0.hasPrefix("Subject: ") })
            let encoded = subject.dropFirst(9)
            #expect(encoded.hasPrefix("=?UTF-8?B?") && encoded.hasSuffix("?="))
            let decoded = Data(base64Encoded: String(encoded.dropFirst(10).dropLast(2))).map {
                String(decoding: $0, as: UTF8.self)
            }
            #expect(decoded == "🔴 VELOCITY ALERT: Deal at Risk — Deal: D04523 - Acme Corp")
            let type = try #require(head.first { $0.hasPrefix("Content-Type: multipart/alternative; boundary=") })
            let boundary = String(type.split(separator: "\"")[1])
            let parts = data.components(separatedBy: "--\(boundary)")
            #expect(parts.count == 4)  // preamble, plain, html, closing "--"
            #expect(parts[3].hasPrefix("--"))
            // Each part starts with the CRLF after the boundary (one Character in Swift).
            let plain = try #require(split(String(parts[1].dropFirst())))
            #expect(plain.0.contains("Content-Type: text/plain; charset=utf-8"))
            #expect(plain.0.contains("Content-Transfer-Encoding: quoted-printable"))
            let text = decodeQuotedPrintable(plain.1)
            #expect(text.contains("VELOCITY ALERT: Deal at Risk\r\n\r\nDeal: D04523 - Acme Corp\r\nRep: Sarah Johnson"))
            #expect(text.contains("Why this matters:\r\n• Deals this slow close 60% less often"))
            #expect(text.contains("Recommended Actions:\r\n1. Call the champion this week"))
            #expect(text.contains("View alert: https://pulse.example.com/alerts/17"))
            let html = try #require(split(String(parts[2].dropFirst())))
            #expect(html.0.contains("Content-Type: text/html; charset=utf-8"))
            let page = decodeQuotedPrintable(html.1)
            #expect(page.contains("<h2>🔴 VELOCITY ALERT: Deal at Risk</h2>"))
            #expect(page.contains("<li>Quarter ends in 12 days &amp; &lt;nothing&gt; is scheduled</li>"))
            #expect(page.contains("<ol><li>Call the champion this week</li>"))
            #expect(page.contains("<a href=\"https://pulse.example.com/alerts/17\">View alert</a>"))
        }
    }

    @Test func linesStartingWithADotAreDotStuffedOnTheWireAndArriveIntact() async throws {
        var alert = DeliveryFixtures.alert()
        alert.content.facts = [".", ".hidden line", "..two dots"]
        try await SMTPReceiver.with { server, port in
            try await send(settings(port), alert: alert)
            let data = try #require(server.messages.first).data
            // The receiver removes one dot per line as RFC 5321 says; the body must read as it was written.
            let lines = data.components(separatedBy: "\r\n")
            #expect(lines.contains("."))
            #expect(lines.contains(".hidden line"))
            #expect(lines.contains("..two dots"))
        }
    }

    @Test func authLoginIsUsedWhenItIsTheOnlyMechanismOffered() async throws {
        var behaviour = SMTPReceiver.Behaviour()
        behaviour.mechanisms = ["LOGIN"]
        try await SMTPReceiver.with(behaviour) { server, port in
            try await send(settings(port))
            #expect(server.commands.contains("AUTH LOGIN"))
            #expect(server.credentials == ["pulse:pa55"])
            #expect(server.messages.count == 1)
        }
    }

    @Test func noUserNameMeansNoAuthentication() async throws {
        try await SMTPReceiver.with { server, port in
            try await send(settings(port, username: nil))
            #expect(!server.commands.contains { $0.hasPrefix("AUTH") })
            #expect(server.messages.count == 1)
        }
    }

    @Test func startTLSIsNotAttemptedWhenSwitchedOffEvenIfOffered() async throws {
        var behaviour = SMTPReceiver.Behaviour()
        behaviour.offerStartTLS = true
        try await SMTPReceiver.with(behaviour) { server, port in
            try await send(settings(port, startTLS: false))
            #expect(!server.commands.contains("STARTTLS"))
            #expect(server.messages.count == 1)
        }
    }

    @Test func startTLSUpgradesTheConnectionBeforeAuthenticatingAndSendsTheRestEncrypted() async throws {
        var behaviour = SMTPReceiver.Behaviour()
        behaviour.offerStartTLS = true
        behaviour.tls = try TestCertificate.serverContext()
        let alert = DeliveryFixtures.alert()
        try await SMTPReceiver.with(behaviour) { server, port in
            let channel = EmailChannel(
                settings: settings(port, startTLS: true), timeout: 30,
                tlsConfiguration: try TestCertificate.clientConfiguration())
            try await channel.send(
                DeliveryFixtures.message(alert), to: DeliveryFixtures.sarah,
                item: DeliveryFixtures.item(alert, channel: .email))
            #expect(
                Array(server.commands.map { $0.hasPrefix("AUTH PLAIN ") ? "AUTH PLAIN …" : $0 }.prefix(5)) == [
                    "EHLO pulse.localdomain", "STARTTLS", "<TLS established>", "EHLO pulse.localdomain",
                    "AUTH PLAIN …",
                ])
            #expect(server.credentials == ["pulse:pa55"])
            #expect(server.messages.count == 1)
        }
    }

    @Test func startTLSWithAnUntrustedCertificateFailsWithoutSendingAnything() async throws {
        var behaviour = SMTPReceiver.Behaviour()
        behaviour.offerStartTLS = true
        behaviour.tls = try TestCertificate.serverContext()
        try await SMTPReceiver.with(behaviour) { server, port in
            // The default configuration trusts the system roots, which do not include the test certificate.
            let error = await #expect(throws: DeliveryError.self) {
                try await send(settings(port, startTLS: true), timeout: 30)
            }
            // The handshake fails on the certificate; on a starved machine the reply timeout may fire first.
            if case .connection(_, let reason)? = error {
                #expect(reason.contains("CERTIFICATE_VERIFY_FAILED"))
            } else {
                #expect(error?.description.hasPrefix("timed out") == true)
            }
            #expect(server.credentials.isEmpty && server.messages.isEmpty)
        }
    }

    @Test func startTLSOnAgainstAServerThatDoesNotOfferItFallsBackToPlainSMTPWithoutAPassword() async throws {
        try await SMTPReceiver.with { server, port in
            try await send(settings(port, startTLS: true, username: nil))
            #expect(!server.commands.contains("STARTTLS"))
            #expect(server.messages.count == 1)
        }
    }

    @Test func aPasswordIsNeverSentUnencryptedWhenStartTLSIsOnButNotOffered() async throws {
        try await SMTPReceiver.with { server, port in
            let error = await #expect(throws: DeliveryError.self) { try await send(settings(port, startTLS: true)) }
            #expect(
                error?.description
                    == "email is not configured: 127.0.0.1 does not offer STARTTLS; refusing to send the password for "
                    + "pulse unencrypted (set startTLS: false to allow it)")
            #expect(error?.isRetryable == false)
            #expect(!server.commands.contains { $0.hasPrefix("AUTH") })
            #expect(server.messages.isEmpty)
        }
    }

    @Test func aUserNameWithoutAnyOfferedMechanismIsAConfigurationError() async throws {
        var behaviour = SMTPReceiver.Behaviour()
        behaviour.mechanisms = []
        try await SMTPReceiver.with(behaviour) { server, port in
            let error = await #expect(throws: DeliveryError.self) { try await send(settings(port)) }
            #expect(
                error?.description
                    == "email is not configured: a user name is set but 127.0.0.1 offers neither AUTH PLAIN nor AUTH LOGIN"
            )
            #expect(server.messages.isEmpty)
        }
    }

    @Test func aRefusedRecipientIsAnErrorWithTheReplyCodeTextAndCommand() async throws {
        var behaviour = SMTPReceiver.Behaviour()
        behaviour.rejectRecipient = 550
        try await SMTPReceiver.with(behaviour) { server, port in
            let error = await #expect(throws: DeliveryError.self) { try await send(settings(port)) }
            #expect(
                error?.description
                    == "SMTP 550 5.1.1 mailbox unavailable (after RCPT TO:<sarah@example.com> to 127.0.0.1)")
            #expect(error?.isRetryable == false)
            #expect(server.messages.isEmpty)
        }
    }

    @Test func aServerThatNeverAnswersTimesOut() async throws {
        var behaviour = SMTPReceiver.Behaviour()
        behaviour.silent = true
        try await SMTPReceiver.with(behaviour) { _, port in
            let error = await #expect(throws: DeliveryError.self) { try await send(settings(port), timeout: 0.3) }
            #expect(error?.description == "timed out after 0.3 s waiting for an SMTP reply from 127.0.0.1")
            #expect(error?.isRetryable == true)
        }
    }

    @Test func nobodyListeningIsAConnectionError() async throws {
        let port = try await SMTPReceiver.with { _, port in port }
        let error = await #expect(throws: DeliveryError.self) { try await send(settings(port)) }
        #expect(error?.description.hasPrefix("could not talk to 127.0.0.1:\(port)") == true)
    }

    @Test func aRecipientWithoutAnAddressIsNotConfiguredForEmail() async throws {
        let alert = DeliveryFixtures.alert()
        var nobody = DeliveryFixtures.sarah
        nobody.email = nil
        let error = await #expect(throws: DeliveryError.self) {
            try await EmailChannel(settings: settings(25)).send(
                DeliveryFixtures.message(alert), to: nobody, item: DeliveryFixtures.item(alert, channel: .email))
        }
        #expect(error?.description == "email is not configured: rep_12 has no e-mail address")
    }

    /// Headers (unfolded lines) and body of a MIME entity.
    func split(_ entity: String) -> ([String], String)? {
        guard let range = entity.range(of: "\r\n\r\n") else { return nil }
        return (entity[..<range.lowerBound].components(separatedBy: "\r\n"), String(entity[range.upperBound...]))
    }
}
