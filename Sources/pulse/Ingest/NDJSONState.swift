import Foundation
import PulseCore

/// Streaming NDJSON reader state for one file.
struct NDJSONState {
    let path: String
    let decoder: EventDecoder
    let limit: Int
    var scanner: LineScanner

    init(path: String, decoder: EventDecoder, limit: Int) {
        self.path = path
        self.decoder = decoder
        self.limit = limit
        self.scanner = LineScanner(maxLineBytes: limit)
    }

    mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>, builder: inout BatchBuilder, file: Int) throws {
        let decoder = self.decoder
        let limit = self.limit
        scanner.feed(chunk) { Self.handle($0, decoder: decoder, limit: limit, builder: &builder, file: file) }
    }

    mutating func finish(builder: inout BatchBuilder, file: Int) throws {
        let decoder = self.decoder
        let limit = self.limit
        scanner.finish { Self.handle($0, decoder: decoder, limit: limit, builder: &builder, file: file) }
    }

    private static func handle(
        _ line: LineScanner.Line, decoder: EventDecoder, limit: Int, builder: inout BatchBuilder, file: Int
    ) {
        switch line {
        case .tooLong(let number, let bytes, let prefix):
            builder.countRow(file: file)
            builder.reject(
                FieldError(
                    field: nil, gate: .parse,
                    reason: "line is \(grouped(bytes)) bytes long, over the \(grouped(limit)) limit; skipped"),
                file: file, line: number, raw: prefix)
        case .text(let bytes, let number):
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return }
            builder.countRow(file: file)
            do {
                let (event, stated) = try decoder.decode(line: bytes)
                builder.add(
                    [(BuiltRecord(payload: event.payload, statedCycleDays: stated), false)], event: event, file: file,
                    line: number, raw: String(decoding: bytes.prefix(500), as: UTF8.self), label: { "payload." + $0 })
            } catch {
                builder.reject(
                    error, file: file, line: number, raw: String(decoding: bytes.prefix(500), as: UTF8.self))
            }
        }
    }
}
