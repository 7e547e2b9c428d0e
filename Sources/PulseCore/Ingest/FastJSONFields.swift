import Foundation

/// The fast path of `EventDecoder`: a `FieldSource` that reads a JSON object in place, from byte ranges of the
/// line, without building a `JSONValue` tree. It only handles the common shapes (no escapes, no nesting beyond
/// arrays of plain values); anything else, and every error, makes the decoder fall back to the full parser,
/// which produces the same records and the precise messages.
struct FastJSONFields: FieldSource {
    /// One `"key": value` of the object, as byte offsets into the line.
    struct Member {
        var keyStart: Int32
        var keyEnd: Int32
        var valueStart: Int32
        var valueEnd: Int32
        /// `s` string (range excludes the quotes), `n` number, `t`/`f` booleans, `z` null, `o` object, `a` array.
        var kind: UInt8
        var used = false
    }

    /// Thrown to mean "use the full parser"; never shown to users.
    static let fallback = FieldError(field: nil, gate: .parse, reason: "fast path declined")

    let bytes: UnsafeBufferPointer<UInt8>
    var members: [Member]
    let prefix: String

    init(bytes: UnsafeBufferPointer<UInt8>, members: [Member], prefix: String) {
        self.bytes = bytes
        self.members = members
        self.prefix = prefix
    }

    func path(_ field: String) -> String { prefix + field }

    var hasUnusedKeys: Bool { members.contains { !$0.used } }

    /// Marks a member as read (the envelope's payload, handled by the caller).
    mutating func markUsed(_ member: Member) {
        if let index = members.firstIndex(where: { $0.keyStart == member.keyStart }) { members[index].used = true }
    }

    /// Scans the object starting at `start` (a `{`); returns its members and the index after `}`, or nil.
    static func scanObject(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (members: [Member], end: Int)? {
        var index = start
        guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else { return nil }
        index += 1
        var members: [Member] = []
        members.reserveCapacity(16)
        skipSpace(bytes, &index)
        if index < bytes.count && bytes[index] == UInt8(ascii: "}") { return (members, index + 1) }
        while true {
            skipSpace(bytes, &index)
            guard let (keyStart, keyEnd) = scanPlainString(bytes, &index) else { return nil }
            skipSpace(bytes, &index)
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return nil }
            index += 1
            skipSpace(bytes, &index)
            guard index < bytes.count else { return nil }
            let valueStart: Int
            let valueEnd: Int
            let kind: UInt8
            switch bytes[index] {
            case UInt8(ascii: "\""):
                guard let (s, e) = scanPlainString(bytes, &index) else { return nil }
                (valueStart, valueEnd, kind) = (s, e, UInt8(ascii: "s"))
            case UInt8(ascii: "{"):
                guard let (_, end) = scanObject(bytes, from: index) else { return nil }
                (valueStart, valueEnd, kind) = (index, end, UInt8(ascii: "o"))
                index = end
            case UInt8(ascii: "["):
                guard let end = scanArray(bytes, from: index) else { return nil }
                (valueStart, valueEnd, kind) = (index, end, UInt8(ascii: "a"))
                index = end
            case UInt8(ascii: "t"):
                guard matches(bytes, index, "true") else { return nil }
                (valueStart, valueEnd, kind) = (index, index + 4, UInt8(ascii: "t"))
                index += 4
            case UInt8(ascii: "f"):
                guard matches(bytes, index, "false") else { return nil }
                (valueStart, valueEnd, kind) = (index, index + 5, UInt8(ascii: "f"))
                index += 5
            case UInt8(ascii: "n"):
                guard matches(bytes, index, "null") else { return nil }
                (valueStart, valueEnd, kind) = (index, index + 4, UInt8(ascii: "z"))
                index += 4
            default:
                let begin = index
                while index < bytes.count, isNumberByte(bytes[index]) { index += 1 }
                guard index > begin else { return nil }
                (valueStart, valueEnd, kind) = (begin, index, UInt8(ascii: "n"))
            }
            members.append(
                Member(
                    keyStart: Int32(keyStart), keyEnd: Int32(keyEnd), valueStart: Int32(valueStart),
                    valueEnd: Int32(valueEnd), kind: kind))
            skipSpace(bytes, &index)
            guard index < bytes.count else { return nil }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            guard bytes[index] == UInt8(ascii: "}") else { return nil }
            return (members, index + 1)
        }
    }

    /// Arrays of strings without escapes, or of objects without nesting deeper than one level.
    private static func scanArray(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var index = start + 1
        skipSpace(bytes, &index)
        if index < bytes.count && bytes[index] == UInt8(ascii: "]") { return index + 1 }
        while true {
            skipSpace(bytes, &index)
            guard index < bytes.count else { return nil }
            if bytes[index] == UInt8(ascii: "\"") {
                guard scanPlainString(bytes, &index) != nil else { return nil }
            } else if bytes[index] == UInt8(ascii: "{") {
                guard let (_, end) = scanObject(bytes, from: index) else { return nil }
                index = end
            } else {
                return nil
            }
            skipSpace(bytes, &index)
            guard index < bytes.count else { return nil }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            guard bytes[index] == UInt8(ascii: "]") else { return nil }
            return index + 1
        }
    }

