import Foundation
import Hummingbird

/// JSON responses and bodies for the API's routes.
enum JSONBody {
    /// `value` as a JSON response (ISO-8601 dates, sorted keys).
    static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try JSONEncoder.api.encode(value)
        return Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// An already encoded JSON body as a 200 response.
    static func response(encoded body: ByteBuffer) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: body))
    }

    /// The request body, at most `limit` bytes (413 beyond).
    static func bytes(_ request: Request, limit: Int) async throws -> [UInt8] {
        var request = request
        let buffer = try await request.collectBody(upTo: limit)
        return Array(buffer.readableBytesView)
    }

    /// The request body decoded as `T`; a 400 that names the field when it does not decode.
    static func decode<T: Decodable>(_ type: T.Type, from request: Request, limit: Int) async throws -> T {
        let bytes = try await bytes(request, limit: limit)
        guard !bytes.isEmpty else {
            throw APIError.badRequest("empty_body", "The request body is empty; send a JSON object.")
        }
        do {
            return try JSONDecoder.api.decode(T.self, from: Data(bytes))
        } catch let error as DecodingError {
            throw ErrorMiddleware.decoding(error)
        }
    }
}
