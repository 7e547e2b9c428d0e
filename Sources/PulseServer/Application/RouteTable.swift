import Hummingbird
import Synchronization

/// Every route the API registers (method and path template such as `/api/alerts/{number}`), recorded as it is
/// added to the router. The OpenAPI test compares it with `openapi.yaml`; the error middleware uses it to tell a
/// wrong method (405) from an unknown path (404).
public final class RouteTable: Sendable {
    /// One registered route.
    public struct Entry: Hashable, Sendable, CustomStringConvertible {
        public var method: String
        public var path: String

        public var description: String { "\(method) \(path)" }
    }

    private let storage = Mutex([Entry: Set<String>]())

    public init() {}

    /// The routes recorded so far.
    public var entries: Set<Entry> { storage.withLock { Set($0.keys) } }

    /// The query parameters each route accepts (any other is a 400).
    public var queryParameters: [Entry: Set<String>] { storage.withLock { $0 } }

    /// Records a route added to the router and the query parameters it accepts.
    public func record(_ method: HTTPRequest.Method, _ path: String, query: Set<String> = []) {
        storage.withLock { $0[Entry(method: method.rawValue, path: path)] = query }
    }

    /// The methods registered for the template that matches `path`; empty when no template matches.
    func methods(matching path: String) -> Set<String> {
        let segments = Self.segments(path)
        return Set(entries.filter { Self.matches(Self.segments($0.path), segments) }.map(\.method))
    }

    static func segments(_ path: String) -> [Substring] { path.split(separator: "/", omittingEmptySubsequences: true) }

    static func matches(_ template: [Substring], _ path: [Substring]) -> Bool {
        guard template.count == path.count else { return false }
        return zip(template, path).allSatisfy { $0.first == "{" || $0 == $1 }
    }
}

extension RouterMethods where Context == AppRequestContext {
    /// Adds a route and records it in `table` (so the OpenAPI test and the 405 answer know it). Routes added from
    /// outside this file (the live stream, reporting) should use this too.
    @discardableResult
    /// A request naming a query parameter outside `query` is a 400 that lists the accepted ones.
    public func on(
        _ method: HTTPRequest.Method, _ path: String, table: RouteTable, query: Set<String> = [],
        use handler: @escaping @Sendable (Request, AppRequestContext) async throws -> Response
    ) -> Self {
        table.record(method, path, query: query)
        return on(RouterPath(path), method: method) { request, context in
            try QueryReader.check(request, allowed: query)
            return try await handler(request, context)
        }
    }
}
