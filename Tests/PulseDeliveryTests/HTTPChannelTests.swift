import AsyncHTTPClient
import Crypto
import Foundation
import PulseCore
import PulseDelivery
import PulseTestSupport
import Testing

/// Slack, webhook and PagerDuty against a real HTTP receiver on 127.0.0.1.
@Suite struct HTTPChannelTests {
    /// Runs `body` with a receiver and a poster over one shared HTTP client, shut down afterwards.
    func withPoster(_ body: (HTTPReceiver, JSONPoster) async throws -> Void) async throws {
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        do {
            try await HTTPReceiver.with { receiver in try await body(receiver, JSONPoster(client: client, timeout: 30))
            }
            try await client.shutdown()
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    @Test func slackPostsBlockKitWithColourEmojiWhyNumberedActionsAndAViewAlertButton() async throws {
        try await withPoster { receiver, poster in
            let alert = DeliveryFixtures.alert()
            let channel = SlackChannel(
                settings: SlackSettings(webhookURL: receiver.url + "/slack/tenant"), poster: poster)
            try await channel.send(
                DeliveryFixtures.message(alert), to: DeliveryFixtures.sarah,
                item: DeliveryFixtures.item(alert, channel: .slack))
            let request = try #require(receiver.requests.first)
            #expect(request.path == "/slack/tenant")
            #expect(request.headers["content-type"] == "application/json")
            let body = request.json
            #expect((body["text"] as? String)?.contains("🔴 VELOCITY ALERT: Deal at Risk") == true)
            let attachment = try #require((body["attachments"] as? [[String: Any]])?.first)
            #expect(attachment["color"] as? String == "#D32F2F")
            let blocks = try #require(attachment["blocks"] as? [[String: Any]])
            let header = try #require(blocks.first)
            #expect(header["type"] as? String == "header")
            #expect((header["text"] as? [String: Any])?["text"] as? String == "🔴 VELOCITY ALERT: Deal at Risk")
            let texts = blocks.compactMap { ($0["text"] as? [String: Any])?["text"] as? String }
            #expect(texts.contains("*Deal: D04523 - Acme Corp*\nRep: Sarah Johnson (rep_12)"))
            #expect(texts.contains { $0.hasPrefix("*Why this matters*\n• Deals this slow close 60% less often") })
            #expect(texts.contains { $0.contains("Quarter ends in 12 days &amp; &lt;nothing&gt; is scheduled") })
            #expect(
                texts.contains(
                    "*Recommended actions*\n1. Call the champion this week\n2. .NET migration call: confirm the date\n"
                        + "3. Review pricing"))
            let actions = try #require(blocks.last)
            #expect(actions["type"] as? String == "actions")
            let button = try #require((actions["elements"] as? [[String: Any]])?.first)
            #expect(button["url"] as? String == "https://pulse.example.com/alerts/17")
            #expect((button["text"] as? [String: Any])?["text"] as? String == "View alert")
        }
    }

    @Test func slackUsesTheRecipientsOwnWebhookBeforeTheTenants() async throws {
        try await withPoster { receiver, poster in
            let alert = DeliveryFixtures.alert(severity: .medium)
            var sarah = DeliveryFixtures.sarah
            sarah.slackWebhook = receiver.url + "/slack/sarah"
            let channel = SlackChannel(
                settings: SlackSettings(webhookURL: receiver.url + "/slack/tenant"), poster: poster)
            try await channel.send(
                DeliveryFixtures.message(alert), to: sarah, item: DeliveryFixtures.item(alert, channel: .slack))
            #expect(receiver.requests.map(\.path) == ["/slack/sarah"])
            let attachment = (receiver.requests[0].json["attachments"] as? [[String: Any]])?.first
            #expect(attachment?["color"] as? String == "#FBC02D")
        }
    }

    @Test func aFailingReceiverIsAnErrorNamingTheStatusAndHost() async throws {
        try await withPoster { receiver, poster in
            receiver.script([503])
            let alert = DeliveryFixtures.alert()
            let channel = SlackChannel(settings: SlackSettings(webhookURL: receiver.url + "/hook"), poster: poster)
            let error = await #expect(throws: DeliveryError.self) {
                try await channel.send(
                    DeliveryFixtures.message(alert), to: DeliveryFixtures.sarah,
                    item: DeliveryFixtures.item(alert, channel: .slack))
            }
            #expect(error?.description == "HTTP 503 from 127.0.0.1: no")
            #expect(error?.isRetryable == true)
        }
    }

