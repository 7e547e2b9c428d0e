import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization

/// A real HTTP server on 127.0.0.1 (port chosen by the system) that records every request and answers with the
/// statuses it is told to (200 when nothing is scripted), so tests can take a channel's receiver "down".
public final class HTTPReceiver: Sendable {
    /// One recorded request.
    public struct Request: Sendable {
        public var path: String
        /// Lower-cased header names.
        public var headers: [String: String]
        public var body: Data

        public var json: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }
    }

    private struct State {
        public var requests: [Request] = []
        var scripted: [Int] = []
        var down = false
    }

    private let state = Mutex(State())
    public let port: Int
    /// One element per request, as it arrives (before it is answered).
    public let arrivals: AsyncStream<Int>
    private let arrived: AsyncStream<Int>.Continuation
    /// While `holding`, each answer waits for one `release()`.
    private let gate: AsyncStream<Void>
    private let opener: AsyncStream<Void>.Continuation
    private let holding = Mutex(false)

    private init(port: Int) {
        self.port = port
        (arrivals, arrived) = AsyncStream<Int>.makeStream()
        (gate, opener) = AsyncStream<Void>.makeStream()
    }

    /// Makes every answer wait for a `release()` from here on (or not).
    public func hold(_ on: Bool) { holding.withLock { $0 = on } }

    /// Lets one held answer go.
    public func release() { opener.yield() }

    fileprivate func arrive(_ request: Request) async -> Int {
        let (status, count) = state.withLock { state -> (Int, Int) in
            state.requests.append(request)
            let status = state.down ? 503 : state.scripted.isEmpty ? 200 : state.scripted.removeFirst()
            return (status, state.requests.count)
        }
        arrived.yield(count)
        if holding.withLock({ $0 }) {
            var iterator = gate.makeAsyncIterator()
            _ = await iterator.next()
        }
        return status
    }

    /// The base URL, "http://127.0.0.1:<port>".
    public var url: String { "http://127.0.0.1:\(port)" }

    public var requests: [Request] { state.withLock { $0.requests } }

    /// The next requests get these statuses, in order.
    public func script(_ statuses: [Int]) { state.withLock { $0.scripted += statuses } }

    /// While down, every request is answered 503 (and still recorded).
    public func setDown(_ down: Bool) { state.withLock { $0.down = down } }

    /// Starts a receiver, runs `body` with it and stops it.
    public static func with<T: Sendable>(_ body: (HTTPReceiver) async throws -> T) async throws -> T {
        let (ports, portContinuation) = AsyncStream<Int>.makeStream()
        let holder = Mutex<HTTPReceiver?>(nil)
        let router = Router()
        router.post("**") { request, _ -> Response in
            let buffer = try await request.body.collect(upTo: 4 * 1024 * 1024)
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.canonicalName] = field.value }
            let recorded = Request(path: request.uri.path, headers: headers, body: Data(buffer.readableBytesView))
            guard let receiver = holder.withLock({ $0 }) else { return Response(status: .serviceUnavailable) }
            let status = await receiver.arrive(recorded)
            return Response(
                status: .init(code: status), body: .init(byteBuffer: ByteBuffer(string: status == 200 ? "ok" : "no")))
        }
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? 0)
                portContinuation.finish()
            }, logger: Logger(label: "test.http-receiver"))
        let group = ServiceGroup(services: [app], logger: Logger(label: "test.http-receiver"))
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else { throw ReceiverError.didNotStart }
            let receiver = HTTPReceiver(port: port)
            holder.withLock { $0 = receiver }
            do {
                let result = try await body(receiver)
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
                return result
            } catch {
                await group.triggerGracefulShutdown()
                try? await tasks.waitForAll()
                throw error
            }
        }
    }
}

/// A test receiver could not be started.
public enum ReceiverError: Error {
    case didNotStart
}
