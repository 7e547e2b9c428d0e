import Dispatch
import Foundation
import PulseCore

/// Streaming NDJSON reader state for one file.
///
/// Work is pipelined over the chunks: while the `BatchBuilder` takes the lines of chunk N (in line order,
/// on one thread), the lines of chunk N+1 are decoded on two more work items (`EventDecoder` is pure). The
/// builder therefore sees exactly the sequential order, so gates, duplicates and counts do not change.
struct NDJSONState {
    let path: String
    let decoder: EventDecoder
    let limit: Int
    var scanner: LineScanner

    /// A line of a chunk: its bytes in the chunk's arena, or an over-long line that was skipped.
    private enum Item {
        case text(start: Int, count: Int, number: Int)
        case tooLong(number: Int, bytes: Int, prefix: String)
    }

    private typealias Decoded = Result<(event: PulseEvent, statedCycleDays: Int?), FieldError>

    /// The lines of one chunk, copied into one buffer (a line may span chunks, so the scanner's pointers do not
    /// outlive its callback), and their decode results (nil for blank and over-long lines).
    private struct Lines {
        var arena: [UInt8] = []
        var items: [Item] = []
        var decoded: [Decoded?] = []
    }

    /// The previous chunk's decoded lines, not yet given to the builder.
    private var pending: Lines?

    init(path: String, decoder: EventDecoder, limit: Int) {
        self.path = path
        self.decoder = decoder
        self.limit = limit
        self.scanner = LineScanner(maxLineBytes: limit)
    }

    mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>, builder: inout BatchBuilder, file: Int) throws {
        var lines = Lines()
        lines.arena.reserveCapacity(chunk.count + 4096)
        scanner.feed(chunk) { Self.collect($0, into: &lines) }
        step(lines, builder: &builder, file: file)
    }

    mutating func finish(builder: inout BatchBuilder, file: Int) throws {
        var lines = Lines()
        scanner.finish { Self.collect($0, into: &lines) }
        step(lines, builder: &builder, file: file)
        step(Lines(), builder: &builder, file: file)
    }

    private static func collect(_ line: LineScanner.Line, into lines: inout Lines) {
        switch line {
        case .tooLong(let number, let bytes, let prefix):
            lines.items.append(.tooLong(number: number, bytes: bytes, prefix: prefix))
        case .text(let bytes, let number):
            lines.items.append(.text(start: lines.arena.count, count: bytes.count, number: number))
            lines.arena.append(contentsOf: bytes)
        }
    }

    /// Decodes `next` while the builder takes the pending lines, then keeps `next` as the pending lines.
    private mutating func step(_ next: Lines, builder: inout BatchBuilder, file: Int) {
        var next = next
        var previous = pending.take()
        next.decoded = Array(repeating: nil, count: next.items.count)
        // Small chunks are not worth splitting.
        let parts = next.items.count >= 256 ? 2 : (next.items.isEmpty ? 0 : 1)
        let decoder = decoder
        let limit = limit
        let items = next.items
        withUnsafeMutablePointer(to: &builder) { builderPointer in
            withUnsafeMutablePointer(to: &previous) { previousPointer in
                next.arena.withUnsafeBufferPointer { arena in
                    next.decoded.withUnsafeMutableBufferPointer { decoded in
                        // Each work item touches its own memory: the builder and the previous lines (item
                        // `parts`), or a disjoint index range of `decoded`; all are read after concurrentPerform.
                        let shared = Shared(
                            builder: builderPointer, previous: previousPointer, arena: arena, decoded: decoded)
                        DispatchQueue.concurrentPerform(iterations: parts + 1) { job in
                            if job == parts {
                                if shared.previous.pointee != nil {
                                    Self.add(
                                        &shared.previous.pointee!, limit: limit, builder: &shared.builder.pointee,
                                        file: file)
                                }
                                return
                            }
                            let lower = items.count * job / parts
                            let upper = items.count * (job + 1) / parts
                            for index in lower..<upper {
                                guard case .text(let start, let count, _) = items[index] else { continue }
                                let bytes = UnsafeBufferPointer(rebasing: shared.arena[start..<(start + count)])
                                if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
                                do throws(FieldError) {
                                    shared.decoded[index] = .success(try decoder.decode(line: bytes))
                                } catch {
                                    shared.decoded[index] = .failure(error)
                                }
                            }
                        }
                    }
                }
            }
        }
        pending = next.items.isEmpty ? nil : next
    }

    /// Gives decoded lines to the builder, in order.
    private static func add(_ lines: inout Lines, limit: Int, builder: inout BatchBuilder, file: Int) {
        lines.arena.withUnsafeBufferPointer { base in
            for (position, item) in lines.items.enumerated() {
                switch item {
                case .tooLong(let number, let bytes, let prefix):
                    builder.countRow(file: file)
                    builder.reject(
                        FieldError(
                            field: nil, gate: .parse,
                            reason: "line is \(grouped(bytes)) bytes long, over the \(grouped(limit)) limit; skipped"),
                        file: file, line: number, raw: prefix)
                case .text(let start, let count, let number):
                    guard let result = lines.decoded[position].take() else { continue }
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

    /// The memory the pipelined work items share (see `step`): each item uses a disjoint part.
    private struct Shared: @unchecked Sendable {
        let builder: UnsafeMutablePointer<BatchBuilder>
        let previous: UnsafeMutablePointer<Lines?>
        let arena: UnsafeBufferPointer<UInt8>
        let decoded: UnsafeMutableBufferPointer<Decoded?>
    }
}