    @Test func aChannelWithoutSettingsSaysItIsNotConfigured() async throws {
        try await withPoster { _, poster in
            let alert = DeliveryFixtures.alert()
            let error = await #expect(throws: DeliveryError.self) {
                try await SlackChannel(settings: nil, poster: poster).send(
                    DeliveryFixtures.message(alert), to: DeliveryFixtures.sarah,
                    item: DeliveryFixtures.item(alert, channel: .slack))
            }
            #expect(error?.description == "slack is not configured: no tenant webhook and none in rep_12's preferences")
            #expect(error?.isRetryable == false)
        }
    }

    @Test func theWebhookBodyIsSignedWithHMACSHA256OfTheSecretAndCarriesTheDeliveryKey() async throws {
        try await withPoster { receiver, poster in
            let alert = DeliveryFixtures.alert(severity: .high)
            let item = DeliveryFixtures.item(alert, channel: .webhook)
            let channel = WebhookChannel(
                settings: WebhookSettings(url: receiver.url + "/in", secret: "s3cret"), poster: poster,
                clock: { DeliveryFixtures.t0 })
            try await channel.send(DeliveryFixtures.message(alert), to: DeliveryFixtures.sarah, item: item)
            let request = try #require(receiver.requests.first)
            let signature = try #require(request.headers["x-pulse-signature"])
            #expect(signature.hasPrefix("sha256="))
            let mac = try #require(hexBytes(String(signature.dropFirst(7))))
            #expect(
                HMAC<SHA256>.isValidAuthenticationCode(
                    mac, authenticating: request.body, using: SymmetricKey(data: Data("s3cret".utf8))))
            #expect(
                !HMAC<SHA256>.isValidAuthenticationCode(
                    mac, authenticating: request.body, using: SymmetricKey(data: Data("other".utf8))))
            #expect(request.headers["x-pulse-delivery"] == item.id)
            #expect(request.headers["x-pulse-timestamp"] == "1795000000")
            let body = request.json
            #expect(body["delivery"] as? String == item.id)
            #expect(body["kind"] as? String == "alert")
            #expect(body["severity"] as? String == "high")
            #expect(body["action"] as? String == "new")
            #expect((body["alert"] as? [String: Any])?["fingerprint"] as? String == "fp1")
            #expect(body["link"] as? String == "https://pulse.example.com/alerts/17")
            #expect((body["text"] as? String)?.contains("Recommended Actions:\n1. Call the champion") == true)
        }
    }

    @Test func pagerDutyTriggersWithTheFingerprintAsDedupKeyAndMappedSeverity() async throws {
        try await withPoster { receiver, poster in
            let channel = PagerDutyChannel(
                settings: PagerDutySettings(routingKey: "R0UTING", url: receiver.url + "/v2/enqueue"), poster: poster)
            for (severity, expected) in [
                (Severity.critical, "critical"), (.high, "error"), (.medium, "warning"), (.low, "info"),
            ] {
                let alert = DeliveryFixtures.alert(severity: severity)
                try await channel.send(
                    DeliveryFixtures.message(alert), to: DeliveryFixtures.sarah,
                    item: DeliveryFixtures.item(alert, channel: .pagerduty, action: "trigger"))
                let event = try #require(receiver.requests.last).json
                #expect(event["routing_key"] as? String == "R0UTING")
                #expect(event["event_action"] as? String == "trigger")
                #expect(event["dedup_key"] as? String == "fp1")
                let payload = try #require(event["payload"] as? [String: Any])
                #expect(payload["severity"] as? String == expected)
                #expect(payload["source"] as? String == "pulse/default")
                #expect(
                    (payload["summary"] as? String)?.hasSuffix(
                        "VELOCITY ALERT: Deal at Risk — Deal: D04523 - Acme Corp") == true)
                #expect((payload["custom_details"] as? [String: Any])?["alert"] as? String == "fp1-1795000000")
            }
        }
    }

    @Test func pagerDutyAcknowledgeAndResolveCarryOnlyTheKeys() async throws {
        try await withPoster { receiver, poster in
            let channel = PagerDutyChannel(
                settings: PagerDutySettings(routingKey: "R0UTING", url: receiver.url + "/v2/enqueue"), poster: poster)
            let alert = DeliveryFixtures.alert(state: .resolved)
            for action in ["acknowledge", "resolve"] {
                try await channel.send(
                    DeliveryFixtures.message(alert, action: action), to: DeliveryFixtures.sarah,
                    item: DeliveryFixtures.item(alert, channel: .pagerduty, action: action))
            }
            let events = receiver.requests.map(\.json)
            #expect(events.map { $0["event_action"] as? String } == ["acknowledge", "resolve"])
            #expect(events.allSatisfy { $0["dedup_key"] as? String == "fp1" && $0["payload"] == nil })
            #expect(events.allSatisfy { Set($0.keys) == ["routing_key", "event_action", "dedup_key"] })
        }
    }

    @Test func aURLThatIsNotHTTPIsRefusedWithoutRetrying() async throws {
        try await withPoster { _, poster in
            let error = await #expect(throws: DeliveryError.self) {
                try await poster.post(Data("{}".utf8), to: "ftp://example.com/x")
            }
            #expect(error?.description == "invalid channel settings: \"ftp://example.com/x\" is not an http(s) URL")
            #expect(error?.isRetryable == false)
        }
    }
}

/// The bytes of a hex string, nil when it is not one.
func hexBytes(_ hex: String) -> [UInt8]? {
    let characters = Array(hex)
    guard characters.count % 2 == 0 else { return nil }
    let bytes = stride(from: 0, to: characters.count, by: 2).compactMap {
        UInt8(String(characters[$0...$0 + 1]), radix: 16)
    }
    return bytes.count * 2 == characters.count ? bytes : nil
}
