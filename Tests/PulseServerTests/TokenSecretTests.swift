import PulseServer
import Testing

@Suite struct TokenSecretTests {
    @Test func aGeneratedSecretIsPulsePrefixedAnd32RandomBytesOfHex() {
        let secret = TokenSecret.generate()
        #expect(secret.hasPrefix("pulse_"))
        let hex = secret.dropFirst("pulse_".count)
        #expect(hex.count == 64)
        #expect(hex.allSatisfy { $0.isHexDigit && !$0.isUppercase })
        #expect(TokenSecret.generate() != secret)
    }

    @Test func theHashIsTheLowerCaseHexSHA256OfTheSecret() {
        // printf 'abc' | sha256sum
        #expect(TokenSecret.hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(TokenSecret.displayPrefix("pulse_3f9a77") == "pulse_3f9a")
    }
}
