/// Splits a byte stream fed in chunks into lines (LF or CRLF), strips a leading UTF-8 BOM and refuses
/// lines longer than a limit without buffering them, so a 10 MB line cannot exhaust memory.
public struct LineScanner {
    /// A complete line, or a line that was too long and was skipped.
    public enum Line {
        case text(UnsafeBufferPointer<UInt8>, number: Int)
        case tooLong(number: Int, bytes: Int, prefix: String)
    }

    public let maxLineBytes: Int
    private var carry: [UInt8] = []
    private var lineNumber = 1
    private var atStart = true
    /// While skipping an over-long line: its size so far, first bytes, and whether its last byte so far is a CR
    /// (a CR before the LF is not counted, as for lines that fit).
    private var skipping: (bytes: Int, prefix: String, endsWithCR: Bool)?

    public init(maxLineBytes: Int = 1 << 20) { self.maxLineBytes = maxLineBytes }

    /// Feeds the next chunk; `body` sees every line completed by it, in order.
    public mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>, _ body: (Line) throws -> Void) rethrows {
        if atStart && !chunk.isEmpty {
            if carry.count + chunk.count < 3 {
                carry.append(contentsOf: chunk)
                return
            }
            atStart = false
            var joined = carry + Array(chunk)
            carry = []
            if joined.starts(with: [0xEF, 0xBB, 0xBF]) { joined.removeFirst(3) }
            try joined.withUnsafeBufferPointer { try feed($0, body) }
            return
        }
        var index = 0
        while index < chunk.count {
            guard let newline = Self.find(0x0A, in: chunk, from: index) else {
                appendPartial(UnsafeBufferPointer(rebasing: chunk[index...]))
                return
            }
            if let skipped = skipping {
                let endsWithCR = newline > index ? chunk[newline - 1] == 0x0D : skipped.endsWithCR
                let bytes = skipped.bytes + newline - index - (endsWithCR ? 1 : 0)
                try body(.tooLong(number: lineNumber, bytes: bytes, prefix: skipped.prefix))
                skipping = nil
            } else if carry.isEmpty {
                try emit(UnsafeBufferPointer(rebasing: chunk[index..<newline]), body)
            } else {
                carry.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[index..<newline]))
                // `emit` strips a CR and refuses the line when it is still too long, as for a line in one chunk.
                let line = carry
                try line.withUnsafeBufferPointer { try emit($0, body) }
                carry.removeAll(keepingCapacity: true)
            }
            lineNumber += 1
            index = newline + 1
        }
    }

    /// Ends the stream: a last line without a newline is still a line.
    public mutating func finish(_ body: (Line) throws -> Void) rethrows {
        atStart = false
        if let skipped = skipping {
            let bytes = skipped.bytes - (skipped.endsWithCR ? 1 : 0)
            try body(.tooLong(number: lineNumber, bytes: bytes, prefix: skipped.prefix))
            skipping = nil
        } else if !carry.isEmpty {
            let line = carry
            carry = []
            try line.withUnsafeBufferPointer { try emit($0, body) }
        }
    }

    private mutating func appendPartial(_ bytes: UnsafeBufferPointer<UInt8>) {
        if var skipped = skipping {
            skipped.bytes += bytes.count
            if let last = bytes.last { skipped.endsWithCR = last == 0x0D }
            skipping = skipped
            return
        }
        if carry.count + bytes.count > maxLineBytes {
            carry.append(contentsOf: bytes)
            skipping = (carry.count, Self.prefix(of: carry), carry.last == 0x0D)
            carry = []
            return
        }
        carry.append(contentsOf: bytes)
    }

    private func emit(_ line: UnsafeBufferPointer<UInt8>, _ body: (Line) throws -> Void) rethrows {
        var end = line.count
        if end > 0 && line[end - 1] == 0x0D { end -= 1 }
        if end > maxLineBytes {
            try body(.tooLong(number: lineNumber, bytes: end, prefix: Self.prefix(of: Array(line.prefix(200)))))
            return
        }
        try body(.text(UnsafeBufferPointer(rebasing: line[0..<end]), number: lineNumber))
    }

    private static func prefix(of bytes: [UInt8]) -> String {
        String(decoding: bytes.prefix(200), as: UTF8.self)
    }

    @inline(__always)
    private static func find(_ byte: UInt8, in buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var index = start
        let count = buffer.count
        while index < count {
            if buffer[index] == byte { return index }
            index += 1
        }
        return nil
    }
}
