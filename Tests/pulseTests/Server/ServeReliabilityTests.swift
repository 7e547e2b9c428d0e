import AsyncHTTPClient
import Foundation
import NIOCore
import PulseCore
import PulseServer
import PulseStore
import PulseTestSupport
import Testing

/// A tenant's admin token and the folder a reliability run keeps its database and configuration in.
private struct ReliabilityWorld {
    let folder: URL
    let database: String
    let configuration: String
    let token: String

    /// Seeds an admin user and token in a fresh database and writes a `pulse.yaml` that sends Slack to `slack`.
    init(slack: String) async throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("pulse-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        database = folder.appendingPathComponent("pulse.sqlite").path
        configuration = folder.appendingPathComponent("pulse.yaml").path
        let store = try SQLiteStore(path: database)
        let now = Date()
        try await store.saveUser(User(id: "admin", name: "Admin", role: .admin, createdAt: now))
        token = TokenSecret.generate()
        try await store.saveToken(
            ApiToken(
                id: "tok-admin", tenant: Tenant.defaultID, user: "admin", name: "tests", hash: TokenSecret.hash(token),
                prefix: TokenSecret.displayPrefix(token), createdAt: now))
        let yaml = """
            server:
              host: 127.0.0.1
              port: 0
            log_level: warning
            evaluation:
              interval_seconds: 3600
            reports:
              enabled: false
            channels:
              slack:
                webhook_url: \(slack)/slack
            outbox:
              base_delay_seconds: 0.2
              max_delay_seconds: 1
              poll_seconds: 0.2
              batch_size: 2000
              max_attempts: 10000
            """
        try yaml.write(toFile: configuration, atomically: true, encoding: .utf8)
    }

    func start() async throws -> ServeProcess {
        try await ServeProcess.start(arguments: ["--config", configuration, "--db", database])
    }

    func cleanUp() { try? FileManager.default.removeItem(at: folder) }
}

/// Posts one NDJSON batch; true when the server acknowledged it (2xx), false when the connection failed.
private func post(_ lines: [String], to server: ServeProcess, token: String, client: HTTPClient) async throws -> Bool {
    var request = HTTPClientRequest(url: server.baseURL + "/api/events")
    request.method = .POST
    request.headers.add(name: "Authorization", value: "Bearer \(token)")
    request.headers.add(name: "Content-Type", value: "application/x-ndjson")
    request.body = .bytes(ByteBuffer(string: lines.joined(separator: "\n") + "\n"))
    do {
        let response = try await client.execute(request, timeout: .seconds(120))
        _ = try await response.body.collect(upTo: 64 << 20)
        #expect(response.status.code / 100 == 2, "batch answered \(response.status)")
        return response.status.code / 100 == 2
    } catch {
        return false
    }
}

@Suite(.serialized)
struct ServeReliabilityTests {
    @Test(.timeLimit(.minutes(10)))
    func aServerKilledMidIngestKeepsEveryAcknowledgedEventAndDeliversEveryAlertOnceWhenSlackReturns()
        async throws
    {
        try await HTTPReceiver.with { slack in
            slack.setDown(true)
            let world = try await ReliabilityWorld(slack: slack.url)
            defer { world.cleanUp() }
            let encoder = EventEncoder()
            let events = Array(DemoGenerator(parameters: DemoParameters(now: Date(), leads: 60, accounts: 40)).events)
            let batches = try stride(from: 0, to: events.count, by: 400).map { start in
                try events[start..<min(start + 400, events.count)].map { try encoder.line(for: $0) }
            }
            let client = HTTPClient.shared

            // First life: acknowledge some batches, then kill -9 while the next one is being ingested.
            let first = try await world.start()
            var acknowledged: [Int] = []
            let killAfter = batches.count / 2
            for index in 0..<killAfter
            where try await post(batches[index], to: first, token: world.token, client: client) {
                acknowledged.append(index)
            }
            let inFlight = killAfter
            async let interrupted = post(batches[inFlight], to: first, token: world.token, client: client)
            try await Task.sleep(for: .milliseconds(40))
            first.kill()
            if try await interrupted { acknowledged.append(inFlight) }
            #expect(acknowledged.count >= killAfter)

            // Second life: the rest (the interrupted batch again; event ids make repeats no-ops).
            let server = try await world.start()
            for index in inFlight..<batches.count where !acknowledged.contains(index) {
                if try await post(batches[index], to: server, token: world.token, client: client) {
                    acknowledged.append(index)
                }
            }
            #expect(acknowledged.count == batches.count)

            let store = try SQLiteStore(path: world.database)
            let ids = Set(acknowledged.flatMap { index in batches[index] }.map(Self.eventID))
            let stored = try await store.existingEventIDs(ids)
            #expect(stored.count == ids.count, "\(ids.count - stored.count) acknowledged events missing")

            // Slack comes back: everything pending goes out, each message once.
            let pendingBefore = try await store.outboxCounts(tenant: Tenant.defaultID)[.pending, default: 0]
            #expect(pendingBefore > 0, "alerts should be waiting for Slack")
            let downRequests = slack.requests.count
            slack.setDown(false)
            let deadline = ContinuousClock.now + .seconds(120)
            while try await store.outboxCounts(tenant: Tenant.defaultID)[.pending, default: 0] > 0,
                ContinuousClock.now < deadline
            {
                try await Task.sleep(for: .milliseconds(200))
            }
            let counts = try await store.outboxCounts(tenant: Tenant.defaultID)
            #expect(counts[.pending, default: 0] == 0)
            #expect(counts[.dead, default: 0] == 0)
            let delivered = slack.requests.dropFirst(downRequests).compactMap { $0.headers["x-pulse-delivery"] }
            let repeated = Dictionary(grouping: delivered, by: { $0 }).filter { $0.value.count > 1 }
            #expect(repeated.isEmpty, "delivered twice: \(repeated.keys.sorted().prefix(5))")
            let rows = try await store.outbox(tenant: Tenant.defaultID, status: .delivered, limit: 100_000)
            #expect(Set(delivered) == Set(rows.map(\.id)))
            #expect(server.stop() == 0, "graceful shutdown exits 0")
        }
    }

    @Test(.timeLimit(.minutes(2)))
    func aGracefulShutdownEndsOpenLiveStreamsAndExitsCleanly() async throws {
        try await HTTPReceiver.with { slack in
            let world = try await ReliabilityWorld(slack: slack.url)
            defer { world.cleanUp() }
            let server = try await world.start()
            var request = HTTPClientRequest(url: server.baseURL + "/api/stream")
            request.headers.add(name: "Authorization", value: "Bearer \(world.token)")
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
            #expect(response.status == .ok)
            // Read the stream until the server ends it.
            async let streamed: String = {
                var text = ""
                for try await chunk in response.body { text += String(buffer: chunk) }
                return text
            }()
            let status = try await server.stop(within: .seconds(20))
            #expect(status == 0, "pulse serve must stop on SIGTERM while a live stream is open")
            #expect(try await streamed.hasPrefix("retry: 2000"))
        }
    }

    static func eventID(_ line: String) -> String {
        let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        return object?["id"] as? String ?? ""
    }
}
