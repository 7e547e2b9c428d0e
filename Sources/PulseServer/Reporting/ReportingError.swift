import Foundation
import Hummingbird

/// A reporting request the server refuses, answered as JSON `{"error": {"code", "message", "parameter"}}`.
struct ReportingError: Error, Sendable {
    var status: HTTPResponse.Status
    var code: String
    var parameter: String
    var message: String

    func response() -> Response {
        let body: [String: [String: String]] = ["error": ["code": code, "message": message, "parameter": parameter]]
        let data = (try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])) ?? Data()
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
