import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import PulseCore
import PulseServer
import Testing

@Suite struct MalformedRequestTests {
    /// A small deterministic generator (SplitMix64) so every run sends the same requests.
    struct Generator {
        var state: UInt64

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }

        mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }
    }

    /// The issue's figure: 10,000 malformed requests.
    static let requestCount = 10_000

    static let routes: [(HTTPRequest.Method, String)] = [
        (.post, "/api/events"), (.post, "/api/alerts/1/snooze"), (.post, "/api/alerts/1/assign"),
        (.post, "/api/alerts/1/feedback"), (.post, "/api/silences"), (.post, "/api/users"), (.post, "/api/tokens"),
        (.post, "/api/outbox/retry"), (.get, "/api/deals/G-1"), (.get, "/api/accounts/globex-co"),
        (.get, "/api/alerts?state=%00"), (.get, "/api/deals?limit=abc"), (.delete, "/api/silences/nope"),
    ]

    /// Mangles a valid JSON text: truncates it, flips a byte, or injects junk.
    static func fuzz(_ text: String, _ random: inout Generator) -> String {
        var bytes = Array(text.utf8)
        switch random.next() % 4 {
        case 0: bytes = Array(bytes.prefix(Int(random.next() % UInt64(bytes.count))))
        case 1: bytes[Int(random.next() % UInt64(bytes.count))] = UInt8(random.next() % 128)
        case 2: bytes.insert(contentsOf: Array("\u{7}{[\"".utf8), at: Int(random.next() % UInt64(bytes.count)))
        default: bytes = Array(repeating: UInt8(ascii: "["), count: 5000)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test func tenThousandMalformedRequestsAllGetA4xxJSONErrorAndNeverAnotherTenantsData() async throws {
        let fixture = try ServerFixture(maxBodyBytes: 64 * 1024)
        defer { fixture.remove() }
        try await fixture.seedAll()
        let valid = [
            #"{"for": "4h"}"#, #"{"to": "ben"}"#, #"{"verdict": "noise"}"#,
            #"{"matchers": ["rule=stalled"], "for": "1h"}"#, #"{"id": "u-z", "name": "Z", "role": "admin"}"#,
            #"{"user": "u-ana", "name": "x"}"#, #"{"ids": ["a"]}"#,
            #"{"id":"e","type":"activity.logged","occurredAt":"2026-11-25T08:00:00Z","tenant":"globex","payload":{"id":"a","kind":"call_conducted","deal":"G-1","rep":"bob","occurredAt":"2026-11-25T08:00:00Z"}}"#,
        ]
        let headers: [HTTPFields] = [
            [:], [.authorization: "Bearer "], [.authorization: "Bearer pulse_wrong"], Caller.expired.bearer,
            Caller.revoked.bearer, Caller.disabled.bearer, Caller.admin.bearer, Caller.mgr.bearer, Caller.ana.bearer,
        ]
        try await fixture.app().test(.router) { client in
            var random = Generator(state: 42)
            var errors = 0
            for index in 0..<Self.requestCount {
                let (method, path) = random.pick(Self.routes)
                var fields = random.pick(headers)
                fields[.contentType] = "application/json"
                let text: String
                if index % 50 == 0 {  // a body over the 64 KiB limit
                    text = String(repeating: "x", count: 70 * 1024)
                } else {
                    text = Self.fuzz(random.pick(valid), &random)
                }
                let response = try await client.execute(
                    uri: path, method: method, headers: fields, body: ByteBuffer(string: text))
                let body = String(buffer: response.body)
                let code = response.status.code
                if (200..<300).contains(code) {
                    // A fuzzed line can still be valid JSON; then it must be the caller's own data.
                    #expect(!body.contains("globex"), "\(method) \(path) answered another tenant's data")
                    continue
                }
                errors += 1
                #expect((400..<500).contains(code), "\(method) \(path) → \(code): \(body.prefix(200))")
                let object = try? JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                let error = object?["error"] as? [String: Any]
                #expect(
                    error?["code"] is String, "\(method) \(path) → \(code) without a JSON error: \(body.prefix(200))")
                #expect((error?["message"] as? String)?.isEmpty == false)
                #expect(!body.contains("G-1") || path.contains("G-1") || method == .post)
            }
            #expect(
                errors >= Self.requestCount * 3 / 4,
                "only \(errors) of \(Self.requestCount) malformed requests were refused")
            let health = try await client.execute(uri: "/healthz", method: .get)
            #expect(health.status == .ok)
        }
    }
}
