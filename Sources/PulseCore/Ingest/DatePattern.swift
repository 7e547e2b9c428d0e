import Foundation

/// An explicit date format for a CSV column, e.g. `yyyy-MM-dd` or `dd/MM/yyyy HH:mm:ss`, read as UTC.
///
/// Tokens: `yyyy` year, `MM`/`M` month, `dd`/`d` day, `HH` hour, `mm` minute, `ss` second, `SSS` fraction;
/// anything else is a literal. `iso8601` accepts any ISO-8601 form. Two-digit years are refused as ambiguous.
public struct DatePattern: Hashable, Sendable, CustomStringConvertible {
    enum Token: Hashable, Sendable {
        case year, month, day, hour, minute, second, fraction
        case literal(UInt8)
    }

    let tokens: [Token]
    let isISO: Bool
    public let description: String

    /// ISO-8601 (the default when a mapping names no format).
    public static let iso8601 = DatePattern(iso: true)

    private init(iso: Bool) {
        tokens = []
        isISO = iso
        description = "iso8601"
    }

    /// Compiles a format; throws a sentence naming the problem when it is unknown or ambiguous.
    public init(_ format: String) throws(MappingError) {
        if format.lowercased() == "iso8601" || format.lowercased() == "iso-8601" {
            self = .iso8601
            return
        }
        var tokens: [Token] = []
        let characters = Array(format)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            var run = 1
            while index + run < characters.count && characters[index + run] == character { run += 1 }
            switch (character, run) {
            case ("y", 4): tokens.append(.year)
            case ("y", _):
                throw MappingError(
                    code: "ambiguous_date_format",
                    message: "date format '\(format)' has a \(run)-digit year, which is ambiguous; use yyyy")
            case ("M", 1...2): tokens.append(.month)
            case ("d", 1...2): tokens.append(.day)
            case ("H", 1...2): tokens.append(.hour)
            case ("m", 1...2): tokens.append(.minute)
            case ("s", 1...2): tokens.append(.second)
            case ("S", _): tokens.append(.fraction)
            case _ where character.isLetter:
                throw MappingError(
                    code: "unknown_date_format",
                    message: "date format '\(format)' uses '\(String(repeating: character, count: run))', "
                        + "which Pulse does not know; use yyyy, MM, dd, HH, mm, ss, SSS or iso8601")
            default:
                guard let ascii = character.asciiValue else {
                    throw MappingError(code: "unknown_date_format", message: "date format '\(format)' is not ASCII")
                }
                tokens.append(contentsOf: Array(repeating: Token.literal(ascii), count: run))
            }
            index += run
        }
        for needed in [Token.year, .month, .day] where !tokens.contains(needed) {
            throw MappingError(
                code: "ambiguous_date_format",
                message: "date format '\(format)' needs a year (yyyy), a month (MM) and a day (dd)")
        }
        self.tokens = tokens
        self.isISO = false
        self.description = format
    }

    /// Parses `text`, or nil when it does not follow the pattern or names an impossible date.
    public func parse(_ text: String) -> Date? {
        if isISO { return ISODate.parse(text) }
        var copy = text
        return copy.withUTF8 { bytes -> Date? in
            var cursor = DigitCursor(bytes: bytes)
            var year = 0
            var month = 0
            var day = 0
            var hour = 0
            var minute = 0
            var second = 0
            var fraction = 0.0
            for token in tokens {
                switch token {
                case .year: guard let value = cursor.digits(4) else { return nil }; year = value
                case .month: guard let value = cursor.upTo2() else { return nil }; month = value
                case .day: guard let value = cursor.upTo2() else { return nil }; day = value
                case .hour: guard let value = cursor.upTo2() else { return nil }; hour = value
                case .minute: guard let value = cursor.upTo2() else { return nil }; minute = value
                case .second: guard let value = cursor.upTo2() else { return nil }; second = value
                case .fraction:
                    var numerator = 0
                    var denominator = 1
                    while let digit = cursor.digit() {
                        if denominator < 1_000_000_000 {
                            numerator = numerator * 10 + digit
                            denominator *= 10
                        }
                    }
                    guard denominator > 1 else { return nil }
                    fraction = Double(numerator) / Double(denominator)
                case .literal(let byte):
                    guard cursor.expect(Unicode.Scalar(byte)) else { return nil }
                }
            }
            guard cursor.atEnd, (1...12).contains(month), (1...ISODate.daysIn(month: month, year: year)).contains(day),
                hour < 24, minute < 60, second < 61
            else { return nil }
            let days = ISODate.daysFromCivil(year: year, month: month, day: day)
            return Date(timeIntervalSince1970: Double(days * 86_400 + hour * 3600 + minute * 60 + second) + fraction)
        }
    }
}

extension DigitCursor {
    /// One or two digits (for `M`, `d`, `HH` …).
    mutating func upTo2() -> Int? {
        guard let first = digit() else { return nil }
        if let second = digit() { return first * 10 + second }
        return first
    }
}
