/// Exact decimal text ("1100.04", "-3", "4.0") as mantissa and fraction digits, for money without `Double`.
public struct DecimalText: Hashable, Sendable {
    public var mantissa: Int64
    /// Digits after the decimal point.
    public var fractionDigits: Int

    /// Parses `[-+]digits[.digits]`; nil for anything else ("12k", "1e5", "").
    public init?(_ text: String) {
        var mantissa: Int64 = 0
        var fractionDigits = 0
        var negative = false
        var seenDigit = false
        var seenPoint = false
        for (offset, scalar) in text.unicodeScalars.enumerated() {
            switch scalar {
            case "-" where offset == 0: negative = true
            case "+" where offset == 0: break
            case "." where !seenPoint: seenPoint = true
            case "0"..."9":
                let digit = Int64(scalar.value - 48)
                let (times, overflow1) = mantissa.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = times.addingReportingOverflow(digit)
                guard !overflow1 && !overflow2 else { return nil }
                mantissa = sum
                seenDigit = true
                if seenPoint { fractionDigits += 1 }
            default: return nil
            }
        }
        guard seenDigit else { return nil }
        self.mantissa = negative ? -mantissa : mantissa
        self.fractionDigits = fractionDigits
    }

    /// `self × scale × 100`, rounded half away from zero: money in units → cents. Nil on overflow.
    public func cents(scale: DecimalText) -> Int64? {
        let (product, overflow) = mantissa.multipliedReportingOverflow(by: scale.mantissa)
        guard !overflow else { return nil }
        let (hundred, overflow2) = product.multipliedReportingOverflow(by: 100)
        guard !overflow2 else { return nil }
        var divisor: Int64 = 1
        for _ in 0..<(fractionDigits + scale.fractionDigits) {
            let (next, overflow3) = divisor.multipliedReportingOverflow(by: 10)
            guard !overflow3 else { return nil }
            divisor = next
        }
        let quotient = hundred / divisor
        let remainder = hundred % divisor
        if abs(remainder) * 2 >= divisor { return quotient + (hundred < 0 ? -1 : 1) }
        return quotient
    }

    /// The integer value when there is no non-zero fraction ("4.0" → 4).
    public var integer: Int64? {
        var divisor: Int64 = 1
        for _ in 0..<fractionDigits {
            let (next, overflow) = divisor.multipliedReportingOverflow(by: 10)
            guard !overflow else { return nil }
            divisor = next
        }
        return mantissa % divisor == 0 ? mantissa / divisor : nil
    }
}
