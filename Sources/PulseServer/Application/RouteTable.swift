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

    private let storage = Mutex(Set<Entry>())

    public init() {}

    /// The routes recorded so far.
    public var entries: Set<Entry> { storage.withLock { $0 } }

    /// Records a route added to the router.
    public func record(_ method: HTTPRequest.Method, _ path: String) {
        _ = storage.withLock { $0.insert(Entry(method: method.rawValue, path: path)) }
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
    public func on(
        _ method: HTTPRequest.Method, _ path: String, table: RouteTable,
        use handler: @escaping @Sendable (Request, AppRequestContext) async throws -> Response
    ) -> Self {
        table.record(method, path)
        return on(RouterPath(path), method: method, use: handler)
    }
}
