import Foundation

/// A buffered, append-only text file writer (1 MiB buffer) for exports and NDJSON chunks.
final class DemoFileWriter {
    let url: URL
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    /// Lines written so far.
    private(set) var lines = 0

    /// Creates (or truncates) the file at `url`.
    init(url: URL) throws {
        self.url = url
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw DemoError.cannotWrite(url.path, reason: "the file cannot be created")
        }
        handle = try FileHandle(forWritingTo: url)
        buffer.reserveCapacity(1 << 20)
    }

    /// Appends `line` and a newline.
    func write(line: String) throws {
        buffer.append(contentsOf: line.utf8)
        buffer.append(0x0A)
        lines += 1
        if buffer.count >= 1 << 20 { try flush() }
    }

    func flush() throws {
        guard !buffer.isEmpty else { return }
        do {
            try handle.write(contentsOf: buffer)
        } catch {
            throw DemoError.cannotWrite(url.path, reason: error.localizedDescription)
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes and closes the file.
    func close() throws {
        try flush()
        try handle.close()
    }
}
