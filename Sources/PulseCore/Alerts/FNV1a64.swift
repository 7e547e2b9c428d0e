import Foundation

/// FNV-1a, 64 bits: a fast, stable, well-spread hash for short keys (not cryptographic).
struct FNV1a64 {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325
    private static let prime: UInt64 = 0x0000_0100_0000_01b3
    private static let separator: UInt8 = 0xFF

    /// Adds the string's UTF-8 bytes, then the separator byte.
    mutating func add(_ text: String) {
        for byte in text.utf8 { add(byte: byte) }
        add(byte: Self.separator)
    }

    mutating func add(byte: UInt8) {
        value ^= UInt64(byte)
        value = value &* Self.prime
    }

    /// Sixteen lower-case hex digits, zero-padded.
    var hex: String {
        let digits = Array("0123456789abcdef")
        var out = ""
        out.reserveCapacity(16)
        for shift in stride(from: 60, through: 0, by: -4) {
            out.append(digits[Int((value >> UInt64(shift)) & 0xF)])
        }
        return out
    }
}
