import Crypto
import Foundation

/// API token secrets: `pulse_` followed by 32 random bytes in lower-case hex. Only `hash(_:)` of a secret is stored
/// (`ApiToken.hash`); the secret is shown once, when the token is created (`POST /api/tokens`, `pulse tokens create`).
public enum TokenSecret {
    /// The prefix every secret starts with, so a leaked one is easy to recognise.
    public static let prefix = "pulse_"

    /// A new random secret from the system's secure generator.
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return prefix + hex(bytes)
    }

    /// Lower-case hex SHA-256 of the secret's UTF-8 bytes: what `ApiToken.hash` holds.
    public static func hash(_ secret: String) -> String {
        hex(Array(SHA256.hash(data: Data(secret.utf8))))
    }

    /// The first characters of a secret ("pulse_3f9a"), which a token listing shows.
    public static func displayPrefix(_ secret: String) -> String { String(secret.prefix(prefix.count + 4)) }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
