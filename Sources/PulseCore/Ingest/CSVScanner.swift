/// A byte-level RFC 4180 reader fed in chunks: quoted fields, doubled quotes, embedded newlines, CRLF or LF,
/// a leading UTF-8 BOM stripped; invalid UTF-8 and over-long records are reported, never buffered whole.
public struct CSVScanner {
    public let delimiter: UInt8
    public let maxRecordBytes: Int

    private enum State { case fieldStart, unquoted, quoted, quoteInQuoted, afterCR }

    private var state = State.fieldStart
    private var field: [UInt8] = []
    private var fields: [String] = []
    private var raw: [UInt8] = []
    private var recordBytes = 0
    private var problem: String?
    private var line = 1
    private var column = 0
    private var recordLine = 1
    private var fieldLine = 1
    private var fieldColumn = 1
    private var fieldQuoted = false
    private var bomBytesSeen = 0
    private var pendingBOM: [UInt8] = []
    private static let rawLimit = 500

    public init(delimiter: UInt8 = UInt8(ascii: ","), maxRecordBytes: Int = 1 << 20) {
        self.delimiter = delimiter
        self.maxRecordBytes = maxRecordBytes
    }

    /// Feeds the next chunk; `body` receives each record completed by it.
    public mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>, _ body: (CSVRecord) throws -> Void) rethrows {
        for byte in chunk {
            if bomBytesSeen < 3 {
                let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
                if byte == bom[bomBytesSeen] && pendingBOM.count == bomBytesSeen {
                    pendingBOM.append(byte)
                    bomBytesSeen += 1
                    if bomBytesSeen == 3 { pendingBOM = [] }
                    continue
                }
                bomBytesSeen = 3
                let replay = pendingBOM
                pendingBOM = []
                for early in replay { try consume(early, body) }
            }
            try consume(byte, body)
        }
    }

    /// Ends the input: a last record without a newline is still a record; an open quote is a problem.
    public mutating func finish(_ body: (CSVRecord) throws -> Void) rethrows {
        if !pendingBOM.isEmpty {
            let replay = pendingBOM
            pendingBOM = []
            bomBytesSeen = 3
            for early in replay { try consume(early, body) }
        }
        switch state {
        case .quoted:
            if problem == nil {
                problem = "unterminated quoted field starting at line \(fieldLine), column \(fieldColumn)"
            }
            try endRecord(body)
        case .fieldStart:
            if !fields.isEmpty || recordBytes > 0 { try endRecord(body) }
        default:
            try endRecord(body)
        }
    }

    @inline(__always)
    private mutating func consume(_ byte: UInt8, _ body: (CSVRecord) throws -> Void) rethrows {
        column += 1
        recordBytes += 1
        if raw.count < Self.rawLimit { raw.append(byte) }
        switch state {
        case .fieldStart:
            fieldLine = line
            fieldColumn = column
            fieldQuoted = false
            if byte == UInt8(ascii: "\"") {
                fieldQuoted = true
                state = .quoted
            } else if byte == delimiter {
                endField()
            } else if byte == 0x0D {
                state = .afterCR
            } else if byte == 0x0A {
                try newline(body)
            } else {
                append(byte)
                state = .unquoted
            }
        case .unquoted:
            if byte == delimiter {
                endField()
                state = .fieldStart
            } else if byte == 0x0D {
                state = .afterCR
            } else if byte == 0x0A {
                try newline(body)
            } else {
                append(byte)
            }
        case .quoted:
            if byte == UInt8(ascii: "\"") {
                state = .quoteInQuoted
            } else {
                if byte == 0x0A {
                    line += 1
                    column = 0
                }
                append(byte)
            }
        case .quoteInQuoted:
            if byte == UInt8(ascii: "\"") {
                append(byte)
                state = .quoted
            } else if byte == delimiter {
                endField()
                state = .fieldStart
            } else if byte == 0x0D {
                state = .afterCR
            } else if byte == 0x0A {
                try newline(body)
            } else {
                if problem == nil {
                    problem = "unexpected character after a closing quote at line \(line), column \(column)"
                }
                append(byte)
                state = .unquoted
            }
        case .afterCR:
            if byte == 0x0A {
                try newline(body)
            } else {
                // A lone CR inside an unquoted field is kept as data.
                append(0x0D)
                state = .unquoted
                try consume(byte, body)
                column -= 1
                recordBytes -= 1
            }
        }
    }

    @inline(__always)
    private mutating func append(_ byte: UInt8) {
        if recordBytes <= maxRecordBytes { field.append(byte) }
    }

    private mutating func endField() {
        if recordBytes <= maxRecordBytes {
            if problem == nil {
                let invalid = field.withUnsafeBufferPointer { UTF8Validation.firstInvalidByte(in: $0) }
                if let invalid {
                    let byteColumn = fieldColumn + invalid + (fieldQuoted ? 1 : 0)
                    problem =
                        "not valid UTF-8: byte 0x\(String(field[invalid], radix: 16, uppercase: true)) "
                        + "at line \(fieldLine), byte column \(byteColumn)"
                }
            }
            fields.append(String(decoding: field, as: UTF8.self))
        }
        field.removeAll(keepingCapacity: true)
    }

    private mutating func newline(_ body: (CSVRecord) throws -> Void) rethrows {
        try endRecord(body)
        line += 1
        column = 0
    }

    private mutating func endRecord(_ body: (CSVRecord) throws -> Void) rethrows {
        endField()
        var trimmedRaw = raw
        while let last = trimmedRaw.last, last == 0x0A || last == 0x0D { trimmedRaw.removeLast() }
        var record = CSVRecord(
            line: recordLine, fields: fields, raw: String(decoding: trimmedRaw, as: UTF8.self), problem: problem)
        if recordBytes > maxRecordBytes {
            record.fields = []
            record.problem =
                "record is \(recordBytes) bytes long, over the \(maxRecordBytes)-byte limit"
                + " (an unclosed quote can cause this); it was skipped"
        }
        let isBlank = fields.count == 1 && fields[0].isEmpty && record.problem == nil
        fields = []
        raw.removeAll(keepingCapacity: true)
        recordBytes = 0
        problem = nil
        state = .fieldStart
        recordLine = line + 1
        if !isBlank { try body(record) }
    }
}
