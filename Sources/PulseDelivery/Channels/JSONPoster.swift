import AsyncHTTPClient
import Foundation
import NIOCore

/// POSTs a JSON body with a deadline over a shared `HTTPClient` and turns every failure into a `DeliveryError`
/// (the HTTP status and host, a timeout, a connection problem).
public struct JSONPoster: Sendable {
    let client: HTTPClient
    /// Seconds allowed for the whole request, connection included.
    public var timeout: Double

    /// Uses `client` (owned and shut down by the caller).
    public init(client: HTTPClient, timeout: Double = 10) {
        self.client = client
        self.timeout = timeout
    }

    /// Sends `body` to `url` with `Content-Type: application/json` and the extra headers; returns the response
    /// body when the status is 2xx.
    @discardableResult
    public func post(_ body: Data, to url: String, headers extra: [(String, String)] = []) async throws -> String {
        guard let parsed = URL(string: url), let scheme = parsed.scheme, ["http", "https"].contains(scheme),
            let host = parsed.host, !host.isEmpty
        else { throw DeliveryError.invalidSettings("\"\(url)\" is not an http(s) URL") }
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: "Pulse")
        for (name, value) in extra { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(bytes: body))
        let response: HTTPClientResponse
        let answer: ByteBuffer
        do {
            response = try await client.execute(request, timeout: .milliseconds(Int64(timeout * 1000)))
            answer = try await response.body.collect(upTo: 64 * 1024)
        } catch let error as HTTPClientError
            where error == .deadlineExceeded || error == .readTimeout
            || error == .connectTimeout
        {
            throw DeliveryError.timeout(what: "an HTTP response", host: host, seconds: timeout)
        } catch {
            throw DeliveryError.connection(host: host, reason: "\(error)")
        }
        let text = String(buffer: answer)
        guard (200..<300).contains(response.status.code) else {
            throw DeliveryError.httpStatus(code: Int(response.status.code), host: host, body: text)
        }
        return text
    }
}
