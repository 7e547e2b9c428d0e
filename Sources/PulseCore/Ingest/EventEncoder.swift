import Foundation

/// Writes `PulseEvent`s as NDJSON lines (the format `EventDecoder` reads; see docs/events.md).
///
/// Keys are sorted and dates are ISO-8601 UTC, so the same event always gives the same bytes.
public struct EventEncoder {
    private let encoder: JSONEncoder

    public init() {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(ISODate.format(date))
        }
        self.encoder = encoder
    }

    /// One line of JSON for the event, without the trailing newline.
    public func line(for event: PulseEvent) throws -> String {
        let payload = try payloadJSON(event.payload)
        return "{\"id\":\(Self.quoted(event.id)),\"type\":\"\(event.type.rawValue)\",\"occurredAt\":\""
            + ISODate.format(event.occurredAt) + "\",\"tenant\":\(Self.quoted(event.tenant.rawValue)),\"payload\":"
            + payload + "}"
    }

    private func payloadJSON(_ payload: PulseEvent.Payload) throws -> String {
        let data: Data
        switch payload {
        case .tenant(let value): data = try encoder.encode(value)
        case .account(let value): data = try encoder.encode(value)
        case .contact(let value): data = try encoder.encode(value)
        case .rep(let value): data = try encoder.encode(value)
        case .product(let value): data = try encoder.encode(value)
        case .deal(let value): data = try encoder.encode(value)
        case .stageChange(let value): data = try encoder.encode(value)
        case .activity(let value): data = try encoder.encode(value)
        case .engagement(let value): data = try encoder.encode(value)
        case .ticket(let value): data = try encoder.encode(value)
        case .target(let value): data = try encoder.encode(value)
        case .subscription(let value): data = try encoder.encode(value)
        case .churn(let value): data = try encoder.encode(value)
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// A JSON string literal for `text`.
    public static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
