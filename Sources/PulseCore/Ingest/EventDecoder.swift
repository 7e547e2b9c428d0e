import Foundation

/// Decodes NDJSON event lines into `PulseEvent`s, with errors that name the field at fault.
public struct EventDecoder: Sendable {
    /// Tenant for lines that do not name one.
    public var defaultTenant: Tenant.ID

    public init(defaultTenant: Tenant.ID = Tenant.defaultID) { self.defaultTenant = defaultTenant }

    static let envelopeKeys: Set<String> = ["id", "type", "occurredAt", "tenant", "payload"]

    /// Decodes one line (without its newline); the stated sales-cycle days of a deal come back alongside.
    public func decode(line bytes: UnsafeBufferPointer<UInt8>) throws(FieldError) -> (
        event: PulseEvent, statedCycleDays: Int?
    ) {
        if let bad = UTF8Validation.firstInvalidByte(in: bytes) {
            throw FieldError(
                field: nil, gate: .parse,
                reason: "not valid UTF-8: byte 0x\(String(bytes[bad], radix: 16, uppercase: true)) at column \(bad + 1)"
            )
        }
        let value: JSONValue
        do { value = try JSONParser.parse(bytes) } catch {
            throw FieldError(field: nil, gate: .parse, reason: error.description)
        }
        return try decode(value)
    }

    /// Decodes one line given as a string.
    public func decode(line: String) throws(FieldError) -> (event: PulseEvent, statedCycleDays: Int?) {
        var copy = line
        let result: Result<(event: PulseEvent, statedCycleDays: Int?), FieldError> = copy.withUTF8 { buffer in
            do throws(FieldError) { return .success(try decode(line: buffer)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    /// Decodes an already parsed JSON value.
    public func decode(_ value: JSONValue) throws(FieldError) -> (event: PulseEvent, statedCycleDays: Int?) {
        guard case .object(let members) = value else {
            throw FieldError(field: nil, gate: .parse, reason: "expected a JSON object, found \(value.rendered)")
        }
        var envelope = JSONFields(members, prefix: "")
        guard let id = try envelope.text("id") else {
            throw FieldError(
                field: "id", gate: .criticalNull, reason: "the event has no id (needed to skip re-ingests)")
        }
        guard let typeName = try envelope.text("type") else {
            throw FieldError(field: "type", gate: .schema, reason: "the event has no type")
        }
        guard let type = EventType(rawValue: typeName) else {
            let known = EventType.allCases.map(\.rawValue)
            var reason = "unknown event type '\(typeName)'"
            if let near = NameSuggestion.nearest(to: typeName, in: known) { reason += "; did you mean '\(near)'?" }
            reason += " Known types: " + known.joined(separator: ", ")
            throw FieldError(field: "type", gate: .schema, reason: reason)
        }
        guard let occurredAt = try envelope.date("occurredAt") else {
            throw FieldError(field: "occurredAt", gate: .schema, reason: "the event has no occurredAt")
        }
        let tenant = try envelope.text("tenant").map { Tenant.ID($0) } ?? defaultTenant
        guard let payloadValue = members.first(where: { $0.key == "payload" })?.value else {
            throw FieldError(field: "payload", gate: .schema, reason: "the event has no payload")
        }
        guard case .object(let payloadMembers) = payloadValue else {
            throw FieldError(
                field: "payload", gate: .schema, reason: "expected an object, found \(payloadValue.rendered)")
        }
        for member in members where !Self.envelopeKeys.contains(member.key) {
            throw FieldError(
                field: member.key, gate: .schema,
                reason: "unknown envelope field; an event has id, type, occurredAt, tenant, payload")
        }
        let kind = EntityKind(type)
        var fields = JSONFields(payloadMembers)
        let built = try kind.build(from: &fields, tenant: tenant, defaultTime: occurredAt)
        if let extra = fields.unusedKeys.first {
            var reason = "unknown field for \(type.rawValue)"
            if let near = NameSuggestion.nearest(to: extra, in: kind.fieldNames) { reason += "; did you mean \(near)?" }
            throw FieldError(field: fields.path(extra), gate: .schema, reason: reason)
        }
        let event = PulseEvent(id: id, occurredAt: occurredAt, tenant: tenant, payload: built.payload)
        return (event, built.statedCycleDays)
    }
}
