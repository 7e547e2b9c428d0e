import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdWebSocket
import NIOCore
import PulseCore
import PulseStore

/// The live alert stream: `GET /api/stream` (Server-Sent Events) and `GET /api/stream/ws` (WebSocket). New and
/// changed alerts the caller may see arrive in feed order; a client resumes with `Last-Event-ID` or `?since=N`
/// from the last sequence it saw and misses nothing. Without either it gets only what happens from now on.
struct AlertStreamController: Sendable {
    let store: any AlertFeedStore
    let notifier: AlertFeedNotifier

    /// Adds the Server-Sent Events route, recorded in `table`.
    func addRoutes(to router: some RouterMethods<AppRequestContext>, table: RouteTable) {
        router.on(.get, "/api/stream", table: table, query: ["since", "max_events"]) { request, context in
            try await serverSentEvents(request, context)
        }
    }

    /// Adds the WebSocket route to the router that handles upgrade requests.
    func addWebSocketRoutes(to router: Router<AppRequestContext>) {
        let store = store
        let notifier = notifier
        router.ws("/api/stream/ws") { request, context in
            _ = try context.caller()
            _ = try Self.start(request)
            return .upgrade([:])
        } onUpgrade: { inbound, outbound, context in
            guard let principal = context.requestContext.principal else { return }
            let start = try Self.start(context.request)
            let limit = try Self.maxEvents(context.request)
            let updates = try await notifier.subscribe(tenant: principal.tenant)
            let from: Int64
            if let start {
                from = start
            } else {
                from = try await store.latestAlertChange(tenant: principal.tenant)
            }
            try await withThrowingTaskGroup(of: Void.self) { group in
                // Reading the inbound side notices the client closing; anything it sends is ignored.
                group.addTask { for try await _ in inbound {} }
                group.addTask {
                    var reader = AlertStreamReader(store: store, principal: principal, after: from)
                    var sent = 0
                    for await latest in updates {
                        for event in try await reader.events(upTo: latest) {
                            try await outbound.write(.text(try event.json()))
                            sent += 1
                            if let limit, sent >= limit { return }
                        }
                    }
                }
                try await group.next()
                group.cancelAll()
            }
        }
    }

    private func serverSentEvents(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let principal = try context.caller()
        let resume = try Self.start(request)
        let limit = try Self.maxEvents(request)
        let start: Int64
        if let resume {
            start = resume
        } else {
            start = try await store.latestAlertChange(tenant: principal.tenant)
        }
        let updates = try await notifier.subscribe(tenant: principal.tenant)
        let store = store
        var headers = HTTPFields()
        headers[.contentType] = "text/event-stream; charset=utf-8"
        headers[.cacheControl] = "no-cache"
        return Response(
            status: .ok, headers: headers,
            body: ResponseBody { writer in
                var reader = AlertStreamReader(store: store, principal: principal, after: start)
                var sent = 0
                try await writer.write(ByteBuffer(string: "retry: 2000\n: stream from sequence \(start)\n\n"))
                loop: for await latest in updates {
                    let events = try await reader.events(upTo: latest)
                    if events.isEmpty {
                        try await writer.write(ByteBuffer(string: ": keep-alive\n\n"))
                    }
                    for event in events {
                        try await writer.write(ByteBuffer(string: try event.serverSentEvent()))
                        sent += 1
                        if let limit, sent >= limit { break loop }
                    }
                }
                try await writer.finish(nil)
            })
    }

    static let lastEventID = HTTPField.Name("Last-Event-ID")!
    /// Where to resume: `Last-Event-ID` header, else `?since=`; nil means "from now on".
    static func start(_ request: Request) throws -> Int64? {
        if let header = request.headers[Self.lastEventID] {
            guard let value = Int64(header.trimmingCharacters(in: .whitespaces)), value >= 0 else {
                throw APIError.badRequest(
                    "bad_header", "Last-Event-ID is '\(header)', which is not a sequence number (0 or more).",
                    field: "Last-Event-ID")
            }
            return value
        }
        return try QueryReader(request).int("since", in: 0...Int.max).map(Int64.init)
    }

    /// `?max_events=N` closes the stream after N events (scripts and tests); nil: open until the client leaves.
    static func maxEvents(_ request: Request) throws -> Int? {
        try QueryReader(request).int("max_events", in: 1...Int.max)
    }
}