    @inline(__always)
    private static func scanPlainString(_ bytes: UnsafeBufferPointer<UInt8>, _ index: inout Int) -> (Int, Int)? {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
        let start = index + 1
        var cursor = start
        while cursor < bytes.count {
            let byte = bytes[cursor]
            if byte == UInt8(ascii: "\"") {
                index = cursor + 1
                return (start, cursor)
            }
            if byte == UInt8(ascii: "\\") || byte < 0x20 { return nil }
            cursor += 1
        }
        return nil
    }

    @inline(__always)
    private static func skipSpace(_ bytes: UnsafeBufferPointer<UInt8>, _ index: inout Int) {
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
    }

    @inline(__always)
    private static func isNumberByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+")
            || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
    }

    private static func matches(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int, _ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { return false }
        return true
    }

    /// The member named `field`, marked used; nil when absent or null.
    private mutating func member(_ field: String) -> Member? {
        var key = field
        return key.withUTF8 { keyBytes -> Member? in
            for index in members.indices {
                let member = members[index]
                let length = Int(member.keyEnd - member.keyStart)
                guard length == keyBytes.count,
                    memcmp(bytes.baseAddress! + Int(member.keyStart), keyBytes.baseAddress!, length) == 0
                else { continue }
                members[index].used = true
                return member.kind == UInt8(ascii: "z") ? nil : member
            }
            return nil
        }
    }

    private func slice(_ member: Member) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: bytes[Int(member.valueStart)..<Int(member.valueEnd)])
    }

    mutating func text(_ field: String) throws(FieldError) -> String? {
        guard let member = member(field) else { return nil }
        guard member.kind == UInt8(ascii: "s") else { throw Self.fallback }
        return member.valueEnd == member.valueStart ? nil : String(decoding: slice(member), as: UTF8.self)
    }

    mutating func integer(_ field: String) throws(FieldError) -> Int64? {
        guard let member = member(field) else { return nil }
        guard member.kind == UInt8(ascii: "n") else { throw Self.fallback }
        let digits = slice(member)
        var value: Int64 = 0
        var negative = false
        for (offset, byte) in digits.enumerated() {
            if offset == 0 && byte == UInt8(ascii: "-") {
                negative = true
                continue
            }
            guard byte >= 0x30 && byte <= 0x39, value < 900_000_000_000_000_000 else { throw Self.fallback }
            value = value * 10 + Int64(byte - 0x30)
        }
        guard digits.count > (negative ? 1 : 0) else { throw Self.fallback }
        if digits.count > 1 && digits[negative ? 1 : 0] == 0x30 { throw Self.fallback }
        return negative ? -value : value
    }

    mutating func number(_ field: String) throws(FieldError) -> Double? {
        guard let member = member(field) else { return nil }
        guard member.kind == UInt8(ascii: "n") else { throw Self.fallback }
        let text = String(decoding: slice(member), as: UTF8.self)
        guard (try? JSONParser.parse(text)) != nil, let value = Double(text), value.isFinite else {
            throw Self.fallback
        }
        return value
    }

    mutating func cents(_ field: String) throws(FieldError) -> Int64? { try integer(field) }

    mutating func date(_ field: String) throws(FieldError) -> Date? {
        guard let member = member(field) else { return nil }
        guard member.kind == UInt8(ascii: "s") else { throw Self.fallback }
        if member.valueEnd == member.valueStart { return nil }
        guard let date = ISODate.parse(bytes: slice(member)) else { throw Self.fallback }
        return date
    }

    mutating func flag(_ field: String) throws(FieldError) -> Bool? {
        guard let member = member(field) else { return nil }
        switch member.kind {
        case UInt8(ascii: "t"): return true
        case UInt8(ascii: "f"): return false
        default: throw Self.fallback
        }
    }

    /// Lists go through the full parser (they are short and rare).
    private mutating func slow(_ field: String) throws(FieldError) -> JSONFields? {
        guard let member = member(field) else { return nil }
        let value: JSONValue
        do { value = try JSONParser.parse(slice(member)) } catch { throw Self.fallback }
        return JSONFields([JSONMember(key: field, value: value)], prefix: prefix)
    }

    mutating func texts(_ field: String) throws(FieldError) -> [String]? {
        guard var fields = try slow(field) else { return nil }
        return try fields.texts(field)
    }

    mutating func history(_ field: String) throws(FieldError) -> [StageChange]? {
        guard var fields = try slow(field) else { return nil }
        return try fields.history(field)
    }
}
