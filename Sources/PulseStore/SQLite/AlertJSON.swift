import Foundation
import PulseCore

/// The JSON coding of the alert tables' text columns: sorted keys, dates as Unix seconds, and non-finite
/// numbers as the strings "inf", "-inf" and "nan" (a fact may be a ratio over zero).
struct AlertJSON {
    private let encoder: JSONEncoder
    private let decoder: JSONDecoder

    init() {
        encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .secondsSince1970
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    }

    func encode<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Decodes a column's JSON, or throws a `StoreError` naming the table and column.
    func decode<T: Decodable>(_ type: T.Type, _ text: String, table: String, column: String) throws -> T {
        do {
            return try decoder.decode(type, from: Data(text.utf8))
        } catch {
            throw StoreError.corruptValue(text, table: table, column: column)
        }
    }
}

/// The JSON text columns of one alert, encoded before the write statement binds them.
struct AlertJSONColumns {
    var recipients: String
    var labels: String
    var suppression: String?
    var content: String
    var facts: String

    init(_ alert: Alert, _ json: AlertJSON) throws {
        recipients = try json.encode(alert.recipients)
        labels = try json.encode(alert.labels)
        suppression = try alert.suppression.map { try json.encode($0) }
        content = try json.encode(alert.content)
        facts = try json.encode(alert.facts)
    }
}
