import Dispatch
import Foundation
import PulseCore

/// Streaming NDJSON reader state for one file.
///
/// Each chunk's complete lines are decoded on two threads at once (`EventDecoder` is pure), then handed to
/// the `BatchBuilder` one by one in line order, so the gates and duplicate rules see exactly the sequential order.
struct NDJSONState {
    let path: String
    let decoder: EventDecoder
    let limit: Int
    var scanner: LineScanner

    /// A line of the current chunk: its bytes in the chunk's arena, or an over-long line that was skipped.
    private enum Item {
        case text(start: Int, count: Int, number: Int)
        case tooLong(number: Int, bytes: Int, prefix: String)
    }

    private typealias Decoded = Result<(event: PulseEvent, statedCycleDays: Int?), FieldError>

    /// Lines of the current chunk, copied into one buffer (lines may span chunks, so the scanner's pointers
    /// do not outlive its callback).
    private var arena: [UInt8] = []
    private var items: [Item] = []

    init(path: String, decoder: EventDecoder, limit: Int) {
        self.path = path
        self.decoder = decoder
        self.limit = limit
        self.scanner = LineScanner(maxLineBytes: limit)
    }

    mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>, builder: inout BatchBuilder, file: Int) throws {
        arena.removeAll(keepingCapacity: true)
        arena.reserveCapacity(chunk.count + 4096)
        items.removeAll(keepingCapacity: true)
        var lines = (arena: arena, items: items)
        arena = []
        items = []
        scanner.feed(chunk) { Self.collect($0, into: &lines) }
        (arena, items) = lines
        process(builder: &builder, file: file)
    }

    mutating func finish(builder: inout BatchBuilder, file: Int) throws {
        arena.removeAll(keepingCapacity: true)
        items.removeAll(keepingCapacity: true)
        var lines = (arena: arena, items: items)
        arena = []
        items = []
        scanner.finish { Self.collect($0, into: &lines) }
        (arena, items) = lines
        process(builder: &builder, file: file)
        arena = []
        items = []
    }

    private static func collect(_ line: LineScanner.Line, into lines: inout (arena: [UInt8], items: [Item])) {
        switch line {
        case .tooLong(let number, let bytes, let prefix):
            lines.items.append(.tooLong(number: number, bytes: bytes, prefix: prefix))
        case .text(let bytes, let number):
            lines.items.append(.text(start: lines.arena.count, count: bytes.count, number: number))
            lines.arena.append(contentsOf: bytes)
        }
    }

    /// Decodes the collected lines in parallel, then adds them to the builder in order.
    private func process(builder: inout BatchBuilder, file: Int) {
        guard !items.isEmpty else { return }
        var decoded = decodeAll()
        arena.withUnsafeBufferPointer { base in
            for (position, item) in items.enumerated() {
                switch item {
                case .tooLong(let number, let bytes, let prefix):
                    builder.countRow(file: file)
                    builder.reject(
                        FieldError(
                            field: nil, gate: .parse,
                            reason: "line is \(grouped(bytes)) bytes long, over the \(grouped(limit)) limit; skipped"),
                        file: file, line: number, raw: prefix)
                case .text(let start, let count, let number):
                    guard let result = decoded[position].take() else { continue }
                    let bytes = UnsafeBufferPointer(rebasing: base[start..<(start + count)])
                    builder.countRow(file: file)
                    switch result {
                    case .success(let (event, stated)):
                        builder.add(
                            [(BuiltRecord(payload: event.payload, statedCycleDays: stated), false)], event: event,
                            file: file, line: number, raw: String(decoding: bytes.prefix(500), as: UTF8.self),
                            label: { "payload." + $0 })
                    case .failure(let error):
                        builder.reject(
                            error, file: file, line: number, raw: String(decoding: bytes.prefix(500), as: UTF8.self))
                    }
                }
            }
        }
    }

    /// One decode result per item: nil for blank lines and over-long lines.
    private func decodeAll() -> [Decoded?] {
        let decoder = decoder
        let items = items
        var results = [Decoded?](repeating: nil, count: items.count)
        // Small chunks are not worth a second thread.
        let parts = items.count >= 256 ? 2 : 1
        arena.withUnsafeBufferPointer { base in
            results.withUnsafeMutableBufferPointer { out in
                let output = UncheckedBuffer(pointer: out)
                let input = UncheckedBuffer(pointer: base)
                DispatchQueue.concurrentPerform(iterations: parts) { part in
                    let lower = items.count * part / parts
                    let upper = items.count * (part + 1) / parts
                    for index in lower..<upper {
                        guard case .text(let start, let count, _) = items[index] else { continue }
                        let bytes = UnsafeBufferPointer(rebasing: input.pointer[start..<(start + count)])
                        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
                        do throws(FieldError) {
                            output.pointer[index] = .success(try decoder.decode(line: bytes))
                        } catch {
                            output.pointer[index] = .failure(error)
                        }
                    }
                }
            }
        }
        return results
    }
}

/// A buffer pointer shared with the decode threads; each thread writes a disjoint index range, and the
/// caller reads the results only after `concurrentPerform` has returned.
private struct UncheckedBuffer<Pointer>: @unchecked Sendable {
    let pointer: Pointer
}
