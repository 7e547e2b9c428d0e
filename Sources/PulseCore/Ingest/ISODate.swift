import Foundation

/// Fast ISO-8601 parsing and formatting: `2025-04-03`, `2025-04-03T10:00:00Z`, offsets and fractions.
public enum ISODate {
    /// Parses an ISO-8601 date or date-time; a date alone means midnight UTC, a time without zone is refused.
    public static func parse(_ text: String) -> Date? {
        var copy = text
        return copy.withUTF8 { parse(bytes: $0) }
    }

    /// Parses from raw bytes (see `parse(_:)`).
    public static func parse(bytes: UnsafeBufferPointer<UInt8>) -> Date? {
        var cursor = DigitCursor(bytes: bytes)
        guard let year = cursor.digits(4), cursor.expect("-"), let month = cursor.digits(2), cursor.expect("-"),
            let day = cursor.digits(2), (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day)
        else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        if cursor.atEnd { return Date(timeIntervalSince1970: Double(days) * 86_400) }
        guard cursor.expect("T") || cursor.expect("t") || cursor.expect(" "),
            let hour = cursor.digits(2), cursor.expect(":"), let minute = cursor.digits(2)
        else { return nil }
        var second = 0
        var fraction = 0.0
        if cursor.expect(":") {
            guard let parsed = cursor.digits(2) else { return nil }
            second = parsed
            if cursor.expect(".") || cursor.expect(",") {
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
            }
        }
        guard hour < 24 || (hour == 24 && minute == 0 && second == 0), minute < 60, second < 61 else { return nil }
        var offsetSeconds = 0
        if cursor.expect("Z") || cursor.expect("z") {
            offsetSeconds = 0
        } else if let sign = cursor.sign() {
            guard let offsetHours = cursor.digits(2) else { return nil }
            _ = cursor.expect(":")
            guard let offsetMinutes = cursor.digits(2), offsetHours < 24, offsetMinutes < 60 else { return nil }
            offsetSeconds = sign * (offsetHours * 3600 + offsetMinutes * 60)
        } else {
            return nil
        }
        guard cursor.atEnd else { return nil }
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }

    /// Formats as `yyyy-MM-ddTHH:mm:ssZ` in UTC, with milliseconds only when the date has them.
    public static func format(_ date: Date) -> String {
        let interval = date.timeIntervalSince1970
        var whole = Int64(interval.rounded(.down))
        var millis = Int64(((interval - Double(whole)) * 1000).rounded())
        if millis == 1000 {
            whole += 1
            millis = 0
        }
        let days = Int(Days.floorDiv(whole, 86_400))
        let secondsOfDay = Int(whole - Int64(days) * 86_400)
        let (year, month, day) = civilFromDays(days)
        var text = pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + "T"
        text += pad(secondsOfDay / 3600, 2) + ":" + pad(secondsOfDay / 60 % 60, 2) + ":" + pad(secondsOfDay % 60, 2)
        if millis != 0 { text += "." + pad(Int(millis), 3) }
        return text + "Z"
    }

    /// True when the text looks like a day/month date whose order cannot be told ("03/04/2025").
    public static func looksAmbiguous(_ text: String) -> Bool {
        let parts = text.split(whereSeparator: { $0 == "/" || $0 == "." || $0 == "-" })
        guard parts.count == 3, parts.allSatisfy({ $0.allSatisfy(\.isNumber) }) else { return false }
        return parts[0].count <= 2 && parts[1].count <= 2
    }

    /// Explains why `text` is not accepted, with an example of the expected form.
    public static func problem(with text: String) -> String {
        if looksAmbiguous(text) {
            let parts = text.split(whereSeparator: { $0 == "/" || $0 == "." || $0 == "-" }).map(String.init)
            var year = parts[2]
            if year.count == 2 { year = "20" + year }
            let example = "\(year)-\(pad(Int(parts[1]) ?? 1, 2))-\(pad(Int(parts[0]) ?? 1, 2))T00:00:00Z"
            return "'\(text)' is ambiguous; use ISO-8601 like \(example)"
        }
        return "'\(text)' is not an ISO-8601 date; use a form like 2025-04-03 or 2025-04-03T10:00:00Z"
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    public static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        Int(UTCCalendar.dayNumber(year: Int64(year), month: Int64(month), day: Int64(day)))
    }

    /// The calendar date of a day count since 1970-01-01.
    public static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let civil = UTCCalendar.civil(dayNumber: Int64(days))
        return (Int(civil.year), Int(civil.month), Int(civil.day))
    }

    /// Number of days in a month.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}

/// Reads fixed-width digits and separators from a byte buffer.
struct DigitCursor {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    var atEnd: Bool { index == bytes.count }

    mutating func digit() -> Int? {
        guard index < bytes.count else { return nil }
        let byte = bytes[index]
        guard byte >= 0x30 && byte <= 0x39 else { return nil }
        index += 1
        return Int(byte - 0x30)
    }

    mutating func digits(_ count: Int) -> Int? {
        var value = 0
        for _ in 0..<count {
            guard let digit = digit() else { return nil }
            value = value * 10 + digit
        }
        return value
    }

    mutating func expect(_ character: Unicode.Scalar) -> Bool {
        guard index < bytes.count, bytes[index] == UInt8(character.value) else { return false }
        index += 1
        return true
    }

    mutating func sign() -> Int? {
        if expect("+") { return 1 }
        if expect("-") { return -1 }
        return nil
    }
}
