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
        if let fast = fastDecode(bytes) { return fast }
        let value: JSONValue
        do { value = try JSONParser.parse(bytes) } catch {
            throw FieldError(field: nil, gate: .parse, reason: error.description)
        }
        return try decode(value)
    }

    /// The fast path: reads the common event shape in place; nil means "use the full parser" (which also
    /// produces every error message), so both paths accept exactly the same lines.
    func fastDecode(_ bytes: UnsafeBufferPointer<UInt8>) -> (event: PulseEvent, statedCycleDays: Int?)? {
        var start = 0
        while start < bytes.count, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        guard let (members, end) = FastJSONFields.scanObject(bytes, from: start) else { return nil }
        var tail = end
        while tail < bytes.count, bytes[tail] == 0x20 || bytes[tail] == 0x09 { tail += 1 }
        guard tail == bytes.count else { return nil }
        var envelope = FastJSONFields(bytes: bytes, members: members, prefix: "")
        guard let id = try? envelope.text("id"), let typeName = try? envelope.text("type"),
            let type = EventType(rawValue: typeName), let occurredAt = try? envelope.date("occurredAt")
        else { return nil }
        let tenantText: String?
        do { tenantText = try envelope.text("tenant") } catch { return nil }
        let tenant = tenantText.map { Tenant.ID($0) } ?? defaultTenant
        guard
            let payload = members.first(where: { member in
                member.kind == UInt8(ascii: "o") && member.keyEnd - member.keyStart == 7
                    && String(
                        decoding: UnsafeBufferPointer(rebasing: bytes[Int(member.keyStart)..<Int(member.keyEnd)]),
                        as: UTF8.self) == "payload"
            })
        else { return nil }
        envelope.markUsed(payload)
        guard !envelope.hasUnusedKeys,
            let (payloadMembers, _) = FastJSONFields.scanObject(bytes, from: Int(payload.valueStart))
        else { return nil }
        var fields = FastJSONFields(bytes: bytes, members: payloadMembers, prefix: "payload.")
        guard let built = try? EntityKind(type).build(from: &fields, tenant: tenant, defaultTime: occurredAt),
            !fields.hasUnusedKeys
        else { return nil }
        return (
            PulseEvent(id: id, occurredAt: occurredAt, tenant: tenant, payload: built.payload), built.statedCycleDays
        )
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
